import {
  Table,
  TableForeignKey,
  TableIndex,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';
import { migrationColumns } from './column-types.js';

/**
 * Creates the subscription, ledger and inbox tables.
 *
 * @publicApi
 */
export class CreatePaymentsSchema1732240000000 implements MigrationInterface {
  name = 'CreatePaymentsSchema1732240000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'twpay_subscription',
        columns: [
          c.id(),
          c.varchar('gateway', 10),
          c.varchar('merchant_id', 10),
          c.varchar('merchant_trade_no', 20),
          c.varchar('status', 24),
          c.integer('period_amount'),
          c.varchar('period_type', 1),
          c.integer('frequency'),
          c.integer('exec_times'),
          c.integer('total_success_times', 0),
          c.integer('amount_collected', 0),
          c.integer('consecutive_failures', 0),
          c.varchar('item_name', 400),
          c.varchar('first_trade_no', 20, true),
          c.date('first_authorized_at', true),
          c.date('last_authorized_at', true),
          c.varchar('customer_id', 64, true),
          c.text('metadata', true),
          c.createdAt('created_at'),
          c.updatedAt('updated_at'),
          c.integer('version'),
        ],
        indices: [
          new TableIndex({
            name: 'UQ_twpay_subscription_merchant_trade_no',
            columnNames: ['merchant_trade_no'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'IDX_twpay_subscription_customer',
            columnNames: ['customer_id'],
          }),
          new TableIndex({
            name: 'IDX_twpay_subscription_status',
            columnNames: ['status'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'twpay_period_authorization',
        columns: [
          c.id(),
          c.varchar('subscription_id', 36),
          c.integer('sequence'),
          c.varchar('gwsr', 20, true),
          c.varchar('trade_no', 20, true),
          c.integer('amount'),
          c.boolean('success'),
          c.varchar('rtn_code', 10),
          c.varchar('rtn_msg', 200),
          c.varchar('auth_code', 10, true),
          c.date('processed_at'),
          c.boolean('simulated'),
          c.boolean('counts_as_paid'),
          c.varchar('card_last4', 4, true),
          c.varchar('card_first6', 6, true),
          c.varchar('source', 24),
          c.varchar('notification_id', 36, true),
          c.createdAt('created_at'),
        ],
        indices: [
          new TableIndex({
            name: 'UQ_twpay_period_authorization_gwsr',
            columnNames: ['subscription_id', 'gwsr'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'UQ_twpay_period_authorization_trade_no',
            columnNames: ['subscription_id', 'trade_no'],
            isUnique: true,
          }),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['subscription_id'],
            referencedTableName: 'twpay_subscription',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'twpay_gateway_notification',
        columns: [
          c.id(),
          c.varchar('channel', 24),
          c.text('raw_body'),
          c.varchar('remote_address', 64, true),
          c.date('received_at', false, 3),
          c.varchar('merchant_id', 32, true),
          c.varchar('merchant_trade_no', 64, true),
          c.varchar('verification', 24, true),
          c.varchar('outcome', 16),
          c.varchar('reason', 500, true),
          c.text('error', true),
          c.integer('attempts', 0),
          c.date('processed_at', true),
        ],
        indices: [
          new TableIndex({
            name: 'IDX_twpay_gateway_notification_outcome',
            columnNames: ['outcome', 'received_at'],
          }),
          new TableIndex({
            name: 'IDX_twpay_gateway_notification_trade_no',
            columnNames: ['merchant_trade_no'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('twpay_gateway_notification');
    await queryRunner.dropTable('twpay_period_authorization');
    await queryRunner.dropTable('twpay_subscription');
  }
}
