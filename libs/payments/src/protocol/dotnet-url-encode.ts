/**
 * URL-encodes a string the way .NET's `HttpUtility.UrlEncode` does over UTF-8 bytes, which is the
 * flavour both gateways use inside the CheckMacValue (docs/gateway-protocol.md section 2.1, step 4):
 *
 * - `A-Z a-z 0-9 - _ . ! * ( )` are left as they are;
 * - a space becomes `+`;
 * - every other byte becomes `%xx` (lower-case hex, as .NET writes it).
 *
 * It works on UTF-8 bytes, not on `encodeURIComponent`, so a lone surrogate never throws: it is
 * encoded as the UTF-8 replacement character, exactly as .NET's encoder does.
 *
 * The same table encodes the six e-invoice text fields before they are posted (docs/gateway-protocol.md §11.5).
 * Letter case is kept, so the buyer's text is not lower-cased on the invoice.
 *
 * @publicApi
 */
export function dotNetUrlEncode(value: string): string {
  return CASE_KEEPING.reset().append(value).toString();
}

/**
 * A reusable byte buffer that text is appended to already .NET-url-encoded, in one pass over its
 * UTF-16 code units: each one is UTF-8-encoded and escaped in the same step, with no intermediate
 * byte array, string or regular expression. With `lowerCase`, ASCII letters are written lower-cased,
 * which is the same as lower-casing the encoded string afterwards (the CheckMacValue's step 5),
 * because encoded text holds no other letters than those and lower-case hex digits.
 *
 * @internal
 */
export class DotNetUrlEncodedBuffer {
  private bytes = Buffer.allocUnsafe(INITIAL_CAPACITY);
  private end = 0;
  private readonly table: Uint8Array;

  constructor(lowerCase: boolean) {
    this.table = lowerCase ? LOWER_CASE_ASCII : CASE_KEEPING_ASCII;
  }

  /** Empties the buffer (and lets go of a large one, so one huge input does not pin memory). */
  reset(): this {
    if (this.bytes.length > RETAINED_CAPACITY)
      this.bytes = Buffer.allocUnsafe(INITIAL_CAPACITY);
    this.end = 0;
    return this;
  }

  /**
   * Appends the encoding of `text`, encoded on its own: a surrogate pair split across two calls is
   * two lone surrogates (U+FFFD each). Callers append whole values between ASCII separators.
   */
  append(text: string): this {
    const length = text.length;
    this.reserve(length * MAX_ENCODED_BYTES_PER_UNIT);
    const out = this.bytes;
    const table = this.table;
    let at = this.end;
    for (let i = 0; i < length; i++) {
      const unit = text.charCodeAt(i);
      if (unit < 0x80) {
        const kept = table[unit];
        if (kept !== 0) out[at++] = kept;
        else at = writeEscape(out, at, unit);
      } else if (unit < 0x800) {
        at = writeEscape(out, at, 0xc0 | (unit >> 6));
        at = writeEscape(out, at, 0x80 | (unit & 0x3f));
      } else if (unit < 0xd800 || unit > 0xdfff) {
        at = writeThreeByteEscape(out, at, unit);
      } else {
        const next = i + 1 < length ? text.charCodeAt(i + 1) : 0;
        if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const codePoint = 0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00);
          at = writeEscape(out, at, 0xf0 | (codePoint >> 18));
          at = writeEscape(out, at, 0x80 | ((codePoint >> 12) & 0x3f));
          at = writeEscape(out, at, 0x80 | ((codePoint >> 6) & 0x3f));
          at = writeEscape(out, at, 0x80 | (codePoint & 0x3f));
          i++;
        } else {
          // A lone surrogate: UTF-8 (Node's and .NET's alike) writes U+FFFD in its place.
          at = writeThreeByteEscape(out, at, 0xfffd);
        }
      }
    }
    this.end = at;
    return this;
  }

  /** Appends bytes that are already encoded (a copy of an earlier {@link toBytes}). */
  appendEncoded(encoded: Uint8Array): this {
    this.reserve(encoded.length);
    const out = this.bytes;
    let at = this.end;
    for (let i = 0; i < encoded.length; i++) out[at++] = encoded[i];
    this.end = at;
    return this;
  }

  /** A copy of the encoded bytes so far. */
  toBytes(): Uint8Array {
    return Uint8Array.prototype.slice.call(this.bytes, 0, this.end);
  }

  /** The encoded bytes so far (a view, valid until the next `reset` or `append`). */
  view(): Buffer {
    return this.bytes.subarray(0, this.end);
  }

  /** The encoded text so far (all ASCII). */
  toString(): string {
    return this.bytes.toString('latin1', 0, this.end);
  }

  private reserve(extra: number): void {
    const needed = this.end + extra;
    if (needed <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(needed, this.bytes.length * 2));
    this.bytes.copy(grown, 0, 0, this.end);
    this.bytes = grown;
  }
}

/** A UTF-16 code unit is at most 3 UTF-8 bytes (a surrogate pair is 4 for 2 units), each `%xx`. */
const MAX_ENCODED_BYTES_PER_UNIT = 9;
const INITIAL_CAPACITY = 4096;
const RETAINED_CAPACITY = 64 * 1024;

const HEX_DIGITS = Uint8Array.from('0123456789abcdef', (digit) =>
  digit.charCodeAt(0),
);

function writeEscape(out: Buffer, at: number, byte: number): number {
  out[at] = 0x25; // '%'
  out[at + 1] = HEX_DIGITS[byte >> 4];
  out[at + 2] = HEX_DIGITS[byte & 0x0f];
  return at + 3;
}

function writeThreeByteEscape(out: Buffer, at: number, unit: number): number {
  at = writeEscape(out, at, 0xe0 | (unit >> 12));
  at = writeEscape(out, at, 0x80 | ((unit >> 6) & 0x3f));
  return writeEscape(out, at, 0x80 | (unit & 0x3f));
}

/** Per ASCII byte: what it is written as when it is not escaped, or 0 when it is. */
function asciiTable(lowerCase: boolean): Uint8Array {
  const table = new Uint8Array(0x80);
  for (let byte = 0; byte < 0x80; byte++) {
    const char = String.fromCharCode(byte);
    if (/^[A-Za-z0-9\-_.!*()]$/.test(char))
      table[byte] = (lowerCase ? char.toLowerCase() : char).charCodeAt(0);
  }
  table[0x20] = 0x2b; // ' ' -> '+'
  return table;
}

const CASE_KEEPING_ASCII = asciiTable(false);
const LOWER_CASE_ASCII = asciiTable(true);

/** Shared by `dotNetUrlEncode`: encoding is synchronous, so one buffer serves every call. */
const CASE_KEEPING = new DotNetUrlEncodedBuffer(false);
