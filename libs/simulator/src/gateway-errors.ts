/**
 * An error the simulated gateway answers with: the code and the message a merchant's developer sees on
 * the error page or in an API answer.
 *
 * @publicApi
 */
export interface GatewayError {
  code: string;
  message: string;
}

/**
 * The codes the simulator answers with. Only a few real codes are known (docs/gateway-protocol.md section 9: the
 * full table, ECDOC-5740, could not be read), so every rule without a known code gets a **simulator
 * code**: eight digits starting with `991`, a range no gateway source uses, so nobody mistakes one for
 * a real gateway code.
 *
 * @publicApi
 */
export const GATEWAY_ERROR_CODES = {
  /** Real code: the gateway's "CheckMacValue Error." page (docs/gateway-protocol.md §9). */
  CHECK_MAC_VALUE: '10200073',
  /** Real code per third-party lists (docs/gateway-protocol.md §9, unverified): MerchantTradeNo used before. */
  DUPLICATE_MERCHANT_TRADE_NO: '10200047',
  /** Real code per third-party lists (docs/gateway-protocol.md §9, unverified): BNPL amount below 3,000. */
  BNPL_AMOUNT_TOO_LOW: '10200105',
  /** Real code: "本次交易未提供任何付款方式" (docs/gateway-protocol.md §9), used for BNPL at AllPay. */
  NO_PAYMENT_METHOD: '10300023',
  /**
   * Real code, captured (docs/gateway-protocol.md §12.2): QueryCreditCardPeriodInfo for an order that is not a
   * periodic agreement of this merchant answers a full object of empty fields with this RtnCode. The
   * same number is listed for a duplicate MerchantTradeNo by third parties (above): the gateway reuses
   * it for "no such trade data".
   */
  TRADE_DATA_NOT_FOUND: '10200047',
  /**
   * Real code, captured (docs/gateway-protocol.md §12.1): CreditCardPeriodAction's answer to a request whose
   * CheckMacValue is wrong, with MerchantID, MerchantTradeNo and RtnMsg empty and the answer signed.
   */
  ACTION_CHECK_MAC_VALUE: '10200083',
  /**
   * Real code, captured (docs/gateway-protocol.md §12.1): "該訂單狀態為停用中", an action on an agreement that is
   * stopped (cancelled, or ended by the gateway). Cancel is irreversible.
   */
  AGREEMENT_STOPPED: '100006',
  /** Simulator code: a required field is absent or empty. */
  MISSING_FIELD: '99100001',
  /** Simulator code: a field is too long, not a number, not one of the allowed values, not a URL. */
  MALFORMED_FIELD: '99100002',
  /** Simulator code: PeriodAmount differs from TotalAmount (docs/gateway-protocol.md §5.1). */
  PERIOD_AMOUNT_MISMATCH: '99100003',
  /** Simulator code: Frequency outside the PeriodType's limits (docs/gateway-protocol.md §5.1). */
  FREQUENCY_OUT_OF_RANGE: '99100004',
  /** Simulator code: ExecTimes outside the PeriodType's limits (docs/gateway-protocol.md §5.1). */
  EXEC_TIMES_OUT_OF_RANGE: '99100005',
  /** Simulator code: ReturnURL equals OrderResultURL (docs/gateway-protocol.md §5.1). */
  RETURN_URL_EQUALS_ORDER_RESULT_URL: '99100006',
  /** Simulator code: a periodic order without PeriodReturnURL (see order-validation.ts). */
  PERIOD_RETURN_URL_MISSING: '99100007',
  /** Simulator code: an option the simulated gateway does not offer (or the simulator does not model). */
  UNSUPPORTED: '99100008',
  /** Simulator code: no such MerchantID at this gateway. */
  UNKNOWN_MERCHANT: '99100009',
  /** Simulator code: no such order for this merchant at this gateway. */
  ORDER_NOT_FOUND: '99100010',
  /** Simulator code: a query's TimeStamp is more than 3 minutes from the gateway's clock (docs/gateway-protocol.md §7.1). */
  TIMESTAMP_EXPIRED: '99100011',
  /** Simulator code: the order is not a periodic (定期定額) order. */
  NOT_PERIODIC: '99100012',
  /** Simulator code: ReAuth or Cancel is not allowed in the agreement's current state (docs/gateway-protocol.md §7.2). */
  ACTION_NOT_ALLOWED: '99100013',
  /** Simulator code: the order was already paid, declined or applied for. */
  ORDER_ALREADY_PROCESSED: '99100014',
  /** Simulator code: the card details typed on the checkout page were not accepted. */
  CARD_REJECTED: '99100015',
  /** Simulator code: a periodic order queried before its first authorization. */
  NOT_AUTHORIZED_YET: '99100016',
} as const;

/** @internal Builds a {@link GatewayError}. */
export function gatewayError(code: string, message: string): GatewayError {
  return { code, message };
}
