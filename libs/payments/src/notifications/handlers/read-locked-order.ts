import type { EntityTarget } from 'typeorm';
import { BnplOrderEntity } from '../../bnpl/entities/bnpl-order.entity.js';
import {
  assertAmount,
  lockOrder,
  type GatewayOrder,
} from '../../checkout/lock-order.js';
import { readNotification } from '../../gateway-messages/read-notification.js';
import { PaymentSubscriptionEntity } from '../../subscriptions/entities/payment-subscription.entity.js';
import type { NotificationContext } from './notification-handler.js';

/**
 * The kind of order a notification is about, and which of its amounts every notification must carry.
 * @internal
 */
export interface OrderKind<T extends GatewayOrder> {
  entity: EntityTarget<T>;
  amountOf: (order: T) => number;
  /** How the amount is named in a rejection, e.g. `the subscription's PeriodAmount`. */
  amountName: string;
}

/** @internal */
export const SUBSCRIPTION_ORDER: OrderKind<PaymentSubscriptionEntity> = {
  entity: PaymentSubscriptionEntity,
  amountOf: (subscription) => subscription.periodAmount,
  amountName: "the subscription's PeriodAmount",
};

/** @internal */
export const BNPL_ORDER: OrderKind<BnplOrderEntity> = {
  entity: BnplOrderEntity,
  amountOf: (order) => order.totalAmount,
  amountName: "the order's TotalAmount",
};

/**
 * What every handler does first: read and validate the notification's fields as `dtoClass`, lock the
 * order its MerchantTradeNo names at the verified merchant, and check the amount field against the
 * order's own amount.
 *
 * @throws NotificationRejectedError when the body is malformed, the order unknown or another merchant's,
 * or the amount differs
 * @internal
 */
export async function readLockedOrder<
  D extends { MerchantTradeNo: string },
  T extends GatewayOrder,
>(
  { manager, fields, merchant }: NotificationContext,
  dtoClass: new () => D,
  amountField: keyof D & string,
  kind: OrderKind<T>,
): Promise<{ value: D; order: T; amount: number }> {
  const value = readNotification(dtoClass, fields);
  const order = await lockOrder(manager, kind.entity, {
    merchantTradeNo: value.MerchantTradeNo,
    merchantId: merchant.merchantId,
  });
  const amount = Number(value[amountField]);
  assertAmount(amountField, amount, kind.amountOf(order), kind.amountName);
  return { value, order, amount };
}
