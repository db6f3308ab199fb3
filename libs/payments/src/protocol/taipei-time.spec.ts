import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import ts from 'typescript';
import {
  formatTaipeiDateTime,
  parseTaipeiDateTime,
  unixTimestamp,
} from './taipei-time.js';

const RUNS = { numRuns: 1000 };

describe('formatTaipeiDateTime', () => {
  it.each([
    ['2024-02-29T15:59:59Z', '2024/02/29 23:59:59'],
    ['2024-02-29T16:00:00Z', '2024/03/01 00:00:00'],
    ['2023-12-31T16:00:00.999Z', '2024/01/01 00:00:00'],
    ['2024-03-01T02:00:05Z', '2024/03/01 10:00:05'],
    ['1970-01-01T00:00:00Z', '1970/01/01 08:00:00'],
  ])('formats %s as %s (zero-padded, seconds truncated)', (iso, expected) => {
    expect(formatTaipeiDateTime(new Date(iso))).toBe(expected);
  });

  // Jest gives each test file a copy of process.env, so setting TZ here would not reach V8's
  // time zone. Run the real module, transpiled as is, in child processes with different TZ values,
  // and check there that the zone really changed.
  it('gives the same text and instants whatever process.env.TZ is', () => {
    const source = readFileSync(
      join(import.meta.dirname, 'taipei-time.ts'),
      'utf8',
    );
    const js = ts.transpileModule(source, {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
      },
    }).outputText;
    const probe = `${js}
console.log(JSON.stringify({
  offset: new Date(Date.UTC(2024, 0, 15)).getTimezoneOffset(),
  formatted: formatTaipeiDateTime(new Date('2024-02-29T15:59:59Z')),
  parsed: parseTaipeiDateTime('2024/03/01 00:00:00').toISOString(),
}));`;
    const run = (tz: string) =>
      JSON.parse(
        execFileSync(process.execPath, ['--input-type=module', '-e', probe], {
          env: { PATH: process.env.PATH, TZ: tz },
          encoding: 'utf8',
        }),
      ) as { offset: number; formatted: string; parsed: string };
    const results = [
      'UTC',
      'America/Los_Angeles',
      'Asia/Kolkata',
      'Pacific/Kiritimati',
    ].map(run);
    expect(results.map((r) => r.offset)).toEqual([0, 480, -330, -840]);
    for (const r of results) {
      expect(r.formatted).toBe('2024/02/29 23:59:59');
      expect(r.parsed).toBe('2024-02-29T16:00:00.000Z');
    }
  });
});

describe('parseTaipeiDateTime', () => {
  it('reads Taipei wall-clock time as UTC+8', () => {
    expect(parseTaipeiDateTime('2024/02/29 23:59:59')).toEqual(
      new Date('2024-02-29T15:59:59Z'),
    );
    expect(parseTaipeiDateTime('2024/01/01 00:00:00')).toEqual(
      new Date('2023-12-31T16:00:00Z'),
    );
  });

  it('round-trips with formatTaipeiDateTime, to the second', () => {
    const instant = fc.date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2100-12-31T23:59:59Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instant, (date) => {
        const text = formatTaipeiDateTime(date);
        expect(text).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/);
        expect(parseTaipeiDateTime(text)?.getTime()).toBe(
          Math.floor(date.getTime() / 1000) * 1000,
        );
        expect(formatTaipeiDateTime(parseTaipeiDateTime(text)!)).toBe(text);
      }),
      RUNS,
    );
  });

  it.each([
    ['a day that does not exist', '2023/02/29 12:00:00'],
    ['31 April', '2024/04/31 00:00:00'],
    ['month 13', '2024/13/01 00:00:00'],
    ['month 00', '2024/00/10 00:00:00'],
    ['day 00', '2024/01/00 00:00:00'],
    ['24:00:00', '2024/01/01 24:00:00'],
    ['minute 60', '2024/01/01 23:60:00'],
    ['second 60', '2024/01/01 23:59:60'],
    ['dashes', '2024-01-01 00:00:00'],
    ['ISO T', '2024/01/01T00:00:00'],
    ['no padding', '2024/1/1 0:00:00'],
    ['no seconds', '2024/01/01 00:00'],
    ['milliseconds', '2024/01/01 00:00:00.000'],
    ['a leading space', ' 2024/01/01 00:00:00'],
    ['a trailing newline', '2024/01/01 00:00:00\n'],
    ['full-width digits', '２０２４/01/01 00:00:00'],
    ['empty text', ''],
  ])('rejects %s (%j)', (_why, text) => {
    expect(parseTaipeiDateTime(text)).toBeUndefined();
  });
});

describe('unixTimestamp', () => {
  it('gives whole Unix seconds, rounded down', () => {
    expect(unixTimestamp(new Date(1709258400999))).toBe('1709258400');
    expect(unixTimestamp(new Date('2024-03-01T02:00:00Z'))).toBe('1709258400');
  });

  it('defaults to now', () => {
    const before = Math.floor(Date.now() / 1000);
    const now = Number(unixTimestamp());
    const after = Math.floor(Date.now() / 1000);
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(after);
  });
});
