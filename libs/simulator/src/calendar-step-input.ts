import type { CalendarStep } from 'nestjs-twpay/protocol';

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
