import type { NotificationChannel } from '../domain/notification-channel.js';
import type { BnplStatus } from '../domain/bnpl-status.js';
import type { SubscriptionDrift } from '../domain/subscription-drift.js';
import type { SubscriptionStatus } from '../domain/subscription-status.js';
import type { NotificationRejectionCode } from '../errors/payments.error.js';

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
  /**
   * The app cancelled the agreement and the gateway confirmed it: no further charge. Payload:
   * {@link SubscriptionEvent}.
   */
  SUBSCRIPTION_CANCELLED: 'twpay.subscription.cancelled',
  /**
   * The gateway stopped the agreement without a cancel from this app (six failed charges, a stop in
   * its back office), as reconciliation found it. Payload: {@link SubscriptionEvent}.
   */
  SUBSCRIPTION_TERMINATED: 'twpay.subscription.terminated',
  /**
   * Reconciliation found a subscription differing from its agreement at the gateway and repaired it.
   * The back-filled periods' own events (`twpay.period.*`, status events) are emitted as well, as if
   * their posts had arrived. Payload: {@link ReconciliationRepairedEvent}.
   */
  RECONCILIATION_REPAIRED: 'twpay.reconciliation.repaired',
  /**
   * The instalment provider received the buyer's application (`RtnCode=2`, 申請中): the BNPL order is
   * `applying`. Not approved and not paid (docs/gateway-protocol.md section 8). Payload: {@link BnplEvent}.
   */
  BNPL_APPLICATION_RECEIVED: 'twpay.bnpl.application_received',
  /**
   * The application result said the application failed; {@link PAYMENTS_EVENTS.BNPL_FAILED} follows.
   * Payload: {@link BnplEvent}.
   */
  BNPL_APPLICATION_FAILED: 'twpay.bnpl.application_failed',
  /** The payment result said paid, and it counts as paid: the BNPL order is `paid`. Payload: {@link BnplEvent}. */
  BNPL_PAID: 'twpay.bnpl.paid',
  /**
   * The BNPL order is `failed`, whatever failed: the application or the payment. Payload:
   * {@link BnplEvent}.
   */
  BNPL_FAILED: 'twpay.bnpl.failed',
  /** A notification was refused (bad MAC, unknown order, wrong amount…). Payload: {@link NotificationRejectedEvent}. */
  NOTIFICATION_REJECTED: 'twpay.notification.rejected',
  /**
   * A stored notification failed to apply `maxApplyAttempts` times and is left for an operator
   * (the gateway was told `1|OK`). Payload: {@link NotificationFailedEvent}.
   */
  NOTIFICATION_FAILED: 'twpay.notification.failed',
} as const;

/** @publicApi */
export type PaymentsEventName =
  (typeof PAYMENTS_EVENTS)[keyof typeof PAYMENTS_EVENTS];

/**
 * What every event carries. Events are delivered at least once: after a crash between the commit and
 * the delivery, an event is delivered again with the same `eventId`, so a listener that must act once
 * de-duplicates on it.
 *
 * @publicApi
 */
export interface PaymentsEventBase {
  /** The same on every delivery of one event. */
  eventId: string;
}

/**
 * A subscription's state after a change.
 *
 * @publicApi
 */
export interface SubscriptionEvent extends PaymentsEventBase {
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
export interface PeriodEvent extends PaymentsEventBase {
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
 * A BNPL order after a change, with the result that made it.
 *
 * @publicApi
 */
export interface BnplEvent extends PaymentsEventBase {
  bnplApplicationId: string;
  merchantTradeNo: string;
  customerId: string | null;
  status: BnplStatus;
  previousStatus: BnplStatus;
  /**
   * Which result moved the order: the application result (PaymentInfoURL, or ReturnURL when the
   * gateway posts it there) or the payment result (ReturnURL).
   */
  result: 'application' | 'payment';
  totalAmount: number;
  tradeNo: string | null;
  bnplTradeNo: string | null;
  installments: number | null;
  rtnCode: string;
  rtnMsg: string;
  /** Paid by a `SimulatePaid=1` result that the module's policy let count. */
  simulated: boolean;
}

/**
 * A notification the module refused. Carries no secret and no raw body; look the inbox row up by id.
 *
 * @publicApi
 */
export interface NotificationRejectedEvent extends PaymentsEventBase {
  notificationId: string;
  channel: NotificationChannel;
  merchantTradeNo: string | null;
  /** Why, as a stable code an app can branch on. */
  code: NotificationRejectionCode;
  /** Why, in words an operator can act on. */
  reason: string;
}

/**
 * A stored notification whose re-apply is exhausted. Carries no secret and no raw body; look the inbox
 * row up by id.
 *
 * @publicApi
 */
export interface NotificationFailedEvent extends PaymentsEventBase {
  notificationId: string;
  channel: NotificationChannel;
  merchantTradeNo: string | null;
  /** How many times applying it was tried. */
  attempts: number;
  /** The error of the last attempt. */
  error: string;
}

/**
 * A subscription reconciliation repaired, with what differed.
 *
 * @publicApi
 */
export interface ReconciliationRepairedEvent extends PaymentsEventBase {
  subscriptionId: string;
  merchantTradeNo: string;
  customerId: string | null;
  /** The reconciliation run that repaired it (the drift report's id). */
  runId: string;
  drift: SubscriptionDrift;
}
