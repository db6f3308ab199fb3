import {
  TableColumn,
  TableIndex,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';

const TABLES = ['twpay_subscription', 'twpay_bnpl_application'] as const;

/**
 * Adds `merchant_trade_no_key` (MerchantTradeNo in upper case) with a unique index to the order
 * tables, so two orders never differ by letter case alone (letter case is not authenticated by the
 * CheckMacValue, docs/gateway-protocol.md §2). Existing rows are keyed from their MerchantTradeNo;
 * if two already differ only by case the unique index cannot be built and the migration stops:
 * cancel one of them first.
 *
 * @publicApi
 */
export class CaseInsensitiveMerchantTradeNo1764633600000 implements MigrationInterface {
  name = 'CaseInsensitiveMerchantTradeNo1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      const column = (nullable: boolean) =>
        new TableColumn({
          name: 'merchant_trade_no_key',
          type: 'varchar',
          length: '20',
          isNullable: nullable,
        });
      await queryRunner.addColumn(table, column(true));
      await queryRunner.query(
        `UPDATE ${table} SET merchant_trade_no_key = UPPER(merchant_trade_no)`,
      );
      await queryRunner.changeColumn(
        table,
        'merchant_trade_no_key',
        column(false),
      );
      await queryRunner.createIndex(
        table,
        new TableIndex({
          name: `UQ_${table}_merchant_trade_no_key`,
          columnNames: ['merchant_trade_no_key'],
          isUnique: true,
        }),
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.dropIndex(table, `UQ_${table}_merchant_trade_no_key`);
      await queryRunner.dropColumn(table, 'merchant_trade_no_key');
    }
  }
}
