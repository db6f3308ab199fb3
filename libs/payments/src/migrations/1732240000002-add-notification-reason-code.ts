import {
  TableColumn,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';
import { migrationColumns } from './column-types.js';

/**
 * Adds the inbox's `reason_code`: the stable code of a rejected notification (`TWPAY_UNKNOWN_ORDER`…),
 * beside the words in `reason`.
 *
 * @publicApi
 */
export class AddNotificationReasonCode1732240000002 implements MigrationInterface {
  name = 'AddNotificationReasonCode1732240000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.addColumn(
      'twpay_gateway_notification',
      new TableColumn(c.varchar('reason_code', 40, true)),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('twpay_gateway_notification', 'reason_code');
  }
}
