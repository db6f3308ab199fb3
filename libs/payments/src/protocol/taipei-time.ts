/**
 * Taiwan is UTC+8 all year (no daylight saving), so Taipei wall-clock time is computed by offset,
 * independent of the server's time zone and of the ICU data Node was built with
 * (docs/gateway-protocol.md section 10, pitfall 7).
 */
const TAIPEI_OFFSET_MS = 8 * 60 * 60 * 1000;

const GATEWAY_DATE_TIME = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * Formats an instant as the gateways' `yyyy/MM/dd HH:mm:ss` in Asia/Taipei, zero-padded, as
 * `MerchantTradeDate` and `ExpireTime` require.
 *
 * @example formatTaipeiDateTime(new Date('2024-02-29T15:59:59Z')) === '2024/02/29 23:59:59'
 * @publicApi
 */
export function formatTaipeiDateTime(instant: Date): string {
  const t = new Date(instant.getTime() + TAIPEI_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${t.getUTCFullYear()}/${pad(t.getUTCMonth() + 1)}/${pad(t.getUTCDate())} ` +
    `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`
  );
}

/**
 * Parses a gateway `yyyy/MM/dd HH:mm:ss` (Asia/Taipei) into an instant, or `undefined` when the text
 * is not such a date (wrong shape, or a day that does not exist such as 2023/02/29).
 *
 * @publicApi
 */
export function parseTaipeiDateTime(text: string): Date | undefined {
  const m = GATEWAY_DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return undefined;
  }
  return new Date(utc - TAIPEI_OFFSET_MS);
}

/**
 * The query and action APIs' `TimeStamp`: Unix seconds, valid for three minutes at the gateway
 * (docs/gateway-protocol.md §7.1), so it is taken fresh for every call.
 *
 * @publicApi
 */
export function unixTimestamp(instant: Date = new Date()): string {
  return String(Math.floor(instant.getTime() / 1000));
}
