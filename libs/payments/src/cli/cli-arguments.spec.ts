import fc from 'fast-check';
import {
  maskedCanonicalMacString,
  sortFieldsForMac,
} from '../protocol/check-mac-value.js';
import { dotNetUrlEncode } from '../protocol/dotnet-url-encode.js';
import { displayName } from '../protocol/mac-display.js';
import {
  displayValue,
  parseFieldArgument,
  resolveMacKeys,
} from './cli-arguments.js';
import { CliUsageError } from './cli-command.js';
import { SecretRedactor, secretOptionValues } from './secret-redactor.js';

const anyUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
  fc.constantFrom('a', 'A', 'b', 'B', '_', '1', '[', '~', 'É', 'é'),
);
const anyText = fc.string({ unit: anyUnit, maxLength: 6 });

/**
 * The order the CheckMacValue joins names in, written independently of the protocol's code: a lone
 * surrogate counts as U+FFFD (what goes over the wire), ASCII letters fold to lower case, then
 * UTF-16 code units compare one by one.
 */
function macOrderKey(name: string): number[] {
  const sent = name.toWellFormed();
  return Array.from({ length: sent.length }, (_, i) => {
    const unit = sent.charCodeAt(i);
    return unit >= 0x41 && unit <= 0x5a ? unit + 0x20 : unit;
  });
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++)
    if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

describe('sortFieldsForMac, as twpay mac and verify print the hashed fields', () => {
  const fieldLists = fc.array(fc.tuple(anyText, anyText), { maxLength: 8 });

  it('lists every field once, in CheckMacValue order, stable for names equal but for case', () => {
    fc.assert(
      fc.property(fieldLists, (list) => {
        const indexed = list.map(([name, value], index) => ({
          name,
          value,
          index,
        }));
        const expected = [...indexed]
          .sort(
            (a, b) =>
              compareKeys(macOrderKey(a.name), macOrderKey(b.name)) ||
              a.index - b.index,
          )
          .map(({ name, value }) => [name, value]);
        expect(sortFieldsForMac(list)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('prints the order that is hashed: the canonical string joins the fields in exactly this order', () => {
    fc.assert(
      fc.property(fieldLists, (generated) => {
        const list = generated.filter(([name]) => name !== 'CheckMacValue');
        const joined = [
          'HashKey=***',
          ...sortFieldsForMac(list).map(([name, value]) => `${name}=${value}`),
          'HashIV=***',
        ].join('&');
        expect(maskedCanonicalMacString(list)).toBe(
          dotNetUrlEncode(joined).toLowerCase(),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('sorts a lone surrogate as the U+FFFD it is sent as, after U+FF5A', () => {
    const sorted = sortFieldsForMac([
      ['\uD800', '1'],
      ['\uFF5A', '2'],
      ['\uFFFD', '3'],
    ]);
    expect(sorted.map(([, value]) => value)).toEqual(['2', '1', '3']);
  });

  it('sorts case-insensitively and ordinally, "1" before "_"', () => {
    const sorted = sortFieldsForMac([
      ['b', ''],
      ['a_', ''],
      ['A1', ''],
      ['B', ''],
    ]);
    expect(sorted.map(([name]) => name)).toEqual(['A1', 'a_', 'b', 'B']);
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
