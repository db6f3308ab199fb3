/**
 * Lengths of the text columns whose values come from outside (the gateway, the request, the app), so
 * the entity that declares a column and the code that cuts a value to fit it use one number.
 *
 * @internal
 */
export const COLUMN_LENGTHS = {
  /** UUIDs. */
  id: 36,
  /** MerchantID: String(10) at both gateways (docs/gateway-protocol.md §5.1). */
  merchantId: 10,
  /** MerchantTradeNo: String(20) (docs/gateway-protocol.md §5.1). */
  merchantTradeNo: 20,
  /** ItemName: 400 at ECPay, the larger of the two gateways. */
  itemName: 400,
  /** The app's own customer reference. */
  customerId: 64,
  /** TradeNo: String(20). */
  tradeNo: 20,
  rtnCode: 10,
  /** RtnMsg: String(200). */
  rtnMsg: 200,
  authCode: 10,
  gwsr: 20,
  /** The inbox keeps what a body claims before it is verified, so these are roomier than the rules. */
  inbox: {
    remoteAddress: 64,
    claimedMerchantId: 32,
    claimedMerchantTradeNo: 64,
    reason: 500,
    reasonCode: 40,
    /** Characters of the readable copy of a body: 4-byte characters still fit MariaDB's 65,535-byte TEXT. */
    rawBodyText: 16_000,
    /**
     * Bytes of a body kept: their base64 (64,000 characters) fits a TEXT column on every database.
     * A longer body is kept cut, with its length, and never accepted.
     */
    rawBytes: 48_000,
  },
} as const;
