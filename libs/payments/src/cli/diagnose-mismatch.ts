import { createHash } from 'node:crypto';
import {
  CHECK_MAC_VALUE_FIELD,
  canonicalMacString,
  checkMacValue,
  type CheckMacAlgorithm,
  type MacKeys,
} from '../protocol/check-mac-value.js';
import type {
  GatewayField,
  GatewayFieldList,
} from '../protocol/gateway-fields.js';
import { GATEWAY_PROFILES } from '../protocol/gateway-profile.js';
import { escapeHtml } from '../protocol/render-auto-submit-form.js';
import { algorithmLabel, displayName } from './cli-arguments.js';

/**
 * How sure a cause is:
 * - `match`: a variant was recomputed and gives the received value, so this is what happened;
 * - `hint`: something seen in the body that often breaks the check, not proven here;
 * - `always`: the cause that can never be ruled out from the body alone.
 */
export type CauseKind = 'match' | 'hint' | 'always';

/** One likely reason why a received CheckMacValue does not verify. */
export interface LikelyCause {
  kind: CauseKind;
  text: string;
}

const DIGEST_LENGTH: Record<CheckMacAlgorithm, number> = {
  sha256: 64,
  md5: 32,
};

/**
 * Explains a CheckMacValue that does not verify, using the pitfalls of REFERENCE.md section 10.
 * Every "would match if" cause was recomputed here and gave the received value; nothing is claimed
 * from a guess. Causes come back most specific first: matches, then hints, then the wrong-keys cause,
 * which is always listed.
 *
 * @param fields every received field, the CheckMacValue field(s) included
 * @param algorithm the hash the caller expected
 */
export function diagnoseMismatch(
  fields: GatewayFieldList,
  keys: MacKeys,
  algorithm: CheckMacAlgorithm,
): LikelyCause[] {
  const matches: string[] = [];
  const hints: string[] = [];
  const received = fields
    .filter(([name]) => name === CHECK_MAC_VALUE_FIELD)
    .map(([, v]) => v);
  const signed = fields.filter(([name]) => name !== CHECK_MAC_VALUE_FIELD);
  const candidates = new Set(
    received.map((value) => value.trim().toUpperCase()),
  );
  const macOf = (list: GatewayFieldList, alg = algorithm, macKeys = keys) =>
    checkMacValue(list, macKeys, alg);
  const isReceived = (mac: string) => candidates.has(mac);
  const expected = macOf(signed);
  const other: CheckMacAlgorithm = algorithm === 'sha256' ? 'md5' : 'sha256';

  // The received value itself (pitfall 1: its length tells the hash).
  if (received.length === 0) {
    hints.push(
      'The body has no CheckMacValue field: it is not a signed gateway message, or the capture lost the field.',
    );
  } else if (received.length > 1) {
    hints.push(
      `The body has ${received.length} CheckMacValue fields; a gateway sends exactly one, so it is malformed.`,
    );
    const index = received.findIndex(
      (value) => value.trim().toUpperCase() === expected,
    );
    if (index >= 0)
      matches.push(
        `CheckMacValue number ${index + 1} of ${received.length} matches.`,
      );
  } else {
    const value = received[0];
    const trimmed = value.trim();
    if (value !== trimmed && trimmed.toUpperCase() === expected) {
      matches.push(
        'Would match if the CheckMacValue itself were trimmed: whitespace was added around it in transit or in the capture.',
      );
    }
    if (!/^[0-9A-Fa-f]+$/.test(trimmed)) {
      hints.push(
        `The received CheckMacValue is not hexadecimal (${trimmed.length} characters): it is not a CheckMacValue, or it was damaged on the way.`,
      );
    } else if (
      trimmed.length !== DIGEST_LENGTH[algorithm] &&
      trimmed.length !== DIGEST_LENGTH[other]
    ) {
      hints.push(
        `The received CheckMacValue has ${trimmed.length} hex characters; SHA-256 gives 64 and MD5 gives 32: it was truncated or padded.`,
      );
    }
  }

  // EncryptType mismatch (pitfall 1).
  if (isReceived(macOf(signed, other))) {
    matches.push(
      `The ${algorithmLabel(other)} digest matches: the sender signed with ${algorithmLabel(other)} but ` +
        `${algorithmLabel(algorithm)} was expected, an EncryptType mismatch (pitfall 1). ` +
        (other === 'md5'
          ? 'Pin SHA-256 (EncryptType=1) on both sides; only a legacy AllPay V2 order is verified with --md5.'
          : 'Drop --md5: V4/V5 orders and the query APIs are signed with SHA-256.'),
    );
  } else if (received.length === 1) {
    const length = received[0].trim().length;
    if (
      /^[0-9A-Fa-f]+$/.test(received[0].trim()) &&
      length === DIGEST_LENGTH[other]
    ) {
      hints.push(
        `The received CheckMacValue has ${length} hex characters, the length of ${algorithmLabel(other)} ` +
          `(${algorithmLabel(algorithm)} has ${DIGEST_LENGTH[algorithm]}): the sender probably uses ` +
          `${algorithmLabel(other)} (EncryptType mismatch, pitfall 1), yet the ${algorithmLabel(other)} ` +
          'digest does not match either, so the fields or the keys differ as well.',
      );
    }
  }

  // Posted value differs from the hashed value (pitfall 2).
  for (const transform of VALUE_TRANSFORMS) {
    const affected = signed.flatMap(([, value], index) =>
      transform.applies(value) ? [index] : [],
    );
    const withChanged = (indexes: readonly number[]) =>
      signed.map(([name, value], index): GatewayField =>
        indexes.includes(index)
          ? [name, transform.apply(value)]
          : [name, value],
      );
    const single = affected.find((index) =>
      isReceived(macOf(withChanged([index]))),
    );
    if (single !== undefined) {
      matches.push(
        `Would match if ${transform.one(displayName(signed[single][0]))}: ${transform.why}.`,
      );
    } else if (
      affected.length > 1 &&
      isReceived(macOf(withChanged(affected)))
    ) {
      const names = affected
        .map((index) => displayName(signed[index][0]))
        .join(', ');
      matches.push(
        `Would match if ${transform.all} (${names}): ${transform.why}.`,
      );
    }
  }

  // Empty fields left out of the MAC (pitfall 5).
  const empty = signed.filter(([, value]) => value === '');
  if (
    empty.length > 0 &&
    isReceived(macOf(signed.filter(([, value]) => value !== '')))
  ) {
    matches.push(
      `Would match if the empty fields (${empty.map(([n]) => displayName(n)).join(', ')}) were left out: ` +
        'the sender hashes only non-empty fields, but the gateways post and hash empty ones too ' +
        '(REFERENCE.md 2.1 step 1, pitfall 5).',
    );
  }

  // Repeated and bracketed names: what a record- or qs-based parser does to the field set.
  const counts = new Map<string, number>();
  for (const [name] of signed) counts.set(name, (counts.get(name) ?? 0) + 1);
  const repeated = [...counts]
    .filter(([, count]) => count > 1)
    .map(([name]) => name);
  if (repeated.length > 0) {
    hints.push(
      `The body repeats the names ${repeated.map(displayName).join(', ')}: a parser that builds a record ` +
        'keeps only one value per name, so the field set that was signed and the one that was verified can differ.',
    );
    for (const keep of ['first', 'last'] as const) {
      if (isReceived(macOf(keepOneOfEach(signed, keep)))) {
        matches.push(
          `Would match if only the ${keep} occurrence of each repeated name were hashed.`,
        );
      }
    }
  }
  const bracketed = signed
    .filter(([name]) => /\[.*\]/.test(name))
    .map(([name]) => name);
  if (bracketed.length > 0) {
    hints.push(
      `The body has bracketed names (${bracketed.map(displayName).join(', ')}): a qs ("extended") ` +
        "body parser such as Nest's @Body() nests them into objects, so a MAC recomputed from the parsed " +
        'body differs. Recompute over the raw body, as twpay does (REFERENCE.md 2.3, pitfall 5).',
    );
  }

  // Encoding flavours of other implementations (pitfall 3), recomputed over the real string.
  const canonical = canonicalMacString(signed, keys);
  const hashText = (text: string) =>
    createHash(algorithm).update(text, 'utf8').digest('hex').toUpperCase();
  // Two flavours that give the same string here cannot be told apart: only the first is claimed.
  const tried = new Set([canonical]);
  for (const flavour of ENCODING_FLAVOURS) {
    const variant = flavour.canonical(signed, keys, canonical);
    if (tried.has(variant)) continue;
    tried.add(variant);
    if (isReceived(hashText(variant))) matches.push(flavour.text);
  }

  // Characters that implementations treat differently (pitfalls 3 and 4).
  const risky = signed.flatMap(([name, value]) => {
    const found = RISKY_CHARACTERS.filter((risk) => risk.test(value)).map(
      (risk) => risk.label,
    );
    return found.length > 0
      ? [`${displayName(name)} (${found.join(', ')})`]
      : [];
  });
  if (risky.length > 0) {
    hints.push(
      `Values with characters that implementations treat differently (pitfalls 3 and 4): ${risky.join('; ')}. ` +
        'An encoder other than the .NET table of REFERENCE.md 2.1 hashes " \\ ~ \' < > CR LF differently; ' +
        'non-ASCII text is hashed as UTF-8 bytes, so a sender or capture in another charset differs; ' +
        'the ECPay Node SDK lower-cases cased non-ASCII letters before encoding. Keep free text ASCII-safe.',
    );
  }
  if (signed.some(([, value]) => value.includes('\uFFFD'))) {
    hints.push(
      'A value contains U+FFFD: bytes that were not UTF-8 were replaced while decoding. The body or ' +
        'the capture is not UTF-8 (pitfall 4: UTF-8 only).',
    );
  }

  // Keys of another environment (pitfall 17).
  const merchantId = signed.find(([name]) => name === 'MerchantID')?.[1];
  for (const profile of Object.values(GATEWAY_PROFILES)) {
    const stage = profile.stageTestMerchant;
    if (stage.hashKey === keys.hashKey && stage.hashIV === keys.hashIV)
      continue;
    const stageKeys = { hashKey: stage.hashKey, hashIV: stage.hashIV };
    const signedWith = (['sha256', 'md5'] as const).find((alg) =>
      isReceived(macOf(signed, alg, stageKeys)),
    );
    if (signedWith) {
      matches.push(
        `It verifies (${algorithmLabel(signedWith)}) with the public ${profile.displayName} stage test keys ` +
          `(merchant ${stage.merchantId}), not with the keys given: it was signed on stage, a wrong ` +
          'environment (pitfall 17).',
      );
    } else if (merchantId === stage.merchantId) {
      hints.push(
        `MerchantID ${merchantId} is the public ${profile.displayName} stage test merchant, but the keys ` +
          'given are not its stage keys (pitfall 17).',
      );
    }
  }

  return [
    ...matches.map((text) => ({ kind: 'match' as const, text })),
    ...hints.map((text) => ({ kind: 'hint' as const, text })),
    {
      kind: 'always',
      text:
        'Wrong HashKey/HashIV, or the keys of the other environment (stage vs production) or of another ' +
        "merchant; a PlatformID message is signed with the platform's keys (pitfalls 16 and 17).",
    },
  ];
}

interface ValueTransform {
  applies(value: string): boolean;
  apply(value: string): string;
  one(name: string): string;
  all: string;
  why: string;
}

/** Ways the posted value can differ from the one that was hashed (pitfall 2), each undone here. */
const VALUE_TRANSFORMS: readonly ValueTransform[] = [
  {
    applies: (value) => value !== value.trim(),
    apply: (value) => value.trim(),
    one: (name) => `the value of ${name} were trimmed`,
    all: 'every value were trimmed',
    why: 'the sender trimmed the value it hashed but not the one it posted (posted ≠ hashed, pitfall 2)',
  },
  {
    applies: (value) => value.includes('+'),
    apply: (value) => value.replaceAll('+', ' '),
    one: (name) => `the "+" in ${name} were spaces`,
    all: 'every "+" were a space',
    why:
      'the sender hashed spaces where the body carries "+": a value that was never form-decoded, ' +
      'or the CarruerNum "+" rule of REFERENCE.md 11.5 (posted ≠ hashed, pitfall 2)',
  },
  {
    applies: (value) => value.includes(' '),
    apply: (value) => value.replaceAll(' ', '+'),
    one: (name) => `the spaces in ${name} were "+"`,
    all: 'every space were a "+"',
    why:
      'a literal "+" was sent unencoded and form-decoding turned it into a space; it must travel as ' +
      '%2B (REFERENCE.md 7.3; posted ≠ hashed, pitfall 2)',
  },
  {
    applies: (value) => HTML_ENTITY.test(value),
    apply: (value) => unescapeHtml(value),
    one: (name) => `${name} were HTML-unescaped`,
    all: 'every value were HTML-unescaped',
    why:
      'the posted value was HTML-escaped once more than the signed one, e.g. an escaped value ' +
      'escaped again by the form (posted ≠ hashed, pitfall 2)',
  },
  {
    applies: (value) => /[&<>"'`]/.test(value),
    apply: (value) => escapeHtml(value),
    one: (name) => `${name} were HTML-escaped`,
    all: 'every value were HTML-escaped',
    why: 'the sender signed the HTML-escaped text but the browser posted the plain text (posted ≠ hashed, pitfall 2)',
  },
];

const HTML_ENTITY = /&(?:#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos);/i;

function unescapeHtml(text: string): string {
  return text.replace(
    /&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi,
    (
      entity,
      decimal: string | undefined,
      hex: string | undefined,
      name: string | undefined,
    ) => {
      if (name) return NAMED_ENTITIES[name.toLowerCase()];
      const code = decimal !== undefined ? Number(decimal) : parseInt(hex!, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    },
  );
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function keepOneOfEach(
  fields: GatewayFieldList,
  keep: 'first' | 'last',
): GatewayField[] {
  const ordered = keep === 'first' ? fields : [...fields].reverse();
  const seen = new Set<string>();
  const kept = ordered.filter(([name]) => !seen.has(name) && seen.add(name));
  return keep === 'first' ? kept : kept.reverse();
}

interface EncodingFlavour {
  canonical(signed: GatewayFieldList, keys: MacKeys, canonical: string): string;
  text: string;
}

/**
 * Other implementations' canonical strings, each checked against a published value: the Node SDK
 * against REFERENCE.md 2.4 rows 1-2 (vectors Q1, Q2), the Python SDK against row 3 (vector V6). The
 * others are the third-party mistakes pitfall 3 names.
 */
const ENCODING_FLAVOURS: readonly EncodingFlavour[] = [
  {
    canonical: (signed, keys) =>
      canonicalMacString(
        signed.map(([name, value]): GatewayField => [
          name.toLowerCase(),
          JSON.stringify(value).slice(1, -1).toLowerCase(),
        ]),
        keys,
      ),
    text:
      'Matches the official ECPay Node SDK (ecpay_aio_nodejs), which hashes \\" for " and \\\\ for \\ ' +
      'and lower-cases before encoding (REFERENCE.md 2.4, pitfall 3): the sender uses it. Keep ", \\ ' +
      'and cased non-ASCII letters out of the values.',
  },
  {
    canonical: (_signed, _keys, canonical) => canonical.replace(/%7e/g, '~'),
    text:
      'Matches the ECPay Python SDK on Python 3.7 or later, whose quote_plus leaves "~" unencoded ' +
      '(REFERENCE.md 2.4, pitfall 3): keep "~" out of the values.',
  },
  {
    canonical: (_signed, _keys, canonical) => canonical.replace(/\+/g, '%20'),
    text: 'Matches an encoder that writes a space as %20 instead of "+" (pitfall 3).',
  },
  {
    canonical: (_signed, _keys, canonical) =>
      canonical.replace(/%27/g, "'").replace(/%7e/g, '~').replace(/\+/g, '%20'),
    text:
      "Matches plain encodeURIComponent without the .NET fixes: space as %20, ' and ~ left as they " +
      'are (pitfall 3).',
  },
  {
    canonical: (_signed, _keys, canonical) =>
      canonical
        .replace(/!/g, '%21')
        .replace(/\*/g, '%2a')
        .replace(/\(/g, '%28')
        .replace(/\)/g, '%29'),
    text:
      'Matches an encoder that escapes ! * ( ): PHP urlencode or Java URLEncoder without the .NET ' +
      'replacements (pitfall 3).',
  },
];

const RISKY_CHARACTERS: readonly {
  label: string;
  test(value: string): boolean;
}[] = [
  { label: '"', test: (value) => value.includes('"') },
  { label: '\\', test: (value) => value.includes('\\') },
  { label: '~', test: (value) => value.includes('~') },
  { label: "'", test: (value) => value.includes("'") },
  { label: '< or >', test: (value) => /[<>]/.test(value) },
  { label: 'CR or LF', test: (value) => /[\r\n]/.test(value) },
  {
    label: 'cased non-ASCII letters',
    test: (value) =>
      [...value].some((c) => c > '\x7f' && c.toLowerCase() !== c.toUpperCase()),
  },
  { label: 'non-ASCII', test: (value) => [...value].some((c) => c > '\x7f') },
];
