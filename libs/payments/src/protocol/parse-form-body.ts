import type { GatewayFieldList } from './gateway-fields.js';

/**
 * Parses an `application/x-www-form-urlencoded` body into the exact flat list of fields it carries.
 *
 * Unlike the `qs` parser behind Nest's `@Body()`, bracketed names (`a[b]=1`) are not nested, repeated
 * names are all kept, empty values are kept as `''`, and nothing is trimmed: the CheckMacValue has to
 * be recomputed over every received field exactly as sent (docs/gateway-protocol.md section 2.3).
 *
 * @publicApi
 */
export function parseFormBody(raw: string | Buffer): GatewayFieldList {
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  return [...new URLSearchParams(text)];
}

/**
 * Encodes a field list as a form body (`application/x-www-form-urlencoded`), the inverse of
 * {@link parseFormBody}.
 *
 * @publicApi
 */
export function encodeFormBody(
  fields: GatewayFieldList | Readonly<Record<string, string>>,
): string {
  const list = Array.isArray(fields)
    ? (fields as GatewayFieldList)
    : Object.entries(fields);
  return new URLSearchParams(list as [string, string][]).toString();
}
