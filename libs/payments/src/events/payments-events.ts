import type { NotificationChannel } from '../notifications/gateway-notification.entity.js';
import type { SubscriptionStatus } from '../subscriptions/subscription-status.js';

/**
 * Names of the events the module emits through `@nestjs/event-emitter`, after the change they
 * describe is committed, once per applied change.
 *
 * @example @OnEvent(PAYMENTS_EVENTS.PERIOD_SUCCEEDED) grant(event: PeriodEvent) { … }
 * @publicApi
 */
export const PAYMENTS_EVENTS = {
  /** The first authorization succeeded: `pending` → `active`. Payload: {@link SubscriptionEvent}. */
  SUBSCRIPTION_ACTIVATED: 'twpay.subscription.activated',
  /** The first authorization was declined. Payload: {@link SubscriptionEvent}. */
  FIRST_AUTHORIZATION_FAILED: 'twpay.subscription.first_authorization_failed',
  /** An authorization (the first included) succeeded and counts as paid. Payload: {@link PeriodEvent}. */
  PERIOD_SUCCEEDED: 'twpay.period.succeeded',
  /** A later authorization failed. Payload: {@link PeriodEvent}. */
  PERIOD_FAILED: 'twpay.period.failed',
  /** `active` → `past_due`. Payload: {@link SubscriptionEvent}. */
  SUBSCRIPTION_PAST_DUE: 'twpay.subscription.past_due',
  /** `past_due` → `active`. Payload: {@link SubscriptionEvent}. */
  SUBSCRIPTION_RECOVERED: 'twpay.subscription.recovered',
  /** ExecTimes authorizations succeeded. Payload: {@link SubscriptionEvent}. */
  SUBSCRIPTION_COMPLETED: 'twpay.subscription.completed',
  /** A notification was refused (bad MAC, unknown order, wrong amount…). Payload: {@link NotificationRejectedEvent}. */
  NOTIFICATION_REJECTED: 'twpay.notification.rejected',
} as const;

/** @publicApi */
export type PaymentsEventName =
  (typeof PAYMENTS_EVENTS)[keyof typeof PAYMENTS_EVENTS];

/**
 * A subscription's state after a change.
 *
 * @publicApi
 */
export interface SubscriptionEvent {
  subscriptionId: string;
  merchantTradeNo: string;
  customerId: string | null;
  status: SubscriptionStatus;
  previousStatus: SubscriptionStatus;
  totalSuccessTimes: number;
  execTimes: number;
}

/**
 * One authorization, as recorded in the ledger.
 *
 * @publicApi
 */
export interface PeriodEvent {
  subscriptionId: string;
  merchantTradeNo: string;
  customerId: string | null;
  periodId: string;
  sequence: number;
  amount: number;
  gwsr: string | null;
  processedAt: Date;
  rtnCode: string;
  rtnMsg: string;
  simulated: boolean;
}

/**
 * A notification the module refused. Carries no secret and no raw body; look the inbox row up by id.
 *
 * @publicApi
 */
export interface NotificationRejectedEvent {
  notificationId: string;
  channel: NotificationChannel;
  merchantTradeNo: string | null;
  reason: string;
}

/** An event waiting for its transaction to commit. @internal */
export interface PendingEvent {
  name: PaymentsEventName | string;
  payload: object;
}
