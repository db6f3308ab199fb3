import {
  TableColumn,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';
import { migrationColumns } from './column-types.js';

const TABLE = 'twpay_subscription';

/**
 * Records the app's own Cancel on a subscription: when the gateway confirmed it, and whether the
 * customer keeps access to the end of the paid period (`PaymentSubscriptionEntity.cancelledAt`,
 * `cancelAtPeriodEnd`).
 *
 * @publicApi
 */
export class AddSubscriptionCancellation1733100000000 implements MigrationInterface {
  name = 'AddSubscriptionCancellation1733100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.addColumns(TABLE, [
      new TableColumn(c.date('cancelled_at', true)),
      new TableColumn({
        ...c.boolean('cancel_at_period_end'),
        isNullable: true,
      }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn(TABLE, 'cancel_at_period_end');
    await queryRunner.dropColumn(TABLE, 'cancelled_at');
  }
}
