import type { PeriodType } from '../protocol/period-schedule.js';
import {
  formatTaipeiDateTime,
  parseTaipeiDateTime,
} from '../protocol/taipei-time.js';
import {
  accessUntil,
  nextChargeAt,
  paidPeriodEnd,
  periodNumberAt,
} from './next-charge-date.js';

const taipei = (text: string) => parseTaipeiDateTime(text)!;
const shown = (date: Date | null) =>
  date === null ? null : formatTaipeiDateTime(date);

describe('nextChargeAt', () => {
  it.each<[string, PeriodType, number, number, number, string | null]>([
    // first authorization (Taipei), type, frequency, execTimes, last period known, expected (Taipei)
    ['2024/03/01 10:00:00', 'M', 1, 12, 1, '2024/04/01 10:00:00'],
    ['2024/03/01 10:00:00', 'M', 1, 12, 5, '2024/08/01 10:00:00'],
    ['2024/01/31 12:00:00', 'M', 1, 12, 1, '2024/02/29 12:00:00'], // leap February
    ['2023/01/31 12:00:00', 'M', 1, 12, 1, '2023/02/28 12:00:00'],
    ['2024/01/31 12:00:00', 'M', 1, 12, 2, '2024/03/31 12:00:00'], // back to the 31st
    ['2024/01/31 12:00:00', 'M', 1, 12, 3, '2024/04/30 12:00:00'],
    ['2024/08/31 09:00:00', 'M', 6, 4, 1, '2025/02/28 09:00:00'],
    ['2024/01/31 07:00:00', 'M', 1, 12, 1, '2024/02/29 07:00:00'], // still Jan 30 in UTC
    ['2024/03/01 10:00:00', 'D', 30, 10, 1, '2024/03/31 10:00:00'],
    ['2024/12/31 23:30:00', 'D', 1, 10, 1, '2025/01/01 23:30:00'],
    ['2024/02/29 08:00:00', 'Y', 1, 5, 1, '2025/02/28 08:00:00'],
    ['2024/02/29 08:00:00', 'Y', 1, 5, 4, '2028/02/29 08:00:00'],
    ['2024/03/01 10:00:00', 'M', 1, 12, 11, '2025/02/01 10:00:00'], // the 12th and last charge
    ['2024/03/01 10:00:00', 'M', 1, 12, 12, null], // ExecTimes reached
    ['2024/03/01 10:00:00', 'M', 1, 12, 13, null],
  ])(
    'first %s, every %s x%i, %i times, %i known -> %s',
    (first, periodType, frequency, execTimes, lastPeriod, expected) => {
      expect(
        shown(
          nextChargeAt({
            periodType,
            frequency,
            execTimes,
            firstAuthorizedAt: taipei(first),
            lastPeriod,
            running: true,
          }),
        ),
      ).toBe(expected);
    },
  );

  it('is null once the agreement no longer runs, or before the first authorization', () => {
    const terms = { periodType: 'M', frequency: 1, execTimes: 12 } as const;
    expect(
      nextChargeAt({
        ...terms,
        firstAuthorizedAt: taipei('2024/03/01 10:00:00'),
        lastPeriod: 3,
        running: false,
      }),
    ).toBeNull();
    expect(
      nextChargeAt({
        ...terms,
        firstAuthorizedAt: null,
        lastPeriod: 0,
        running: true,
      }),
    ).toBeNull();
  });
});

describe('paidPeriodEnd and accessUntil', () => {
  const monthly = (first: string) => ({
    periodType: 'M' as const,
    frequency: 1,
    firstAuthorizedAt: taipei(first),
  });

  it.each<[string, number, string | null]>([
    ['2024/03/01 10:00:00', 1, '2024/04/01 10:00:00'],
    ['2024/03/01 10:00:00', 3, '2024/06/01 10:00:00'], // period 3 paid after a declined 2
    ['2024/01/31 12:00:00', 1, '2024/02/29 12:00:00'],
    ['2024/01/31 12:00:00', 2, '2024/03/31 12:00:00'],
    ['2024/03/01 10:00:00', 0, null], // nothing paid
  ])(
    'first %s, last paid period %i -> paid until %s',
    (first, lastPaidPeriod, expected) => {
      expect(shown(paidPeriodEnd({ ...monthly(first), lastPaidPeriod }))).toBe(
        expected,
      );
      expect(shown(accessUntil({ ...monthly(first), lastPaidPeriod }))).toBe(
        expected,
      );
    },
  );

  it.each<[string, boolean, string]>([
    ['2024/03/20 15:00:00', true, '2024/04/01 10:00:00'], // at period end: the period's end
    ['2024/03/20 15:00:00', false, '2024/03/20 15:00:00'], // now: the cancel's time
    ['2024/05/20 15:00:00', false, '2024/04/01 10:00:00'], // never past what was paid
  ])(
    'cancelled %s (atPeriodEnd %s) -> access until %s',
    (cancelled, atPeriodEnd, expected) => {
      expect(
        shown(
          accessUntil(
            { ...monthly('2024/03/01 10:00:00'), lastPaidPeriod: 1 },
            taipei(cancelled),
            atPeriodEnd,
          ),
        ),
      ).toBe(expected);
    },
  );
});

describe('periodNumberAt', () => {
  // The captured agreement: first charged 2021/10/26 17:14, every 91 days (docs/gateway-protocol.md §12.2).
  const captured = {
    periodType: 'D' as const,
    frequency: 91,
    execTimes: 999,
    firstAuthorizedAt: taipei('2021/10/26 17:14:27'),
  };

  it.each<[string, number]>([
    ['2021/10/26 17:14:27', 1], // the first authorization
    ['2022/01/25 14:37:29', 2], // captured: on the due day, earlier in the day
    ['2022/04/26 14:34:54', 3], // captured
    ['2022/01/24 23:59:59', 1], // the day before period 2 is due
    ['2022/01/29 10:00:00', 2], // a retry a few days after a failed charge
    ['2021/10/20 10:00:00', 1], // before the first authorization: never below 1
  ])('%s belongs to period %i', (at, period) => {
    expect(periodNumberAt(captured, taipei(at))).toBe(period);
  });

  it('clamps month-end due days and never exceeds ExecTimes', () => {
    const monthly = {
      periodType: 'M' as const,
      frequency: 1,
      execTimes: 3,
      firstAuthorizedAt: taipei('2024/01/31 12:00:00'),
    };
    expect(periodNumberAt(monthly, taipei('2024/02/29 09:00:00'))).toBe(2);
    expect(periodNumberAt(monthly, taipei('2024/03/30 09:00:00'))).toBe(2);
    expect(periodNumberAt(monthly, taipei('2024/03/31 09:00:00'))).toBe(3);
    expect(periodNumberAt(monthly, taipei('2030/01/01 09:00:00'))).toBe(3);
    expect(
      periodNumberAt({ ...monthly, firstAuthorizedAt: null }, new Date()),
    ).toBe(0);
  });
});
