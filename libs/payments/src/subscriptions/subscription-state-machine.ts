import { PAYMENTS_EVENTS } from '../events/payments-events.js';
import type { PaymentSubscriptionEntity } from './entities/payment-subscription.entity.js';
import {
  FINAL_SUBSCRIPTION_STATUSES,
  type SubscriptionStatus,
} from '../domain/subscription-status.js';

/**
 * One authorization as the state machine needs to know it.
 * @internal
 */
export interface AuthorizationFact {
  /** First authorization (ReturnURL) or a later one (PeriodReturnURL). */
  first: boolean;
  /** RtnCode was 1. */
  success: boolean;
  /** Success that also counts as paid under the SimulatePaid policy. */
  countsAsPaid: boolean;
  amount: number;
  processedAt: Date;
  /** The gateway's TotalSuccessTimes after this authorization, when it sent one. */
  totalSuccessTimes: number | undefined;
}

/**
 * Subscription-level events a change produced (period-level events are the caller's: it owns the
 * ledger row).
 * @internal
 */
export interface SubscriptionTransition {
  event: SubscriptionTransitionEvent;
  from: SubscriptionStatus;
  to: SubscriptionStatus;
}

/** @internal */
export type SubscriptionTransitionEvent =
  | typeof PAYMENTS_EVENTS.SUBSCRIPTION_ACTIVATED
  | typeof PAYMENTS_EVENTS.FIRST_AUTHORIZATION_FAILED
  | typeof PAYMENTS_EVENTS.SUBSCRIPTION_PAST_DUE
  | typeof PAYMENTS_EVENTS.SUBSCRIPTION_RECOVERED
  | typeof PAYMENTS_EVENTS.SUBSCRIPTION_COMPLETED;

/**
 * Applies one new ledger fact to a subscription, in place, and says which subscription events follow.
 *
 * The rules that make delivery order irrelevant:
 * - counters only grow (TotalSuccessTimes is the maximum ever reported);
 * - the status moves only for the newest authorization by process date, so a late or re-sent
 *   notification never moves it backwards;
 * - `completed`, `cancelled` and `terminated` are final.
 *
 * @internal
 */
export function applyAuthorization(
  subscription: PaymentSubscriptionEntity,
  fact: AuthorizationFact,
): SubscriptionTransition[] {
  const transitions: SubscriptionTransition[] = [];
  const newest =
    !subscription.lastAuthorizedAt ||
    fact.processedAt >= subscription.lastAuthorizedAt;

  if (fact.countsAsPaid) {
    subscription.amountCollected += fact.amount;
    subscription.totalSuccessTimes = Math.max(
      subscription.totalSuccessTimes +
        (fact.totalSuccessTimes === undefined ? 1 : 0),
      fact.totalSuccessTimes ?? 0,
    );
    if (fact.first) subscription.firstAuthorizedAt ??= fact.processedAt;
  }
  if (newest) {
    subscription.lastAuthorizedAt = fact.processedAt;
    if (fact.countsAsPaid) subscription.consecutiveFailures = 0;
    else if (!fact.success) subscription.consecutiveFailures += 1;
  }

  if (FINAL_SUBSCRIPTION_STATUSES.has(subscription.status)) return transitions;
  const moveTo = (
    to: SubscriptionStatus,
    event: SubscriptionTransitionEvent,
  ) => {
    transitions.push({ event, from: subscription.status, to });
    subscription.status = to;
  };
  const next = newest ? nextStatus(subscription.status, fact) : null;
  if (next) moveTo(next.to, next.event);
  const started =
    subscription.status === 'active' || subscription.status === 'past_due';
  if (started && subscription.totalSuccessTimes >= subscription.execTimes) {
    moveTo('completed', PAYMENTS_EVENTS.SUBSCRIPTION_COMPLETED);
  }
  return transitions;
}

/**
 * Where the newest authorization moves a subscription that is not in a final status, and the event
 * that says so; `null` when it stays. A paid authorization makes any other status `active`; the
 * caller's final-status guard is what keeps `completed`, `cancelled` and `terminated` out of this.
 */
function nextStatus(
  status: SubscriptionStatus,
  fact: AuthorizationFact,
): { to: SubscriptionStatus; event: SubscriptionTransitionEvent } | null {
  if (fact.countsAsPaid) {
    if (status === 'active') return null;
    return {
      to: 'active',
      event:
        status === 'past_due'
          ? PAYMENTS_EVENTS.SUBSCRIPTION_RECOVERED
          : PAYMENTS_EVENTS.SUBSCRIPTION_ACTIVATED,
    };
  }
  // A success the SimulatePaid policy does not count changes nothing.
  if (fact.success) return null;
  if (fact.first) {
    return status === 'pending'
      ? {
          to: 'first_auth_failed',
          event: PAYMENTS_EVENTS.FIRST_AUTHORIZATION_FAILED,
        }
      : null;
  }
  return status === 'active'
    ? { to: 'past_due', event: PAYMENTS_EVENTS.SUBSCRIPTION_PAST_DUE }
    : null;
}
