import { addTaipeiCalendar } from './taipei-calendar.js';

/**
 * PeriodType of a periodic order: days, months or years (docs/gateway-protocol.md §5.1).
 *
 * @publicApi
 */
export type PeriodType = 'D' | 'M' | 'Y';

/**
 * When the `sequence`-th authorization of an agreement falls due (1 = the first, taken at checkout):
 * the first authorization's time plus (sequence - 1) x Frequency units of PeriodType, counted on the
 * Taipei calendar from the first authorization every time, so a month-end anchor comes back after a
 * short month (Jan 31, Feb 29, Mar 31). The real scheduler's exact day is undocumented
 * (docs/gateway-protocol.md, open questions); this is the natural reading of "every Frequency months".
 *
 * @publicApi
 */
export function periodDueAt(
  firstAuthorizationAt: Date,
  sequence: number,
  periodType: PeriodType,
  frequency: number,
): Date {
  const units = (sequence - 1) * frequency;
  switch (periodType) {
    case 'D':
      return addTaipeiCalendar(firstAuthorizationAt, { days: units });
    case 'M':
      return addTaipeiCalendar(firstAuthorizationAt, { months: units });
    case 'Y':
      return addTaipeiCalendar(firstAuthorizationAt, { years: units });
  }
}
