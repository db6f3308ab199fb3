import fc from 'fast-check';
import { checkMacValue } from './check-mac-value.js';
import { encodeFormBody, parseFormBody } from './parse-form-body.js';
import { vectors } from '../../test/support/mac-vectors.js';

const RUNS = { numRuns: 1000 };

const anyUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.constantFrom(
    '"',
    '\\',
    '~',
    "'",
    '+',
    '%',
    '&',
    '=',
    '\n',
    '\r',
    ' ',
    '[',
    ']',
    '王',
  ),
);
const anyText = fc.string({ unit: anyUnit, maxLength: 12 });

function replaceLoneSurrogates(text: string): string {
  return text.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
}

describe('parseFormBody', () => {
  it('keeps bracketed names flat, never nesting them as qs would', () => {
    expect(parseFormBody('a[b]=1&c%5Bd%5D=2&e[]=3')).toEqual([
      ['a[b]', '1'],
      ['c[d]', '2'],
      ['e[]', '3'],
    ]);
  });

  it('keeps every occurrence of a repeated name, in order', () => {
    expect(parseFormBody('a=1&b=2&a=3')).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['a', '3'],
    ]);
  });

  it('keeps empty values, with or without "="', () => {
    expect(parseFormBody('StoreID=&CustomField1&RtnCode=1')).toEqual([
      ['StoreID', ''],
      ['CustomField1', ''],
      ['RtnCode', '1'],
    ]);
  });

  it('decodes + as a space and %2B as +', () => {
    expect(
      parseFormBody('ItemName=Apple+iphone+15&CarruerNum=%2FAB%2BC-12'),
    ).toEqual([
      ['ItemName', 'Apple iphone 15'],
      ['CarruerNum', '/AB+C-12'],
    ]);
  });

  it('keeps leading and trailing spaces (vector V11)', () => {
    expect(parseFormBody('ReturnURL=+https%3A%2F%2Fx&a=%20b%20')).toEqual([
      ['ReturnURL', ' https://x'],
      ['a', ' b '],
    ]);
  });

  it('decodes UTF-8, from a string or from the raw bytes of a Buffer', () => {
    expect(
      parseFormBody('RtnMsg=%E4%BA%A4%E6%98%93%E6%88%90%E5%8A%9F'),
    ).toEqual([['RtnMsg', '交易成功']]);
    expect(parseFormBody(Buffer.from('RtnMsg=交易成功', 'utf8'))).toEqual([
      ['RtnMsg', '交易成功'],
    ]);
  });

  it('keeps odd names such as __proto__ as ordinary fields', () => {
    expect(parseFormBody('__proto__=x&constructor=y')).toEqual([
      ['__proto__', 'x'],
      ['constructor', 'y'],
    ]);
  });
});

describe('encodeFormBody', () => {
  it('round-trips vector V7 as a record and as a list, and the MAC survives', () => {
    const v7 = vectors.find((v) => v.id === 'V7')!;
    const keys = { hashKey: v7.hashKey, hashIV: v7.hashIV };
    const list = Object.entries(v7.fields);
    expect(parseFormBody(encodeFormBody(v7.fields))).toEqual(list);
    expect(parseFormBody(encodeFormBody(list))).toEqual(list);
    expect(checkMacValue(parseFormBody(encodeFormBody(list)), keys)).toBe(
      checkMacValue(list, keys),
    );
  });

  it('encodes a space as + and a + as %2B', () => {
    expect(encodeFormBody([['a', ' x+y ']])).toBe('a=+x%2By+');
  });

  it('round-trips any field list, repeated and empty names included (lone surrogates become U+FFFD)', () => {
    const list = fc.array(fc.tuple(anyText, anyText), { maxLength: 6 });
    fc.assert(
      fc.property(list, (fields) => {
        const expected = fields.map(([n, v]) => [
          replaceLoneSurrogates(n),
          replaceLoneSurrogates(v),
        ]);
        expect(parseFormBody(encodeFormBody(fields))).toEqual(expected);
      }),
      RUNS,
    );
  });

  it('keeps the CheckMacValue across the wire: sign, encode, parse, verify (property)', () => {
    // Names are well-formed here. A lone surrogate in a NAME is sorted by its UTF-16 code unit
    // when signed but travels as U+FFFD, which can sort elsewhere; no gateway sends such names.
    const name = anyText.filter(
      (n) => Buffer.from(n, 'utf8').toString('utf8') === n,
    );
    const keys = { hashKey: 'pwFHCqoQZGmho4w6', hashIV: 'EkRm7iFT261dpevs' };
    fc.assert(
      fc.property(
        fc.array(fc.tuple(name, anyText), { maxLength: 6 }),
        (fields) => {
          const received = parseFormBody(encodeFormBody(fields));
          expect(checkMacValue(received, keys)).toBe(
            checkMacValue(fields, keys),
          );
        },
      ),
      RUNS,
    );
  });
});
