import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { resolvePaymentsOptions } from './resolve-payments-options.js';

const KEY = 'pwFHCqoQZGmho4w6';
const IV = 'EkRm7iFT261dpevs';

function resolveWith(hashKey: string, hashIV: string): string[] {
  const warn = jest
    .spyOn(Logger.prototype, 'warn')
    .mockImplementation(() => {});
  resolvePaymentsOptions(
    {
      gateway: 'ecpay',
      merchants: [{ merchantId: '3002607', hashKey, hashIV }],
      publicUrl: 'https://shop.example.com',
    },
    'payments',
  );
  return warn.mock.calls.map((call) => String(call[0]));
}

describe('resolvePaymentsOptions: HashKey and HashIV length', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('boots quietly with 16-character keys', () => {
    expect(resolveWith(KEY, IV)).toEqual([]);
  });

  it.each([
    ['HashKey', 'merchants[0].hashKey', KEY.slice(0, 15), IV],
    ['HashIV', 'merchants[0].hashIV', KEY, `${IV}x`],
  ])(
    'warns about a %s of another length, naming the option, never the value',
    (what, option, hashKey, hashIV) => {
      const warnings = resolveWith(hashKey, hashIV);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`"${option}"`);
      expect(warnings[0]).toContain(`${what}s of 16`);
      expect(warnings[0]).not.toContain(what === 'HashKey' ? hashKey : hashIV);
    },
  );
});
