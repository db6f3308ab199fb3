import { PaymentsConfigError } from '../errors/payments.error.js';
import {
  generateMerchantTradeNo,
  isValidMerchantTradeNo,
} from './merchant-trade-no.js';

describe('generateMerchantTradeNo', () => {
  it.each(['', 'TW', 'ABCDEF', 'a1'])(
    'fills 20 letters and digits after prefix %j',
    (prefix) => {
      const no = generateMerchantTradeNo(prefix);
      expect(no).toHaveLength(20);
      expect(no.startsWith(prefix)).toBe(true);
      expect(no.slice(prefix.length)).toMatch(/^[0-9A-Z]+$/);
      expect(isValidMerchantTradeNo(no)).toBe(true);
    },
  );

  it('carries the current time in milliseconds, base 36, after the prefix', () => {
    const before = Date.now();
    const no = generateMerchantTradeNo('TW');
    const time = parseInt(no.slice(2, 2 + before.toString(36).length), 36);
    expect(time).toBeGreaterThanOrEqual(before);
    expect(time).toBeLessThanOrEqual(Date.now());
  });

  it('does not repeat itself within the same milliseconds', () => {
    const numbers = Array.from({ length: 20_000 }, () =>
      generateMerchantTradeNo('ABCDEF'),
    );
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it.each(['ABCDEFG', 'T-W', 'TW ', 'ＴＷ'])('refuses prefix %j', (prefix) => {
    expect(() => generateMerchantTradeNo(prefix)).toThrow(PaymentsConfigError);
    expect(() => generateMerchantTradeNo(prefix)).toThrow(
      'merchantTradeNoPrefix must be at most 6 letters or digits',
    );
  });
});

describe('isValidMerchantTradeNo', () => {
  it.each<[unknown, boolean]>([
    ['A', true],
    ['SUBx2024x0001', true],
    ['A'.repeat(20), true],
    ['A'.repeat(21), false],
    ['', false],
    ['SUB-0001', false],
    ['SUB_0001', false],
    ['SUB 0001', false],
    ['ＳＵＢ0001', false],
    [12345, false],
    [null, false],
    [undefined, false],
  ])('%j → %s', (value, valid) => {
    expect(isValidMerchantTradeNo(value)).toBe(valid);
  });
});
