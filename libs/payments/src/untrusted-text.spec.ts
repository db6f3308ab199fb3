import { describe, expect, it } from '@jest/globals';
import { untrustedExcerpt } from './untrusted-text.js';

describe('untrustedExcerpt', () => {
  it('keeps printable text, spaces and Chinese as they are', () => {
    expect(untrustedExcerpt('交易成功  paid 1|OK')).toBe('交易成功  paid 1|OK');
  });

  it.each([
    ['CR LF', '3002607\r\nFORGED', '3002607\\u000d\\u000aFORGED'],
    ['NUL', 'a\u0000b', 'a\\u0000b'],
    ['ANSI escape', '\u001b[2K', '\\u001b[2K'],
    ['DEL and a C1 control', '\u007f\u0085', '\\u007f\\u0085'],
    ['line separator', 'a\u2028b', 'a\\u2028b'],
    ['bidi override', 'a\u202eb', 'a\\u202eb'],
  ])('escapes %s', (_name, value, expected) => {
    expect(untrustedExcerpt(value)).toBe(expected);
  });

  it('cuts a long value and says how much was left out', () => {
    const excerpt = untrustedExcerpt('M'.repeat(60_000));
    expect(excerpt).toBe(`${'M'.repeat(80)}… (59920 more characters)`);
  });

  it('counts characters, not UTF-16 units, so a cut never splits a character', () => {
    expect(untrustedExcerpt('😀'.repeat(3), 2)).toBe(
      '😀😀… (1 more characters)',
    );
  });
});
