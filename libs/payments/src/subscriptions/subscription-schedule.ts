import type { PaymentSubscriptionEntity } from './entities/payment-subscription.entity.js';
import type { PeriodAuthorizationEntity } from './entities/period-authorization.entity.js';
import {
  accessUntil,
  nextChargeAt,
  paidPeriodEnd,
  periodNumberAt,
  type AgreementCalendar,
} from './next-charge-date.js';

/**
 * The dates every subscription read model carries.
 *
 * @publicApi
 */
export interface SubscriptionSchedule {
  /**
   * When the gateway charges next (Asia/Taipei calendar, month-end clamped); `null` when no charge is
   * to come: before the first authorization, after the last period, or once the agreement stopped.
   */
  nextChargeAt: Date | null;
  /**
   * Until when the customer keeps what was paid for: the end of the latest paid period; after an
   * immediate cancel, the cancel's time. `null` when nothing was paid.
   */
  accessUntil: Date | null;
}

/**
 * The schedule of one subscription from its ledger. The period of each authorization is found from
 * its processing date, so a lost notification or a retried charge does not shift the calendar.
 */
export function subscriptionSchedule(
  subscription: PaymentSubscriptionEntity,
  periods: readonly Pick<
    PeriodAuthorizationEntity,
    'processedAt' | 'countsAsPaid'
  >[],
): SubscriptionSchedule {
  const agreement: AgreementCalendar & { execTimes: number } = {
    periodType: subscription.periodType,
    frequency: subscription.frequency,
    execTimes: subscription.execTimes,
    firstAuthorizedAt: subscription.firstAuthorizedAt,
  };
  const periodOf = (p: { processedAt: Date }) =>
    periodNumberAt(agreement, p.processedAt);
  const lastPeriod = Math.max(0, ...periods.map(periodOf));
  const lastPaidPeriod = Math.max(
    0,
    ...periods.filter((p) => p.countsAsPaid).map(periodOf),
  );
  const running =
    subscription.status === 'active' || subscription.status === 'past_due';
  return {
    nextChargeAt: nextChargeAt({ ...agreement, lastPeriod, running }),
    accessUntil:
      subscription.status === 'cancelled'
        ? accessUntil(
            { ...agreement, lastPaidPeriod },
            subscription.cancelledAt,
            subscription.cancelAtPeriodEnd ?? true,
          )
        : paidPeriodEnd({ ...agreement, lastPaidPeriod }),
  };
}
