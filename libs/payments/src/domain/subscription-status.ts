/**
 * Where a periodic agreement stands.
 *
 * - `pending`: checkout created, no authorization yet;
 * - `active`: the first authorization succeeded and the last known one did too;
 * - `first_auth_failed`: the first authorization was declined;
 * - `past_due`: a later authorization failed;
 * - `completed`: ExecTimes authorizations succeeded;
 * - `cancelled`: the app cancelled it through the gateway;
 * - `terminated`: the gateway stopped it (e.g. after six failed charges).
 *
 * @publicApi
 */
export type SubscriptionStatus =
  | 'pending'
  | 'active'
  | 'first_auth_failed'
  | 'past_due'
  | 'completed'
  | 'cancelled'
  | 'terminated';

/** @publicApi */
export const SUBSCRIPTION_STATUSES: readonly SubscriptionStatus[] = [
  'pending',
  'active',
  'first_auth_failed',
  'past_due',
  'completed',
  'cancelled',
  'terminated',
];

/** States no notification can leave: the agreement is over. */
export const FINAL_SUBSCRIPTION_STATUSES: ReadonlySet<SubscriptionStatus> =
  new Set(['completed', 'cancelled', 'terminated']);

// PeriodType has one definition, beside the schedule it drives (protocol/period-schedule.ts).
export type { PeriodType } from '../protocol/period-schedule.js';
