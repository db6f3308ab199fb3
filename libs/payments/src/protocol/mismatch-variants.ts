import type { GatewayField, GatewayFieldList } from './gateway-fields.js';
import type { MacKeys } from './check-mac-value.js';
import { canonicalMacString } from './check-mac-value.js';
import { escapeHtml } from './render-auto-submit-form.js';

// The variants diagnoseMismatch() recomputes: what other senders and parsers do to the fields or
// to the canonical string. Each one is undone or redone here and hashed, never guessed.

interface ValueTransform {
  applies(value: string): boolean;
  apply(value: string): string;
  one(name: string): string;
  all: string;
  why: string;
}

/** Ways the posted value can differ from the one that was hashed (pitfall 2), each undone here. */
export const VALUE_TRANSFORMS: readonly ValueTransform[] = [
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
      'or the CarruerNum "+" rule of docs/gateway-protocol.md §11.5 (posted ≠ hashed, pitfall 2)',
  },
  {
    applies: (value) => value.includes(' '),
    apply: (value) => value.replaceAll(' ', '+'),
    one: (name) => `the spaces in ${name} were "+"`,
    all: 'every space were a "+"',
    why:
      'a literal "+" was sent unencoded and form-decoding turned it into a space; it must travel as ' +
      '%2B (docs/gateway-protocol.md §7.3; posted ≠ hashed, pitfall 2)',
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

export function keepOneOfEach(
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
 * against docs/gateway-protocol.md §2.4 rows 1-2 (vectors Q1, Q2), the Python SDK against row 3 (vector V6). The
 * others are the third-party mistakes pitfall 3 names.
 */
export const ENCODING_FLAVOURS: readonly EncodingFlavour[] = [
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
      'and lower-cases before encoding (docs/gateway-protocol.md §2.4, pitfall 3): the sender uses it. Keep ", \\ ' +
      'and cased non-ASCII letters out of the values.',
  },
  {
    canonical: (_signed, _keys, canonical) => canonical.replace(/%7e/g, '~'),
    text:
      'Matches the ECPay Python SDK on Python 3.7 or later, whose quote_plus leaves "~" unencoded ' +
      '(docs/gateway-protocol.md §2.4, pitfall 3): keep "~" out of the values.',
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

export const RISKY_CHARACTERS: readonly {
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
