import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  CHECK_MAC_VALUE_FIELD,
  canonicalMacString,
  checkMacValue,
  maskedCanonicalMacString,
  verifyCheckMacValue,
} from './check-mac-value.js';
import type { GatewayFieldList } from './gateway-fields.js';
import { vectors } from '../../test/support/mac-vectors.js';

describe('checkMacValue: published vectors', () => {
  it('has all 16 vectors', () => expect(vectors).toHaveLength(16));

  it.each(vectors.map((v) => [v.id, v] as const))('%s', (_id, v) => {
    const keys = { hashKey: v.hashKey, hashIV: v.hashIV };
    expect(checkMacValue(v.fields, keys, v.algorithm)).toBe(v.checkMacValue);
    const received = {
      ...v.fields,
      CheckMacValue: v.checkMacValue.toLowerCase(),
    };
    expect(verifyCheckMacValue(received, keys, [v.algorithm])).toEqual({
      valid: true,
      algorithm: v.algorithm,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties and unit tests beyond the published vectors.
// ---------------------------------------------------------------------------------------------

const KEYS = { hashKey: 'pwFHCqoQZGmho4w6', hashIV: 'EkRm7iFT261dpevs' };
const RUNS = { numRuns: 1000 };

/** The characters docs/gateway-protocol.md sections 2.4 and 10 name as trouble, plus whitespace and non-ASCII. */
const TRICKY = [
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
  '\t',
  ' ',
  'É',
  'é',
  '王',
  '\u3000',
];

/** One unit of text: any UTF-16 code unit (lone surrogates included), an astral code point, or a tricky character. */
const anyUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.constantFrom(...TRICKY),
  fc.constantFrom('a', 'B', '1', '_', '-'),
);
const anyText = fc.string({ unit: anyUnit, maxLength: 16 });

/** Well-formed text (no lone surrogates): UTF-8 encodes it without loss. */
const wellFormedUnit = anyUnit.filter(isWellFormed);

function isWellFormed(text: string): boolean {
  return Buffer.from(text, 'utf8').toString('utf8') === text;
}

function asciiLowerCase(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * What the MAC can see of a string: its UTF-8 bytes (a lone surrogate becomes U+FFFD, as in .NET),
 * with ASCII letters lower-cased (docs/gateway-protocol.md §2.1 step 5 lower-cases the whole encoded string, and
 * the encoding keeps every ASCII letter as itself, so only ASCII case is lost; `É` keeps its bytes).
 */
function visibleToMac(text: string): string {
  return asciiLowerCase(Buffer.from(text, 'utf8').toString('latin1'));
}

/**
 * Field lists whose names are unique even after ASCII lower-casing. Two names that are equal but for
 * case (`a` and `A`) tie in the case-insensitive sort; the stable sort then keeps them in received
 * order, and `a=1&A=2` and `A=2&a=1` hash differently (so does PHP's stable `uksort`). Ties are
 * therefore outside the order property and pinned by their own unit test below.
 */
function uniqueFieldLists(
  name: fc.Arbitrary<string>,
  value: fc.Arbitrary<string>,
) {
  return fc.uniqueArray(fc.tuple(name, value), {
    selector: ([n]) => asciiLowerCase(n),
    maxLength: 8,
  });
}

describe('checkMacValue: properties', () => {
  it('(a) does not depend on the order of the fields, as a list or as a record', () => {
    const listAndShuffle = uniqueFieldLists(anyText, anyText).chain((list) =>
      fc.tuple(
        fc.constant(list),
        fc.shuffledSubarray(list, {
          minLength: list.length,
          maxLength: list.length,
        }),
      ),
    );
    fc.assert(
      fc.property(listAndShuffle, ([list, shuffled]) => {
        const mac = checkMacValue(list, KEYS);
        expect(checkMacValue(shuffled, KEYS)).toBe(mac);
        // A record reorders integer-like keys first, and must not matter either.
        expect(checkMacValue(Object.fromEntries(shuffled), KEYS)).toBe(mac);
        expect(maskedCanonicalMacString(shuffled)).toBe(
          maskedCanonicalMacString(list),
        );
      }),
      RUNS,
    );
  });

  it('(b) changes whenever one field name or value changes in a way that survives lower-casing', () => {
    // Names: well-formed (two lone surrogates would both become U+FFFD) and without `=`/`&`. The
    // joined string is not escaped, so a name containing `=` or `&` can make two different field
    // sets join to the same text; with such names excluded, the first `=` after each `&` ends a name,
    // and the proof that one changed field changes the string goes through. Values may hold anything,
    // `=` and `&` included, because a value changed in place keeps every other segment where it was.
    const name = fc
      .string({ unit: wellFormedUnit, minLength: 1, maxLength: 10 })
      .filter((n) => !/[=&]/.test(n) && n !== CHECK_MAC_VALUE_FIELD);
    const scenario = uniqueFieldLists(name, anyText)
      .filter((list) => list.length > 0)
      .chain((list) =>
        fc
          .tuple(
            fc.constant(list),
            fc.nat({ max: list.length - 1 }),
            fc.boolean(),
          )
          .chain(([fields, index, renameIt]) => {
            const [oldName, oldValue] = fields[index];
            const taken = new Set(
              fields
                .filter((_, i) => i !== index)
                .map(([n]) => asciiLowerCase(n)),
            );
            const replacement = renameIt
              ? fc
                  .oneof(
                    name,
                    fc.mixedCase(fc.constant(oldName)),
                    fc.constant(oldName + 'x'),
                  )
                  .filter(
                    (n) => !/[=&]/.test(n) && !taken.has(asciiLowerCase(n)),
                  )
              : fc.oneof(
                  anyText,
                  fc.mixedCase(fc.constant(oldValue)),
                  fc.constantFrom(
                    ` ${oldValue}`,
                    `${oldValue} `,
                    oldValue.trim(),
                    oldValue + '+',
                  ),
                );
            return fc.tuple(
              fc.constant(fields),
              fc.constant(index),
              fc.constant(renameIt),
              replacement,
            );
          }),
      );
    fc.assert(
      fc.property(scenario, ([fields, index, renameIt, replacement]) => {
        const changed = fields.map(([n, v], i): [string, string] =>
          i !== index ? [n, v] : renameIt ? [replacement, v] : [n, replacement],
        );
        const before = renameIt ? fields[index][0] : fields[index][1];
        const visiblyDifferent =
          visibleToMac(before) !== visibleToMac(replacement);
        const macChanged =
          checkMacValue(fields, KEYS) !== checkMacValue(changed, KEYS);
        // Both directions: a visible change always changes the MAC; a case-only change never does.
        expect(macChanged).toBe(visiblyDifferent);
      }),
      RUNS,
    );
  });

  it('(c) never throws on arbitrary Unicode, lone surrogates and tricky characters included', () => {
    fc.assert(
      fc.property(uniqueFieldLists(anyText, anyText), (list) => {
        const mac = checkMacValue(list, KEYS);
        expect(mac).toMatch(/^[0-9A-F]{64}$/);
        expect(checkMacValue(list, KEYS, 'md5')).toMatch(/^[0-9A-F]{32}$/);
        expect(maskedCanonicalMacString(list)).toMatch(/^[a-z0-9\-_.!*()+%]*$/);
        const received = [...list.filter(([n]) => n !== CHECK_MAC_VALUE_FIELD)];
        expect(
          verifyCheckMacValue(
            [...received, [CHECK_MAC_VALUE_FIELD, mac]],
            KEYS,
          ),
        ).toEqual({
          valid: true,
          algorithm: 'sha256',
        });
      }),
      RUNS,
    );
  });

  it('(c) never trims: leading or trailing whitespace always changes the MAC', () => {
    const space = fc.string({
      unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u3000'),
      minLength: 1,
      maxLength: 3,
    });
    const padded = fc
      .tuple(space, anyText, space, fc.constantFrom('lead', 'trail', 'both'))
      .map(([head, core, tail, where]) =>
        where === 'lead'
          ? head + core
          : where === 'trail'
            ? core + tail
            : head + core + tail,
      );
    fc.assert(
      fc.property(padded, (value) => {
        expect(value).not.toBe(value.trim());
        expect(checkMacValue({ ReturnURL: value }, KEYS)).not.toBe(
          checkMacValue({ ReturnURL: value.trim() }, KEYS),
        );
      }),
      RUNS,
    );
  });

  it('keeps a leading space: " a" and "a" differ, and the space is hashed as "+"', () => {
    expect(checkMacValue({ F: ' a' }, KEYS)).not.toBe(
      checkMacValue({ F: 'a' }, KEYS),
    );
    expect(maskedCanonicalMacString({ F: ' a' })).toBe(
      'hashkey%3d***%26f%3d+a%26hashiv%3d***',
    );
    // docs/gateway-protocol.md V11 without its leading space (the value the article warns about).
    const v11 = vectors.find((v) => v.id === 'V11')!;
    const trimmed = { ...v11.fields, ReturnURL: v11.fields.ReturnURL.trim() };
    expect(checkMacValue(trimmed, KEYS)).toBe(
      'F3631FC32292F8C12EBE7840D3EB6C729F34552A47D13D8F9A86975883B2C4F9',
    );
  });

  it('is insensitive to ASCII case but not to the case of non-ASCII letters', () => {
    expect(checkMacValue({ TradeDesc: 'ABC' }, KEYS)).toBe(
      checkMacValue({ tradedesc: 'abc' }, KEYS),
    );
    // Lower-casing happens after encoding, so É (%c3%89) and é (%c3%a9) stay different (docs/gateway-protocol.md §2.4).
    expect(checkMacValue({ TradeDesc: 'É' }, KEYS)).not.toBe(
      checkMacValue({ TradeDesc: 'é' }, KEYS),
    );
  });

  it('keeps received order for names that are equal but for case (stable sort)', () => {
    const ab: GatewayFieldList = [
      ['a', '1'],
      ['A', '2'],
    ];
    expect(maskedCanonicalMacString(ab)).toBe(
      'hashkey%3d***%26a%3d1%26a%3d2%26hashiv%3d***',
    );
    expect(maskedCanonicalMacString([ab[1], ab[0]])).toBe(
      'hashkey%3d***%26a%3d2%26a%3d1%26hashiv%3d***',
    );
  });

  it('sorts ordinally like strcasecmp: "1" before "_" (docs/gateway-protocol.md §2.4, last row)', () => {
    expect(checkMacValue({ a_: 'y', a1: 'x' }, KEYS)).toBe(
      '128894657A83B97937F5682A7B3582FEAD685EED5269B771A757E82790B7AADD',
    );
  });

  it('leaves every CheckMacValue field out of what it signs, and includes empty fields', () => {
    const fields = { MerchantID: '3002607', StoreID: '' };
    expect(checkMacValue({ ...fields, CheckMacValue: 'ABC' }, KEYS)).toBe(
      checkMacValue(fields, KEYS),
    );
    expect(checkMacValue(fields, KEYS)).not.toBe(
      checkMacValue({ MerchantID: '3002607' }, KEYS),
    );
    expect(maskedCanonicalMacString(fields)).toBe(
      'hashkey%3d***%26merchantid%3d3002607%26storeid%3d%26hashiv%3d***',
    );
  });

  it('never puts the keys into the masked canonical string', () => {
    const v1 = vectors.find((v) => v.id === 'V1')!;
    const masked = maskedCanonicalMacString(v1.fields);
    expect(masked.startsWith('hashkey%3d***%26choosepayment%3dall')).toBe(true);
    expect(masked.endsWith('%26hashiv%3d***')).toBe(true);
    expect(masked.toLowerCase()).not.toContain(v1.hashKey.toLowerCase());
    expect(masked.toLowerCase()).not.toContain(v1.hashIV.toLowerCase());
    expect(
      canonicalMacString(v1.fields, KEYS)
        .replace('pwfhcqoqzgmho4w6', '***')
        .replace('ekrm7ift261dpevs', '***'),
    ).toBe(masked);
  });
});

/**
 * The algorithm of docs/gateway-protocol.md §2 (section 2.1) written out literally, step by step, as
 * the oracle for the single-pass implementation: sort, join, UTF-8 bytes, .NET url-encode byte by
 * byte, lower-case.
 */
function literalCanonicalString(
  fields: GatewayFieldList,
  hashKey: string,
  hashIV: string,
): string {
  const signed = fields
    .filter(([name]) => name !== CHECK_MAC_VALUE_FIELD)
    .map(([name, value]) => ({
      key: asciiLowerCase(name.toWellFormed()),
      name,
      value,
    }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const joined = [
    `HashKey=${hashKey}`,
    ...signed.map(({ name, value }) => `${name}=${value}`),
    `HashIV=${hashIV}`,
  ].join('&');
  let encoded = '';
  for (const byte of Buffer.from(joined, 'utf8')) {
    const char = String.fromCharCode(byte);
    if (/^[A-Za-z0-9\-_.!*()]$/.test(char)) encoded += char;
    else if (char === ' ') encoded += '+';
    else encoded += '%' + byte.toString(16).padStart(2, '0');
  }
  return encoded.toLowerCase();
}

describe('checkMacValue: the single pass against the literal algorithm', () => {
  it('builds the same canonical string and hash for any fields, lone surrogates included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(anyText, anyText), { maxLength: 8 }),
        anyText,
        anyText,
        (list, hashKey, hashIV) => {
          const literal = literalCanonicalString(list, hashKey, hashIV);
          expect(canonicalMacString(list, { hashKey, hashIV })).toBe(literal);
          expect(checkMacValue(list, { hashKey, hashIV })).toBe(
            createHash('sha256').update(literal).digest('hex').toUpperCase(),
          );
        },
      ),
      RUNS,
    );
  });

  it('sorts past the insertion-sort size the same way: many fields, names equal but for case kept in order', () => {
    const name = fc.constantFrom(
      'a',
      'A',
      'b',
      'B',
      '_',
      '1',
      'É',
      '\uD800',
      'x',
    );
    const names = fc.string({ unit: name, minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(names, anyText), { minLength: 40, maxLength: 120 }),
        (list) => {
          expect(canonicalMacString(list, KEYS)).toBe(
            literalCanonicalString(list, KEYS.hashKey, KEYS.hashIV),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stays exact on values far larger than its buffer, and on small ones after them', () => {
    const long = fc.string({ unit: anyUnit, minLength: 500, maxLength: 3000 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(anyText, long), { maxLength: 4 }),
        (list) => {
          expect(canonicalMacString(list, KEYS)).toBe(
            literalCanonicalString(list, KEYS.hashKey, KEYS.hashIV),
          );
        },
      ),
      { numRuns: 100 },
    );
    const huge: GatewayFieldList = [['ItemName', '王'.repeat(100_000)]];
    expect(canonicalMacString(huge, KEYS)).toBe(
      literalCanonicalString(huge, KEYS.hashKey, KEYS.hashIV),
    );
    const v7 = vectors.find((v) => v.id === 'V7')!;
    expect(checkMacValue(v7.fields, KEYS)).toBe(v7.checkMacValue);
  });
});

describe('verifyCheckMacValue', () => {
  const v7 = vectors.find((v) => v.id === 'V7')!;
  const keys = { hashKey: v7.hashKey, hashIV: v7.hashIV };
  const body = (mac: string): GatewayFieldList => [
    ...Object.entries(v7.fields),
    [CHECK_MAC_VALUE_FIELD, mac],
  ];

  it('accepts the right value, in upper, lower or mixed case', () => {
    for (const mac of [
      v7.checkMacValue,
      v7.checkMacValue.toLowerCase(),
      'dfb2A14e' + v7.checkMacValue.slice(8),
    ]) {
      expect(verifyCheckMacValue(body(mac), keys)).toEqual({
        valid: true,
        algorithm: 'sha256',
      });
    }
  });

  it('reports a missing CheckMacValue, absent or empty', () => {
    expect(verifyCheckMacValue(v7.fields, keys)).toEqual({
      valid: false,
      reason: 'missing',
    });
    expect(verifyCheckMacValue(body(''), keys)).toEqual({
      valid: false,
      reason: 'missing',
    });
  });

  it('reports a malformed CheckMacValue: not hex, padded, or sent twice', () => {
    expect(verifyCheckMacValue(body('not-a-mac'), keys)).toEqual({
      valid: false,
      reason: 'malformed',
    });
    expect(verifyCheckMacValue(body(` ${v7.checkMacValue}`), keys)).toEqual({
      valid: false,
      reason: 'malformed',
    });
    // Two CheckMacValue fields, even two correct ones, are malformed: which one was meant is unknown.
    const twice: GatewayFieldList = [
      ...body(v7.checkMacValue),
      [CHECK_MAC_VALUE_FIELD, v7.checkMacValue],
    ];
    expect(verifyCheckMacValue(twice, keys)).toEqual({
      valid: false,
      reason: 'malformed',
    });
  });

  it('reports a mismatch with the expected value when a field was changed', () => {
    const tampered = body(v7.checkMacValue).map(([n, v]): [string, string] =>
      n === 'Amount' ? [n, '1'] : [n, v],
    );
    const result = verifyCheckMacValue(tampered, keys);
    expect(result).toEqual({
      valid: false,
      reason: 'mismatch',
      expected: checkMacValue(tampered, keys),
    });
    expect(result.valid === false && result.expected).not.toBe(
      v7.checkMacValue,
    );
  });

  it('reports a truncated value as a mismatch, and wrong keys as a mismatch', () => {
    expect(
      verifyCheckMacValue(body(v7.checkMacValue.slice(0, 63)), keys),
    ).toMatchObject({
      valid: false,
      reason: 'mismatch',
    });
    expect(
      verifyCheckMacValue(body(v7.checkMacValue), {
        hashKey: '5294y06JbISpM5x9',
        hashIV: 'v77hoKGq4kWxNNIS',
      }),
    ).toMatchObject({ valid: false, reason: 'mismatch' });
  });

  it('accepts MD5 only when asked to', () => {
    const v1md5 = vectors.find((v) => v.id === 'V1-md5')!;
    const received = { ...v1md5.fields, CheckMacValue: v1md5.checkMacValue };
    expect(verifyCheckMacValue(received, keys)).toMatchObject({
      valid: false,
      reason: 'mismatch',
    });
    expect(verifyCheckMacValue(received, keys, ['md5'])).toEqual({
      valid: true,
      algorithm: 'md5',
    });
    expect(verifyCheckMacValue(received, keys, ['sha256', 'md5'])).toEqual({
      valid: true,
      algorithm: 'md5',
    });
  });
});
