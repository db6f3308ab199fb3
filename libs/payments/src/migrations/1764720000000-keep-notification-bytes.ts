import {
  TableColumn,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';
import { migrationColumns } from './column-types.js';

/**
 * Adds the inbox's `raw_bytes` (the exact bytes received, base64) and `raw_length` (how many bytes
 * the request carried, so a cut body is known to be cut). `raw_body` stays as the readable copy.
 *
 * @publicApi
 */
export class KeepNotificationBytes1764720000000 implements MigrationInterface {
  name = 'KeepNotificationBytes1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.addColumns('twpay_gateway_notification', [
      new TableColumn(c.text('raw_bytes', true)),
      new TableColumn(c.nullableInteger('raw_length')),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('twpay_gateway_notification', [
      'raw_bytes',
      'raw_length',
    ]);
  }
}
