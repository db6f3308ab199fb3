import type { DeliveryQueue } from './delivery-queue.js';
import type { FaultPlan } from './fault-plan.js';
import {
  GATEWAY_ERROR_CODES as CODES,
  gatewayError,
} from './gateway-errors.js';
import {
  paymentResultFields,
  resentPaymentResultFields,
  type NotificationFields,
} from './notification-builder.js';
import type { NotificationSigner } from './notification-signer.js';
import type { ResolvedSimulatorOptions } from './simulator-options.js';
import type {
  OrderStatus,
  PaymentResult,
  SimulatedOrder,
} from './simulator-model.js';
import type { BrowserPost, RefusedStep } from './simulator-outcomes.js';
import type { SimulatorState } from './simulator-state.js';
import type { VirtualClock } from './virtual-clock.js';

/**
 * What every part of the simulated gateway works on: its options, the virtual clock, the faults to
 * inject, the order book and the notification queue. Owned by {@link GatewaySimulator}; the parts
 * (card payment, BNPL provider, scheduler, agreement actions) get it passed in.
 */
export interface SimulatorContext {
  readonly options: ResolvedSimulatorOptions;
  readonly clock: VirtualClock;
  readonly faults: FaultPlan;
  readonly state: SimulatorState;
  readonly deliveries: DeliveryQueue;
  readonly signer: NotificationSigner;
}

/** The order a buyer acts on, if it exists and is in the `expected` status. */
export function openOrder(
  context: SimulatorContext,
  orderId: string,
  expected: OrderStatus,
): SimulatedOrder | RefusedStep {
  const order = context.state.get(orderId);
  if (!order) {
    return {
      ok: false,
      error: gatewayError(CODES.ORDER_NOT_FOUND, 'Order not found'),
    };
  }
  if (order.status !== expected) {
    return {
      ok: false,
      error: gatewayError(
        CODES.ORDER_ALREADY_PROCESSED,
        `Order ${order.merchantTradeNo} was already processed (${order.status})`,
      ),
      order,
    };
  }
  return order;
}

/** Who a notification about `order` is for. */
export function deliveryTarget(order: SimulatedOrder) {
  return {
    merchantId: order.merchantId,
    merchantTradeNo: order.merchantTradeNo,
    orderId: order.id,
  };
}

/** Sends a payment result to ReturnURL (awaited; re-sent with `RtnMsg=paid` until answered `1|OK`). */
export async function notifyPaymentResult(
  context: SimulatorContext,
  order: SimulatedOrder,
  result: PaymentResult,
): Promise<void> {
  const fields = paymentResultFields(order, result);
  await context.deliveries.submit({
    ...deliveryTarget(order),
    channel: 'ReturnURL',
    url: order.urls.returnUrl,
    fields,
    resendFields: resentPaymentResultFields(fields),
  });
}

/** A signed browser post to one of the order's browser URLs. */
export function browserPost(
  context: SimulatorContext,
  order: SimulatedOrder,
  url: string,
  fields: NotificationFields,
): BrowserPost {
  return { url, fields: context.signer.sign(order.merchantId, fields).fields };
}
