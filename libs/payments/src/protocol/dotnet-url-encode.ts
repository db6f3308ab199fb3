/**
 * URL-encodes a string the way .NET's `HttpUtility.UrlEncode` does over UTF-8 bytes, which is the
 * flavour both gateways use inside the CheckMacValue (REFERENCE.md section 2.1, step 4):
 *
 * - `A-Z a-z 0-9 - _ . ! * ( )` are left as they are;
 * - a space becomes `+`;
 * - every other byte becomes `%xx` (lower-case hex, as .NET writes it).
 *
 * It works on bytes, not on `encodeURIComponent`, so a lone surrogate never throws: it is encoded as
 * the UTF-8 replacement character, exactly as .NET's encoder does.
 *
 * The same table encodes the six e-invoice text fields before they are posted (REFERENCE.md 11.5).
 * Letter case is kept, so the buyer's text is not lower-cased on the invoice.
 *
 * @publicApi
 */
export function dotNetUrlEncode(value: string): string {
  const bytes = Buffer.from(value, 'utf8');
  let out = '';
  for (const byte of bytes) {
    if (SAFE_BYTES[byte]) out += String.fromCharCode(byte);
    else if (byte === 0x20) out += '+';
    else out += HEX_ESCAPES[byte];
  }
  return out;
}

const SAFE_BYTES: readonly boolean[] = Array.from(
  { length: 256 },
  (_, byte) => {
    const char = String.fromCharCode(byte);
    return /^[A-Za-z0-9\-_.!*()]$/.test(char);
  },
);

const HEX_ESCAPES: readonly string[] = Array.from(
  { length: 256 },
  (_, byte) => '%' + byte.toString(16).padStart(2, '0'),
);
