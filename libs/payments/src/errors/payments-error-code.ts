/**
 * Stable codes for every error this module throws, so an app can branch on `error.code` instead of
 * parsing messages.
 *
 * @publicApi
 */
export enum PaymentsErrorCode {
  /** A module option is missing or malformed; start-up fails. */
  INVALID_CONFIGURATION = 'TWPAY_INVALID_CONFIGURATION',
  /** The host app was created without `rawBody: true`, so a callback's exact bytes are unknown. */
  RAW_BODY_MISSING = 'TWPAY_RAW_BODY_MISSING',
  /** Input to a service method broke one of the gateway's rules. */
  INVALID_REQUEST = 'TWPAY_INVALID_REQUEST',
  /** The operation does not exist at the configured gateway (e.g. BNPL at AllPay). */
  UNSUPPORTED_BY_GATEWAY = 'TWPAY_UNSUPPORTED_BY_GATEWAY',
  /** A notification's CheckMacValue is missing, malformed, or does not match its fields. */
  CHECK_MAC_VALUE_MISMATCH = 'TWPAY_CHECK_MAC_VALUE_MISMATCH',
  /** A notification names a MerchantID that is not configured. */
  UNKNOWN_MERCHANT = 'TWPAY_UNKNOWN_MERCHANT',
  /** A notification names a MerchantTradeNo that no order here has. */
  UNKNOWN_ORDER = 'TWPAY_UNKNOWN_ORDER',
  /** A notification's MerchantID is not the merchant of the order it names. */
  MERCHANT_MISMATCH = 'TWPAY_MERCHANT_MISMATCH',
  /** A notification's amount differs from the order's own. */
  AMOUNT_MISMATCH = 'TWPAY_AMOUNT_MISMATCH',
  /** A notification's fields break the gateway's rules: missing, repeated or ill-formed. */
  MALFORMED_NOTIFICATION = 'TWPAY_MALFORMED_NOTIFICATION',
  /** An order changed between the decision and the write; the notification is applied again later. */
  CONCURRENT_UPDATE = 'TWPAY_CONCURRENT_UPDATE',
  /** A subscription or order id that does not exist. */
  NOT_FOUND = 'TWPAY_NOT_FOUND',
  /** The gateway answered a query or action with an error, or could not be reached. */
  GATEWAY_REQUEST_FAILED = 'TWPAY_GATEWAY_REQUEST_FAILED',
}
