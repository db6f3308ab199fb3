/**
 * Calendar arithmetic on Taipei wall-clock time. The gateways run in Taiwan (UTC+8, no daylight
 * saving: REFERENCE.md section 10, pitfall 7), so "one month later" is taken on the Taipei calendar,
 * whatever the server's time zone.
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

/**
 * Reads a clock step from a JSON or form body (`{ days?, months?, minutes? }`); numbers typed into a
 * form arrive as strings. Returns an error message for anything else.
 */
export function parseCalendarStep(input: unknown): CalendarStep | string {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return 'the body must be an object such as { "days": 1 }, { "months": 1 } or { "minutes": 30 }';
  }
  const step: CalendarStep = {};
  for (const [name, value] of Object.entries(input)) {
    if (name !== 'days' && name !== 'months' && name !== 'minutes') {
      return `unknown clock step ${name}; use days, months or minutes`;
    }
    if (value === '' || value === undefined) continue;
    const n =
      typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    if (!Number.isInteger(n) || (n as number) < 0) {
      return `${name} must be a whole number of 0 or more`;
    }
    step[name] = n as number;
  }
  return step;
}
