import type { AioCheckoutOrder } from './aio-checkout-order.js';
import { defaultTradeDesc } from './default-trade-desc.js';
import type { GatewayField, GatewayFieldList } from './gateway-fields.js';
import { formatTaipeiDateTime } from './taipei-time.js';

/**
 * The buyer's side of an ECPay BNPL (無卡分期) order, as the form posts it. Validated values are
 * expected: the builder posts them as given, it checks nothing (docs/gateway-protocol.md section 8).
 * `CreateBnplOrderDto` of `nestjs-twpay` is one, once validated.
 *
 * @publicApi
 */
export interface BnplCheckoutOrder extends AioCheckoutOrder {
  /** `TotalAmount` in whole TWD; ECPay takes no BNPL order under 3,000. */
  readonly totalAmount: number;
}

/**
 * What the BNPL checkout form needs besides the buyer's order: decided by the module, not by the app.
 *
 * @publicApi
 */
export interface BnplCheckoutContext {
  /** `MerchantID` of the merchant that takes the order. */
  readonly merchantId: string;
  /** `PlatformID` configured for that merchant, if it is a platform merchant. */
  readonly platformId?: string;
  /** `MerchantTradeNo`: never posted before, not even by a failed checkout (docs/gateway-protocol.md section 10, pitfall 8). */
  readonly merchantTradeNo: string;
  /** `MerchantTradeDate`, posted in Asia/Taipei time. */
  readonly tradeDate: Date;
  /** `ReturnURL`: the server notification of the payment result. */
  readonly returnUrl: string;
  /** `PaymentInfoURL`: the server notification of the application result. */
  readonly paymentInfoUrl: string;
  /** `ClientRedirectURL`: the browser's post of the application result. */
  readonly clientRedirectUrl: string;
}

/**
 * Builds the exact fields of an ECPay AioCheckOut/V5 BNPL form (`ChoosePayment=BNPL`) for a validated
 * {@link BnplCheckoutOrder}, in the order they will be posted, without `CheckMacValue`: sign the
 * returned list and post it unchanged (docs/gateway-protocol.md section 2.1).
 *
 * - Always: the AioCheckOut common fields with `EncryptType=1`, plus `PaymentInfoURL` for the
 *   application result and `ClientRedirectURL` for the browser (docs/gateway-protocol.md section 8).
 * - `StoreID`, `PlatformID` and `CustomField1..4` only when set.
 *
 * Pure: no clock, no randomness, no I/O, no validation.
 *
 * @publicApi
 */
export function buildBnplCheckoutFields(
  order: BnplCheckoutOrder,
  context: BnplCheckoutContext,
): GatewayFieldList {
  const fields: GatewayField[] = [
    ['MerchantID', context.merchantId],
    ['MerchantTradeNo', context.merchantTradeNo],
    ['MerchantTradeDate', formatTaipeiDateTime(context.tradeDate)],
    ['PaymentType', 'aio'],
    ['TotalAmount', String(order.totalAmount)],
    ['TradeDesc', order.tradeDesc ?? defaultTradeDesc(order.itemName)],
    ['ItemName', order.itemName],
    ['ReturnURL', context.returnUrl],
    ['ChoosePayment', 'BNPL'],
    ['EncryptType', '1'],
    ['PaymentInfoURL', context.paymentInfoUrl],
    ['ClientRedirectURL', context.clientRedirectUrl],
  ];
  const optional: [string, string | undefined][] = [
    ['StoreID', order.storeId],
    ['PlatformID', context.platformId],
    ...(order.customFields ?? []).map((value, i): [string, string] => [
      `CustomField${i + 1}`,
      value,
    ]),
  ];
  for (const [name, value] of optional)
    if (value !== undefined) fields.push([name, value]);
  return fields;
}
