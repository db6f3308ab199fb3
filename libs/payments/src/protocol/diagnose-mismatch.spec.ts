import { checkMacValue } from './check-mac-value.js';
import { diagnoseMismatch } from './diagnose-mismatch.js';
import type { GatewayField } from './gateway-fields.js';

// ECPay's public stage merchant: published test keys, not a secret.
const KEYS = { hashKey: 'pwFHCqoQZGmho4w6', hashIV: 'EkRm7iFT261dpevs' };
const FIELDS: GatewayField[] = [
  ['MerchantID', '3002607'],
  ['MerchantTradeNo', 'SUBx2024x0001'],
  ['ItemName', 'Tea & cake'],
];

const matches = (received: string, fields = FIELDS) =>
  diagnoseMismatch([...fields, ['CheckMacValue', received]], KEYS, 'sha256')
    .filter((cause) => cause.kind === 'match')
    .map((cause) => cause.text);

describe('diagnoseMismatch, as an app calls it from nestjs-twpay/protocol', () => {
  it('recognises an MD5 signature where SHA-256 was expected', () => {
    expect(matches(checkMacValue(FIELDS, KEYS, 'md5'))).toEqual([
      expect.stringMatching(/^The MD5 digest matches: .*EncryptType mismatch/),
    ]);
  });

  it('recognises a value the sender hashed HTML-escaped but posted plain', () => {
    const escaped = FIELDS.map(([name, value]): GatewayField => [
      name,
      value.replace('&', '&amp;'),
    ]);
    expect(matches(checkMacValue(escaped, KEYS))).toEqual([
      expect.stringMatching(/^Would match if ItemName were HTML-escaped/),
    ]);
  });

  it('claims no match for a value it cannot explain, and always lists the wrong-keys cause last', () => {
    const causes = diagnoseMismatch(
      [...FIELDS, ['CheckMacValue', '0'.repeat(64)]],
      KEYS,
      'sha256',
    );
    expect(causes.filter((cause) => cause.kind === 'match')).toEqual([]);
    expect(causes.at(-1)).toMatchObject({ kind: 'always' });
    expect(causes.at(-1)!.text).toMatch(/^Wrong HashKey\/HashIV/);
  });
});
