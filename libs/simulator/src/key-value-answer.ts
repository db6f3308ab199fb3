import { checkMacValue, type MacKeys } from 'nestjs-twpay/protocol';

/**
 * `key=value&…` with the values as they are, not percent-encoded: that is how the gateway answers,
 * which is why the SDKs patch `+` and spaces before parsing (docs/gateway-protocol.md §7.3). A client has to
 * split on `&` and the first `=` to recover the exact values the CheckMacValue covers.
 */
export function keyValueString(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** {@link keyValueString} of the fields followed by their CheckMacValue (SHA-256, docs/gateway-protocol.md §2). */
export function signedKeyValueString(
  fields: Record<string, string>,
  keys: MacKeys,
): string {
  return keyValueString({
    ...fields,
    CheckMacValue: checkMacValue(fields, keys),
  });
}
