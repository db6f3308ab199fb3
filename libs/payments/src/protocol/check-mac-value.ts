import { createHash, timingSafeEqual } from 'node:crypto';
import { dotNetUrlEncode } from './dotnet-url-encode.js';
import {
  toFieldList,
  type GatewayField,
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
  return createHash(algorithm)
    .update(canonicalMacString(fields, keys), 'utf8')
    .digest('hex')
    .toUpperCase();
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
  return encodeMacPlaintext(fields, keys.hashKey, keys.hashIV);
}

/**
 * The canonical string with the HashKey and HashIV replaced by `***`: safe to print or log, and
 * identical to what is hashed everywhere else, which is what a developer compares at a
 * "CheckMacValue Error".
 *
 * @publicApi
 */
export function maskedCanonicalMacString(fields: GatewayFieldsInput): string {
  return encodeMacPlaintext(fields, MASK, MASK);
}

function encodeMacPlaintext(
  fields: GatewayFieldsInput,
  hashKey: string,
  hashIV: string,
): string {
  const signed = sortFieldsForMac(
    toFieldList(fields).filter(([name]) => name !== CHECK_MAC_VALUE_FIELD),
  );
  const joined = [
    `HashKey=${hashKey}`,
    ...signed.map(([name, value]) => `${name}=${value}`),
    `HashIV=${hashIV}`,
  ].join('&');
  // Lower-case only after encoding (REFERENCE.md 2.4: lower-casing first changes É's bytes).
  return dotNetUrlEncode(joined).toLowerCase();
}

/**
 * The fields in the order the CheckMacValue joins them: by name, case-insensitively and ordinally,
 * stable for names equal but for case (they keep their received order). The one definition of the
 * order: what is hashed and what a tool prints both come from here.
 *
 * @publicApi
 */
export function sortFieldsForMac(fields: GatewayFieldsInput): GatewayField[] {
  // Array.prototype.sort is stable, so two names equal but for case keep their received order.
  return [...toFieldList(fields)].sort(([a], [b]) =>
    compareOrdinalIgnoreCase(a, b),
  );
}

/**
 * Case-insensitive ordinal comparison, as PHP's `strcasecmp` and Java's CASE_INSENSITIVE_ORDER do:
 * ASCII letters fold to lower case, everything else compares by code unit, never by locale.
 */
function compareOrdinalIgnoreCase(a: string, b: string): number {
  // Compared as they are sent: a lone surrogate goes over the wire (and into the hash) as U+FFFD.
  const x = asciiLowerCase(a.toWellFormed());
  const y = asciiLowerCase(b.toWellFormed());
  return x < y ? -1 : x > y ? 1 : 0;
}

function asciiLowerCase(value: string): string {
  return value.replace(/[A-Z]/g, (c) =>
    String.fromCharCode(c.charCodeAt(0) + 32),
  );
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
  const received = list.filter(([name]) => name === CHECK_MAC_VALUE_FIELD);
  if (received.length === 0 || received[0][1] === '')
    return { valid: false, reason: 'missing' };
  if (received.length > 1) return { valid: false, reason: 'malformed' };
  const given = received[0][1].toUpperCase();
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
