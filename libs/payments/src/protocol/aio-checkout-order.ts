/**
 * What every AioCheckOut order posts from the buyer's order, whatever is sold: the fields a
 * `PeriodicCheckoutOrder` and a `BnplCheckoutOrder` share. Validated values are expected:
 * the builders post them as given (docs/gateway-protocol.md section 5.1).
 *
 * @publicApi
 */
export interface AioCheckoutOrder {
  /** `ItemName`: what the buyer sees on the payment page; `#` starts a new line. */
  readonly itemName: string;
  /** `TradeDesc`. When left out, the first non-empty line of `itemName`, cut to 200 characters. */
  readonly tradeDesc?: string;
  /** `StoreID`: the merchant's own store code. */
  readonly storeId?: string;
  /** `CustomField1` to `CustomField4` (ECPay), in that order. */
  readonly customFields?: readonly string[];
}
