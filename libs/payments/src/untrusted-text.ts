/** How much of a received value is repeated in an answer or a log line, at most. */
export const UNTRUSTED_EXCERPT_LENGTH = 80;

/**
 * C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the bidirectional
 * overrides and isolates: everything that can end a log line, move the cursor, or reorder what an
 * operator reads.
 */
const UNPRINTABLE = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/**
 * A received value made safe to repeat in an answer or a log line: control characters escaped
 * (`\n` → `\u000a`), so nobody can forge a log line or an answer line, and cut to `maxLength`
 * characters with the number left out, so a 60 KB field is not echoed 60 KB long.
 *
 * @example untrustedExcerpt('3002607\r\nFORGED') // '3002607\\u000d\\u000aFORGED'
 * @internal
 */
export function untrustedExcerpt(
  value: string,
  maxLength: number = UNTRUSTED_EXCERPT_LENGTH,
): string {
  const characters = [...value];
  const shown = characters.slice(0, maxLength).join('');
  const escaped = shown.replace(
    UNPRINTABLE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  const left = characters.length - maxLength;
  return left > 0 ? `${escaped}… (${left} more characters)` : escaped;
}
