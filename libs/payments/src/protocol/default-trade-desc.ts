/** TradeDesc is String(200) at both gateways (docs/gateway-protocol.md section 5.1). */
const TRADE_DESC_MAX_LENGTH = 200;

/**
 * The `TradeDesc` posted when the order gives none: the first non-empty line of the ItemName (`#`
 * separates lines), cut to 200 characters.
 *
 * @internal
 */
export function defaultTradeDesc(itemName: string): string {
  const line =
    itemName.split('#').find((part) => part.trim() !== '') ?? itemName;
  return Array.from(line).slice(0, TRADE_DESC_MAX_LENGTH).join('');
}
