import { hash, timingSafeEqual } from 'node:crypto';
import { DotNetUrlEncodedBuffer } from './dotnet-url-encode.js';
import {
  toFieldList,
  type GatewayField,
  type GatewayFieldList,
  type GatewayFieldsInput,
} from './gateway-fields.js';

/**
 * The hash behind a CheckMacValue: SHA-256 for every AioCheckOut V4/V5 order and every query or action
 * API (`EncryptType=1`), MD5 only for legacy AllPay V2 orders (docs/gateway-protocol.md section 2.2).
 *
 * @publicApi
 */
export type CheckMacAlgorithm = 'sha256' | 'md5';

/**
 * A merchant's signing secrets. They go into the hash and nowhere else: never into a log line, an
 * error message or a stored row.
 *
 * @publicApi
 */
export interface MacKeys {
  hashKey: string;
  hashIV: string;
}

/** The name of the field that carries the signature; it is never part of what is signed. */
export const CHECK_MAC_VALUE_FIELD = 'CheckMacValue';

/** What the canonical string shows in place of the HashKey and HashIV when printed. */
const MASK = '***';

/**
 * Computes the CheckMacValue of a set of fields (docs/gateway-protocol.md section 2.1):
 * every field except `CheckMacValue`, empty ones included, sorted by name case-insensitively and
 * ordinally, joined as `HashKey=…&Name=Value&…&HashIV=…`, .NET-url-encoded over UTF-8, lower-cased,
 * hashed, upper-case hex.
 *
 * @example checkMacValue({ MerchantID: '3002607', TimeStamp: '1709258400' }, keys)
 * @publicApi
 */
export function checkMacValue(
  fields: GatewayFieldsInput,
  keys: MacKeys,
  algorithm: CheckMacAlgorithm = 'sha256',
): string {
  return hash(
    algorithm,
    encodeMacPlaintext(fields, keys.hashKey, keys.hashIV).view(),
    'hex',
  ).toUpperCase();
}

/**
 * The exact string that is hashed: encoded and lower-cased. Exposed for diagnostics; it contains the
 * secrets, so print {@link maskedCanonicalMacString} instead.
 *
 * @internal
 */
export function canonicalMacString(
  fields: GatewayFieldsInput,
  keys: MacKeys,
): string {
  return encodeMacPlaintext(fields, keys.hashKey, keys.hashIV).toString();
}

/**
 * The canonical string with the HashKey and HashIV replaced by `***`: safe to print or log, and
 * identical to what is hashed everywhere else, which is what a developer compares at a
 * "CheckMacValue Error".
 *
 * @publicApi
 */
export function maskedCanonicalMacString(fields: GatewayFieldsInput): string {
  return encodeMacPlaintext(fields, MASK, MASK).toString();
}

/**
 * Where the canonical string is built. Building it is synchronous and its bytes are hashed or copied
 * out before anything else can run, so one buffer serves every call.
 */
const MAC_PLAINTEXT = new DotNetUrlEncodedBuffer(true);

/**
 * Writes `HashKey=…&Name=Value&…&HashIV=…` url-encoded and lower-cased in one pass: the names are
 * sorted once, then every piece is appended straight into the encoded bytes, never joined first.
 * Lower-casing while encoding is lower-casing after encoding (lower-casing first would change É's
 * bytes: docs/gateway-protocol.md §2, section 2.4), because the encoder lower-cases only the ASCII
 * letters it keeps.
 */
function encodeMacPlaintext(
  fields: GatewayFieldsInput,
  hashKey: string,
  hashIV: string,
): DotNetUrlEncodedBuffer {
  const { names, values } = sortForMac(fields);
  const out = MAC_PLAINTEXT.reset().append('HashKey=').append(hashKey);
  for (let i = 0; i < names.length; i++)
    out.appendEncoded(names[i]).append(values[i]);
  return out.append('&HashIV=').append(hashIV);
}

/**
 * The signed fields (all but `CheckMacValue`) in signing order, each name as its encoded `&name=`:
 * by name, case-insensitively and ordinally, as PHP's `strcasecmp` and Java's CASE_INSENSITIVE_ORDER
 * do (ASCII letters fold to lower case, everything else compares by code unit, never by locale), and
 * stably, so two names equal but for case keep their received order.
 */
function sortForMac(fields: GatewayFieldsInput): {
  names: Uint8Array[];
  values: string[];
} {
  const keys: string[] = [];
  const names: Uint8Array[] = [];
  const values: string[] = [];
  const add = (name: string, value: string) => {
    if (name === CHECK_MAC_VALUE_FIELD) return;
    const signed = signedName(name);
    keys.push(signed.key);
    names.push(signed.encoded);
    values.push(value);
  };
  if (Array.isArray(fields))
    for (const [name, value] of fields as GatewayFieldList) add(name, value);
  else
    for (const name of Object.keys(fields))
      add(name, (fields as Readonly<Record<string, string>>)[name]);
  if (keys.length <= INSERTION_SORT_MAX) {
    insertionSort(keys, names, values);
    return { names, values };
  }
  const order = keys.map((_, i) => i);
  // Array.prototype.sort is stable.
  order.sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
  return {
    names: order.map((i) => names[i]),
    values: order.map((i) => values[i]),
  };
}

/**
 * The fields in the order the CheckMacValue joins them, for a tool that shows what was hashed: the
 * same sort key as signing ({@link macSortKey}), stable for names equal but for case.
 *
 * @publicApi
 */
export function sortFieldsForMac(fields: GatewayFieldsInput): GatewayField[] {
  const keyed = toFieldList(fields).map((field) => ({
    field,
    key: macSortKey(field[0]),
  }));
  // Array.prototype.sort is stable, so two names equal but for case keep their received order.
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({ field }) => field);
}

/** What signing needs of a field name, worked out once per name: its sort key and `&name=` encoded. */
interface SignedName {
  key: string;
  encoded: Uint8Array;
}

/**
 * The same few dozen names come in every notification. Bounded, because names come from the
 * request: a body of made-up names empties it rather than growing it.
 */
const SIGNED_NAMES = new Map<string, SignedName>();
const SIGNED_NAMES_MAX = 1024;
const NAME_ENCODER = new DotNetUrlEncodedBuffer(true);

function signedName(name: string): SignedName {
  let signed = SIGNED_NAMES.get(name);
  if (signed === undefined) {
    if (SIGNED_NAMES.size >= SIGNED_NAMES_MAX) SIGNED_NAMES.clear();
    signed = {
      key: macSortKey(name),
      encoded: NAME_ENCODER.reset()
        .append('&')
        .append(name)
        .append('=')
        .toBytes(),
    };
    SIGNED_NAMES.set(name, signed);
  }
  return signed;
}

/**
 * A form's few dozen fields sort fastest by insertion, without a comparator call per comparison;
 * beyond this many, a body crafted with thousands of fields must not cost quadratic time.
 */
const INSERTION_SORT_MAX = 48;

/** Stable insertion sort of `keys`, moving `names` and `values` along. */
function insertionSort(keys: string[], names: Uint8Array[], values: string[]) {
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    if (keys[i - 1] <= key) continue;
    const name = names[i];
    const value = values[i];
    let at = i;
    while (at > 0 && keys[at - 1] > key) {
      keys[at] = keys[at - 1];
      names[at] = names[at - 1];
      values[at] = values[at - 1];
      at--;
    }
    keys[at] = key;
    names[at] = name;
    values[at] = value;
  }
}

/**
 * A name as it is compared: ASCII letters lower-cased (only those: `toLowerCase` would fold É too),
 * and a lone surrogate read as U+FFFD, as it goes over the wire (and into the hash).
 */
function macSortKey(name: string): string {
  let hasUpperCase = false;
  for (let i = 0; i < name.length; i++) {
    const unit = name.charCodeAt(i);
    if (unit > 0x7f)
      return name
        .toWellFormed()
        .replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
    if (unit >= 0x41 && unit <= 0x5a) hasUpperCase = true;
  }
  return hasUpperCase ? name.toLowerCase() : name;
}

/**
 * The outcome of checking a received CheckMacValue.
 *
 * @publicApi
 */
export type MacVerification =
  | { valid: true; algorithm: CheckMacAlgorithm }
  | {
      valid: false;
      reason: 'missing' | 'malformed' | 'mismatch';
      /** The value we computed, to help diagnose a mismatch (it reveals nothing about the keys). */
      expected?: string;
    };

/**
 * Verifies the `CheckMacValue` among the received fields by recomputing it over **all** the other
 * received fields (docs/gateway-protocol.md §2.3), comparing case-insensitively in constant time.
 *
 * @param algorithms the hashes accepted; SHA-256 only by default, because every V4/V5 order is signed
 *   with it and accepting MD5 as well would let a weaker signature through.
 * @publicApi
 */
export function verifyCheckMacValue(
  fields: GatewayFieldsInput,
  keys: MacKeys,
  algorithms: readonly CheckMacAlgorithm[] = ['sha256'],
): MacVerification {
  let received: string | undefined;
  let count = 0;
  if (Array.isArray(fields)) {
    for (const [name, value] of fields as GatewayFieldList) {
      if (name !== CHECK_MAC_VALUE_FIELD) continue;
      received ??= value;
      count++;
    }
  } else if (Object.hasOwn(fields, CHECK_MAC_VALUE_FIELD)) {
    received = (fields as Readonly<Record<string, string>>)[
      CHECK_MAC_VALUE_FIELD
    ];
    count = 1;
  }
  if (received === undefined || received === '')
    return { valid: false, reason: 'missing' };
  if (count > 1) return { valid: false, reason: 'malformed' };
  const given = received.toUpperCase();
  if (!/^[0-9A-F]+$/.test(given)) return { valid: false, reason: 'malformed' };
  let expected: string | undefined;
  for (const algorithm of algorithms) {
    const computed = checkMacValue(fields, keys, algorithm);
    expected ??= computed;
    if (constantTimeEquals(computed, given)) return { valid: true, algorithm };
  }
  return { valid: false, reason: 'mismatch', expected };
}

function constantTimeEquals(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
