import { formatTaipeiDateTime, parseTaipeiDateTime } from './taipei-time.js';
import { periodDueAt, type PeriodType } from './period-schedule.js';

const due = (
  first: string,
  sequence: number,
  type: PeriodType,
  frequency: number,
) =>
  formatTaipeiDateTime(
    periodDueAt(parseTaipeiDateTime(first)!, sequence, type, frequency),
  );

describe('periodDueAt', () => {
  it('puts the first authorization at sequence 1', () => {
    expect(due('2024/03/01 10:00:05', 1, 'M', 1)).toBe('2024/03/01 10:00:05');
  });

  it('adds (n - 1) x Frequency days, months or years', () => {
    expect(due('2024/03/01 10:00:05', 2, 'M', 1)).toBe('2024/04/01 10:00:05');
    expect(due('2024/03/01 10:00:05', 3, 'M', 6)).toBe('2025/03/01 10:00:05');
    expect(due('2024/03/01 10:00:05', 4, 'D', 10)).toBe('2024/03/31 10:00:05');
    expect(due('2024/03/01 10:00:05', 3, 'Y', 1)).toBe('2026/03/01 10:00:05');
  });

  it('counts from the first authorization, so a month-end anchor survives short months', () => {
    const first = '2024/01/31 12:00:00';
    expect([2, 3, 4, 5].map((n) => due(first, n, 'M', 1))).toEqual([
      '2024/02/29 12:00:00',
      '2024/03/31 12:00:00',
      '2024/04/30 12:00:00',
      '2024/05/31 12:00:00',
    ]);
  });

  it('clamps a leap day for yearly agreements', () => {
    expect(due('2024/02/29 08:00:00', 2, 'Y', 1)).toBe('2025/02/28 08:00:00');
    expect(due('2024/02/29 08:00:00', 5, 'Y', 1)).toBe('2028/02/29 08:00:00');
  });
});
