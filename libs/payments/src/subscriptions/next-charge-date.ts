import { periodDueAt, type PeriodType } from '../protocol/period-schedule.js';
import { formatTaipeiDateTime } from '../protocol/taipei-time.js';

/**
 * The terms that fix a periodic agreement's calendar: every Frequency days, months or years, counted
 * on the Asia/Taipei calendar from the first authorization (docs/gateway-protocol.md §5.1).
 *
 * @publicApi
 */
export interface AgreementCalendar {
  periodType: PeriodType;
  frequency: number;
  /** The first authorization's time; `null` while checkout is not completed. */
  firstAuthorizedAt: Date | null;
}

/**
 * When the gateway will charge the agreement next: the due time of the period after the latest one
 * the ledger knows (period 1 is the first authorization), counted from the first authorization on the
 * Taipei calendar with month-end clamping (a Jan 31 agreement charges Feb 29, Mar 31, Apr 30). `null`
 * when there is no next charge: before the first authorization, once `execTimes` periods are known,
 * or when the agreement no longer runs (completed, cancelled, terminated, first charge declined).
 *
 * A due time in the past means the charge's notification has not arrived (yet): reconciliation looks
 * at exactly those agreements.
 *
 * @example nextChargeAt({ periodType: 'M', frequency: 1, firstAuthorizedAt: jan31, execTimes: 12, lastPeriod: 1, running: true }) // Feb 29
 * @publicApi
 */
export function nextChargeAt(
  agreement: AgreementCalendar & {
    execTimes: number;
    /** The highest period number recorded, successful or not (1 = the first authorization). */
    lastPeriod: number;
    /** Whether the gateway still charges this agreement. */
    running: boolean;
  },
): Date | null {
  const { firstAuthorizedAt, lastPeriod } = agreement;
  if (!agreement.running || firstAuthorizedAt === null) return null;
  if (lastPeriod >= agreement.execTimes) return null;
  return periodDueAt(
    firstAuthorizedAt,
    Math.max(lastPeriod, 1) + 1,
    agreement.periodType,
    agreement.frequency,
  );
}

/**
 * Until when the customer keeps what was paid for: the end of the latest paid period, i.e. the due
 * time of the period after it, on the same Taipei calendar as {@link nextChargeAt}. `null` when no
 * period was paid. Period 3 paid after a declined period 2 covers through the end of period 3.
 *
 * @publicApi
 */
export function paidPeriodEnd(
  agreement: AgreementCalendar & {
    /** The period number of the latest successful authorization; 0 when none succeeded. */
    lastPaidPeriod: number;
  },
): Date | null {
  const { firstAuthorizedAt, lastPaidPeriod } = agreement;
  if (firstAuthorizedAt === null || lastPaidPeriod < 1) return null;
  return periodDueAt(
    firstAuthorizedAt,
    lastPaidPeriod + 1,
    agreement.periodType,
    agreement.frequency,
  );
}

/**
 * `accessUntil` of a subscription: after a cancel at the period's end (or while the agreement runs),
 * the end of the paid period; after an immediate cancel, the moment of the cancel, unless nothing was
 * paid (then `null`). Never later than the paid period's end.
 *
 * @publicApi
 */
export function accessUntil(
  agreement: AgreementCalendar & { lastPaidPeriod: number },
  cancelledAt: Date | null = null,
  atPeriodEnd = true,
): Date | null {
  const end = paidPeriodEnd(agreement);
  if (end === null || cancelledAt === null || atPeriodEnd) return end;
  return cancelledAt < end ? cancelledAt : end;
}

/**
 * Which period of the agreement an authorization made at `at` belongs to (1 = the first
 * authorization): the last period whose due **day** (Taipei calendar) is not after `at`'s day. The
 * gateway charges on the due day but not at the first authorization's time of day (a captured
 * agreement first charged at 17:14 was charged at 14:37 on later due days, docs/gateway-protocol.md
 * §12.2), and it retries a failed charge a few days later, still within the period. Never more than
 * `execTimes`.
 *
 * @publicApi
 */
export function periodNumberAt(
  agreement: AgreementCalendar & { execTimes: number },
  at: Date,
): number {
  const { firstAuthorizedAt, periodType, frequency } = agreement;
  if (firstAuthorizedAt === null) return 0;
  const day = taipeiDay(at);
  let period = 1;
  while (
    period < agreement.execTimes &&
    taipeiDay(
      periodDueAt(firstAuthorizedAt, period + 1, periodType, frequency),
    ) <= day
  ) {
    period += 1;
  }
  return period;
}

/** `yyyy/MM/dd` in Taipei: compares as text in calendar order. */
function taipeiDay(instant: Date): string {
  return formatTaipeiDateTime(instant).slice(0, 10);
}
