/**
 * Calendar arithmetic on Taipei wall-clock time. The gateways run in Taiwan (UTC+8, no daylight
 * saving: docs/gateway-protocol.md §10, pitfall 7), so "one month later" is taken on the Taipei
 * calendar, whatever the server's time zone. One implementation, shared by the gateway simulator's
 * scheduler and the module's schedule math (next charge, paid-until).
 */
const TAIPEI_OFFSET_MS = 8 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * An amount of calendar time. Each part is a non-negative integer.
 *
 * @publicApi
 */
export interface CalendarStep {
  years?: number;
  months?: number;
  days?: number;
  minutes?: number;
}

/**
 * Moves an instant forward on the Taipei calendar: years and months first, keeping the day of the
 * month and clamping it to the month's last day (Jan 31 + 1 month = Feb 28 or 29), then days and
 * minutes.
 *
 * @example addTaipeiCalendar(parseTaipeiDateTime('2024/01/31 09:00:00')!, { months: 1 }) // 2024/02/29 09:00:00
 * @publicApi
 */
export function addTaipeiCalendar(instant: Date, step: CalendarStep): Date {
  const local = new Date(instant.getTime() + TAIPEI_OFFSET_MS);
  const monthIndex =
    local.getUTCFullYear() * 12 +
    local.getUTCMonth() +
    (step.years ?? 0) * 12 +
    (step.months ?? 0);
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const shifted = Date.UTC(
    year,
    month,
    Math.min(local.getUTCDate(), lastDay),
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
    local.getUTCMilliseconds(),
  );
  return new Date(
    shifted -
      TAIPEI_OFFSET_MS +
      (step.days ?? 0) * DAY_MS +
      (step.minutes ?? 0) * MINUTE_MS,
  );
}
