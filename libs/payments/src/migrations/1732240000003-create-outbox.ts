import {
  Table,
  TableColumn,
  TableIndex,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';
import { migrationColumns } from './column-types.js';

/**
 * Creates the transactional outbox (`twpay_outbox_event`) and gives the inbox its re-apply lease
 * (`claimed_until`).
 *
 * @publicApi
 */
export class CreateOutbox1732240000003 implements MigrationInterface {
  name = 'CreateOutbox1732240000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'twpay_outbox_event',
        columns: [
          c.id(),
          c.varchar('name', 64),
          c.text('payload'),
          c.varchar('notification_id', 36, true),
          c.date('created_at', false, 3),
          c.date('claimed_until', true, 3),
          c.date('sent_at', true, 3),
        ],
        indices: [
          new TableIndex({
            name: 'IDX_twpay_outbox_event_unsent',
            columnNames: ['sent_at', 'claimed_until'],
          }),
        ],
      }),
    );
    await queryRunner.addColumn(
      'twpay_gateway_notification',
      new TableColumn(c.date('claimed_until', true, 3)),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('twpay_gateway_notification', 'claimed_until');
    await queryRunner.dropTable('twpay_outbox_event');
  }
}
