import type { EntityManager } from 'typeorm';
import { ConcurrentUpdateError } from '../errors/payments.error.js';
import { PAYMENTS_MESSAGES } from '../errors/payments.messages.js';
import { updateRows } from '../persistence/compiled-statements.js';
import { PaymentSubscriptionEntity } from './entities/payment-subscription.entity.js';

/** Columns of a subscription that a change writes. */
export type SubscriptionColumns = Partial<
  Pick<
    PaymentSubscriptionEntity,
    | 'status'
    | 'totalSuccessTimes'
    | 'amountCollected'
    | 'consecutiveFailures'
    | 'firstTradeNo'
    | 'firstAuthorizedAt'
    | 'lastAuthorizedAt'
    | 'periodAmount'
    | 'execTimes'
  >
>;

/**
 * Writes the given columns of a subscription over the version the change was decided on: a plain
 * `UPDATE … WHERE id = ? AND version = ?`, which also bumps the version. The row lock makes the
 * version always match on PostgreSQL and MariaDB, and SQLite has one writer; should it ever not,
 * nothing is written and `ConcurrentUpdateError` says so, for the change to be made again against
 * the new state. The entity's version is kept in step, so one transaction can write it again.
 *
 * @internal
 */
export async function writeSubscriptionColumns(
  manager: EntityManager,
  subscription: PaymentSubscriptionEntity,
  columns: SubscriptionColumns,
): Promise<void> {
  const affected = await updateRows<PaymentSubscriptionEntity>(
    manager,
    PaymentSubscriptionEntity,
    columns,
    { id: subscription.id, version: subscription.version },
  );
  if (affected !== 1) {
    throw new ConcurrentUpdateError(
      PAYMENTS_MESSAGES.orderChanged(
        'subscription',
        subscription.merchantTradeNo,
      ),
    );
  }
  subscription.version += 1;
}
