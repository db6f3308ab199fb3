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
 * API (`EncryptType=1`), MD5 only for legacy AllPay V2 orders (REFERENCE.md section 2.2).
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
 * Computes the CheckMacValue of a set of fields (REFERENCE.md section 2.1):
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
 * Lower-casing while encoding is lower-casing after encoding (REFERENCE.md 2.4: lower-casing first
 * would change É's bytes), because the encoder lower-cases only the ASCII letters it keeps.
 */
function encodeMacPlaintext(
  fields: GatewayFieldsInput,
  hashKey: string,
  hashIV: string,
): DotNetUrlEncodedBuffer {
  const out = MAC_PLAINTEXT.reset().append('HashKey=').append(hashKey);
  for (const [name, value] of sortForMac(toFieldList(fields)))
    out.append('&').append(name).append('=').append(value);
  return out.append('&HashIV=').append(hashIV);
}

/**
 * The signed fields (all but `CheckMacValue`) in signing order: by name, case-insensitively and
 * ordinally, as PHP's `strcasecmp` and Java's CASE_INSENSITIVE_ORDER do (ASCII letters fold to lower
 * case, everything else compares by code unit, never by locale). Each name's sort key is computed once.
 */
function sortForMac(fields: GatewayFieldList): GatewayField[] {
  const keyed: { key: string; field: GatewayField }[] = [];
  for (const field of fields) {
    if (field[0] !== CHECK_MAC_VALUE_FIELD)
      keyed.push({ key: macSortKey(field[0]), field });
  }
  // Array.prototype.sort is stable, so two names equal but for case keep their received order.
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({ field }) => field);
}

function macSortKey(name: string): string {
  // Compared as they are sent: a lone surrogate goes over the wire (and into the hash) as U+FFFD.
  const sent = name.toWellFormed();
  // Only ASCII letters fold: `toLowerCase` is that on ASCII text, elsewhere it would fold É too.
  return NON_ASCII.test(sent)
    ? sent.replace(/[A-Z]+/g, (letters) => letters.toLowerCase())
    : sent.toLowerCase();
}

const NON_ASCII = /[\u0080-\uffff]/;

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
 * received fields (REFERENCE.md 2.3), comparing case-insensitively in constant time.
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
  const list = toFieldList(fields);
  let received: string | undefined;
  let count = 0;
  for (const [name, value] of list) {
    if (name !== CHECK_MAC_VALUE_FIELD) continue;
    received ??= value;
    count++;
  }
  if (received === undefined || received === '')
    return { valid: false, reason: 'missing' };
  if (count > 1) return { valid: false, reason: 'malformed' };
  const given = received.toUpperCase();
  if (!/^[0-9A-F]+$/.test(given)) return { valid: false, reason: 'malformed' };
  let expected: string | undefined;
  for (const algorithm of algorithms) {
    const computed = checkMacValue(list, keys, algorithm);
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
