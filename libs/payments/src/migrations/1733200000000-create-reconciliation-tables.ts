import {
  Table,
  TableIndex,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';
import { migrationColumns } from './column-types.js';

/**
 * Creates the reconciliation's drift reports (`ReconciliationReportEntity`) and the per-subscription
 * leases that keep two instances from reconciling one subscription at once.
 *
 * @publicApi
 */
export class CreateReconciliationTables1733200000000 implements MigrationInterface {
  name = 'CreateReconciliationTables1733200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'twpay_reconciliation_report',
        columns: [
          c.id(),
          c.varchar('trigger', 16),
          c.boolean('due_only'),
          c.date('started_at'),
          c.date('finished_at', true),
          c.integer('checked', 0),
          c.integer('repaired', 0),
          c.integer('errors', 0),
          c.integer('skipped', 0),
          c.text('drifts'),
          c.text('failures'),
        ],
        indices: [
          new TableIndex({
            name: 'IDX_twpay_reconciliation_report_started',
            columnNames: ['started_at'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'twpay_reconciliation_lease',
        columns: [
          c.id('subscription_id'),
          c.varchar('holder', 36, true),
          c.date('expires_at'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('twpay_reconciliation_lease');
    await queryRunner.dropTable('twpay_reconciliation_report');
  }
}
