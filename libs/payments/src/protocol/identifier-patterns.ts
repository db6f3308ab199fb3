/**
 * The shapes of the identifiers both gateways take, defined once for the DTOs, the option checks and
 * the notification rules (docs/gateway-protocol.md §5.1 and §10, pitfall 8).
 */

/** `MerchantID` and `PlatformID`: String(10), ASCII letters and digits. */
export const MERCHANT_ID_PATTERN = /^[A-Za-z0-9]{1,10}$/;

/** `MerchantTradeNo`: String(20), ASCII letters and digits only. */
export const MERCHANT_TRADE_NO_PATTERN = /^[A-Za-z0-9]{1,20}$/;

/** The longest `MerchantTradeNo`. */
export const MERCHANT_TRADE_NO_MAX_LENGTH = 20;

/**
 * The module's `merchantTradeNoPrefix`: at most 6 letters or digits, so a generated number keeps
 * room for its time and random parts within {@link MERCHANT_TRADE_NO_MAX_LENGTH}.
 */
export const MERCHANT_TRADE_NO_PREFIX_PATTERN = /^[A-Za-z0-9]{0,6}$/;
