import {
  Table,
  TableIndex,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';
import { migrationColumns } from './column-types.js';

/**
 * Creates the BNPL order table (`BnplOrderEntity`).
 *
 * @publicApi
 */
export class CreateBnplApplication1732240000001 implements MigrationInterface {
  name = 'CreateBnplApplication1732240000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'twpay_bnpl_application',
        columns: [
          c.id(),
          c.varchar('gateway', 10),
          c.varchar('merchant_id', 10),
          c.varchar('merchant_trade_no', 20),
          c.varchar('status', 16),
          c.integer('total_amount'),
          c.varchar('item_name', 400),
          c.varchar('payment_type', 20, true),
          c.varchar('bnpl_trade_no', 64, true),
          c.nullableInteger('installments'),
          c.varchar('trade_no', 20, true),
          c.varchar('rtn_code', 10, true),
          c.varchar('rtn_msg', 200, true),
          c.boolean('simulated'),
          c.date('applied_at', true),
          c.date('paid_at', true),
          c.varchar('customer_id', 64, true),
          c.text('metadata', true),
          c.createdAt('created_at'),
          c.updatedAt('updated_at'),
          c.integer('version'),
        ],
        indices: [
          new TableIndex({
            name: 'UQ_twpay_bnpl_application_merchant_trade_no',
            columnNames: ['merchant_trade_no'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'IDX_twpay_bnpl_application_customer',
            columnNames: ['customer_id'],
          }),
          new TableIndex({
            name: 'IDX_twpay_bnpl_application_status',
            columnNames: ['status'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('twpay_bnpl_application');
  }
}
