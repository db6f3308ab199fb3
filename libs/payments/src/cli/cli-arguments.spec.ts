import fc from 'fast-check';
import { maskedCanonicalMacString } from '../protocol/check-mac-value.js';
import {
  displayName,
  displayValue,
  parseFieldArgument,
  resolveMacKeys,
  sortFieldsForMac,
} from './cli-arguments.js';
import { CliUsageError } from './cli-command.js';
import { SecretRedactor, secretOptionValues } from './secret-redactor.js';

const anyUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
  fc.constantFrom('a', 'A', 'b', 'B', '_', '1', '[', '~', 'É', 'é'),
);
const anyText = fc.string({ unit: anyUnit, maxLength: 6 });

describe('sortFieldsForMac', () => {
  it('always lists the fields in the order the CheckMacValue joins them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(anyText, anyText), { maxLength: 8 }),
        (list) => {
          // Re-sorting an already sorted list changes nothing (the sort is stable), so equal
          // canonical strings mean both sorts put every field in the same place.
          expect(maskedCanonicalMacString(sortFieldsForMac(list))).toBe(
            maskedCanonicalMacString(list),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('sorts case-insensitively and ordinally, "1" before "_"', () => {
    const sorted = sortFieldsForMac([
      ['b', ''],
      ['a_', ''],
      ['A1', ''],
      ['B', ''],
    ]);
    expect(sorted.map(([n]) => n)).toEqual(['A1', 'a_', 'b', 'B']);
  });
});

describe('parseFieldArgument', () => {
  it('splits at the first "=", keeping empty values and "=" in values', () => {
    expect(parseFieldArgument('A=1', 1)).toEqual(['A', '1']);
    expect(parseFieldArgument('StoreID=', 1)).toEqual(['StoreID', '']);
    expect(parseFieldArgument('ReturnURL=https://x/?a=1&b=2', 1)).toEqual([
      'ReturnURL',
      'https://x/?a=1&b=2',
    ]);
    expect(parseFieldArgument('T= a ', 1)).toEqual(['T', ' a ']);
  });

  it('rejects an argument without "=" by position, without echoing it', () => {
    expect(() => parseFieldArgument('pwFHCqoQZGmho4w6', 3)).toThrow(
      CliUsageError,
    );
    expect(() => parseFieldArgument('pwFHCqoQZGmho4w6', 3)).toThrow(
      /^field argument 3 is not Name=Value/,
    );
    expect(() => parseFieldArgument('pwFHCqoQZGmho4w6', 3)).not.toThrow(/pwFH/);
    expect(() => parseFieldArgument('=x', 2)).toThrow(
      'field argument 2 has an empty name',
    );
  });
});

describe('resolveMacKeys', () => {
  it('takes the options first, then the environment', () => {
    expect(
      resolveMacKeys(
        { 'hash-key': 'k', 'hash-iv': 'v' },
        { TWPAY_HASH_KEY: 'K', TWPAY_HASH_IV: 'V' },
      ),
    ).toEqual({
      hashKey: 'k',
      hashIV: 'v',
    });
    expect(
      resolveMacKeys({}, { TWPAY_HASH_KEY: 'K', TWPAY_HASH_IV: 'V' }),
    ).toEqual({ hashKey: 'K', hashIV: 'V' });
  });

  it('names what is missing or empty', () => {
    expect(() => resolveMacKeys({ 'hash-iv': 'v' }, {})).toThrow(
      'missing --hash-key (or set TWPAY_HASH_KEY)',
    );
    expect(() =>
      resolveMacKeys({ 'hash-key': 'k' }, { TWPAY_HASH_IV: '' }),
    ).toThrow('missing --hash-iv (or set TWPAY_HASH_IV)');
    expect(() =>
      resolveMacKeys(
        { 'hash-key': '', 'hash-iv': 'v' },
        { TWPAY_HASH_KEY: 'K' },
      ),
    ).toThrow('--hash-key is empty');
  });
});

describe('SecretRedactor', () => {
  it('replaces a secret in any letter case and in its encoded forms', () => {
    const redactor = new SecretRedactor();
    redactor.add('Ab+c/D"e');
    expect(redactor.redact('x Ab+c/D"e y')).toBe('x *** y');
    expect(redactor.redact('ab%2bc%2fd%22e')).toBe('***');
    expect(redactor.redact('Ab%2Bc%2FD%22e')).toBe('***');
    expect(redactor.redact(JSON.stringify('Ab+c/D"e'))).toBe('"***"');
    expect(redactor.redact('nothing here')).toBe('nothing here');
  });

  it('ignores empty and missing secrets', () => {
    const redactor = new SecretRedactor();
    redactor.add('');
    redactor.add(undefined);
    expect(redactor.redact('abc')).toBe('abc');
  });
});

describe('secretOptionValues', () => {
  it('finds --hash-key and --hash-iv values in both forms, up to "--"', () => {
    expect(
      secretOptionValues([
        'mac',
        '--hash-key',
        'K1',
        '--hash-iv=V1',
        'A=1',
        '--',
        '--hash-key',
        'X',
      ]),
    ).toEqual(['K1', 'V1']);
  });
});

describe('display helpers', () => {
  it('quote odd names and every value', () => {
    expect(displayName('MerchantID')).toBe('MerchantID');
    expect(displayName('a[b]')).toBe('"a[b]"');
    expect(displayValue(' a\n"')).toBe('" a\\n\\""');
  });
});
