import type { EntityManager } from 'typeorm';
import { PaymentSubscriptionEntity } from '../../subscriptions/entities/payment-subscription.entity.js';
import { NotificationRejection } from '../notification-rejection.js';

/**
 * Loads the subscription a notification is about and locks its row for the rest of the transaction,
 * so concurrent copies of one notification on several app instances are applied one after the other.
 * SQLite has no row locks, and needs none: it allows one writer at a time.
 *
 * @internal
 */
export async function lockSubscription(
  manager: EntityManager,
  merchantTradeNo: string,
): Promise<PaymentSubscriptionEntity | null> {
  const sqlite = manager.connection.driver.options.type === 'better-sqlite3';
  return manager.getRepository(PaymentSubscriptionEntity).findOne({
    where: { merchantTradeNo },
    ...(sqlite ? {} : { lock: { mode: 'pessimistic_write' as const } }),
  });
}

/** Rejects a notification whose MerchantID is not the one the order was created for. */
export function assertSameMerchant(
  subscription: PaymentSubscriptionEntity,
  merchantId: string,
): void {
  if (subscription.merchantId !== merchantId) {
    throw new NotificationRejection(
      `MerchantID ${merchantId} does not match the order's merchant ${subscription.merchantId}`,
    );
  }
}

/** Rejects an amount other than the agreement's fixed PeriodAmount (REFERENCE.md 2.3, last point). */
export function assertPeriodAmount(
  subscription: PaymentSubscriptionEntity,
  field: string,
  amount: number,
): void {
  if (amount !== subscription.periodAmount) {
    throw new NotificationRejection(
      `${field} ${amount} differs from the subscription's PeriodAmount ${subscription.periodAmount}`,
    );
  }
}
