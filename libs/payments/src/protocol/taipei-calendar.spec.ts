import { addTaipeiCalendar } from './taipei-calendar.js';
import { formatTaipeiDateTime, parseTaipeiDateTime } from './taipei-time.js';

const at = (taipei: string) => parseTaipeiDateTime(taipei)!;
const shift = (taipei: string, step: Parameters<typeof addTaipeiCalendar>[1]) =>
  formatTaipeiDateTime(addTaipeiCalendar(at(taipei), step));

describe('addTaipeiCalendar', () => {
  it('adds months on the Taipei calendar, keeping the time of day', () => {
    expect(shift('2024/03/01 10:00:05', { months: 1 })).toBe(
      '2024/04/01 10:00:05',
    );
    expect(shift('2024/11/15 23:30:00', { months: 3 })).toBe(
      '2025/02/15 23:30:00',
    );
  });

  it('clamps to the end of a shorter month', () => {
    expect(shift('2024/01/31 09:00:00', { months: 1 })).toBe(
      '2024/02/29 09:00:00',
    );
    expect(shift('2023/01/31 09:00:00', { months: 1 })).toBe(
      '2023/02/28 09:00:00',
    );
    expect(shift('2024/03/31 09:00:00', { months: 1 })).toBe(
      '2024/04/30 09:00:00',
    );
    expect(shift('2024/02/29 09:00:00', { years: 1 })).toBe(
      '2025/02/28 09:00:00',
    );
  });

  it('uses the Taipei date, not the UTC one, near midnight', () => {
    // 2024/01/31 07:00 Taipei is still 2024-01-30 in UTC.
    expect(shift('2024/01/31 07:00:00', { months: 1 })).toBe(
      '2024/02/29 07:00:00',
    );
  });

  it('adds days and minutes after months', () => {
    expect(
      shift('2024/01/31 23:50:00', { months: 1, days: 1, minutes: 20 }),
    ).toBe('2024/03/02 00:10:00');
  });
});
