import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { PaymentsErrorCode } from '../errors/payments-error-code.js';
import { NotificationRejectedError } from '../errors/payments.error.js';
import { PAYMENTS_MESSAGES } from '../errors/payments.messages.js';
import { selectOneForUpdate } from '../persistence/compiled-statements.js';
import { merchantTradeNoKey } from './merchant-trade-no.js';

/** What every order a notification can be about has: a MerchantTradeNo, at one merchant. */
export interface GatewayOrder extends ObjectLiteral {
  merchantTradeNo: string;
  merchantTradeNoKey: string;
  merchantId: string;
}

/**
 * Loads the order a notification is about (a subscription, a BNPL order) and locks its row for the
 * rest of the transaction, so concurrent copies of one notification on several app instances are
 * applied one after the other. SQLite has no row locks, and needs none: it allows one writer at a
 * time.
 *
 * @throws NotificationRejectedError when there is no such order, or it belongs to another merchant
 * @internal
 */
export async function lockOrder<T extends GatewayOrder>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  claimed: { merchantTradeNo: string; merchantId: string },
): Promise<T> {
  // By the case-folded key: letter case is not authenticated, so any casing names the same order.
  const order = await selectOneForUpdate(
    manager,
    entity,
    'merchantTradeNoKey',
    merchantTradeNoKey(claimed.merchantTradeNo),
  );
  if (!order) {
    throw new NotificationRejectedError(
      PaymentsErrorCode.UNKNOWN_ORDER,
      PAYMENTS_MESSAGES.unknownOrder(claimed.merchantTradeNo),
    );
  }
  if (order.merchantId !== claimed.merchantId) {
    throw new NotificationRejectedError(
      PaymentsErrorCode.MERCHANT_MISMATCH,
      PAYMENTS_MESSAGES.merchantMismatch(claimed.merchantId, order.merchantId),
    );
  }
  return order;
}

/**
 * Rejects an amount other than the order's own (docs/gateway-protocol.md §2.3, last point).
 *
 * @param expectedName what the amount is compared with, e.g. `the subscription's PeriodAmount`
 * @internal
 */
export function assertAmount(
  field: string,
  amount: number,
  expected: number,
  expectedName: string,
): void {
  if (amount !== expected) {
    throw new NotificationRejectedError(
      PaymentsErrorCode.AMOUNT_MISMATCH,
      PAYMENTS_MESSAGES.amountMismatch(field, amount, expectedName, expected),
    );
  }
}
