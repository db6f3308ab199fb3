import type { AioCheckoutOrder } from './aio-checkout-order.js';
import { defaultTradeDesc } from './default-trade-desc.js';
import type { GatewayField, GatewayFieldList } from './gateway-fields.js';
import type { GatewayProfile } from './gateway-profile.js';
import type { PeriodType } from './period-schedule.js';
import {
  periodicInvoiceFields,
  type PeriodicInvoice,
} from './periodic-invoice-fields.js';
import { formatTaipeiDateTime } from './taipei-time.js';

/**
 * The payment page's language. Chinese when left out. AllPay knows `ENG` only; ECPay also `KOR`,
 * `JPN` and `CHI` (docs/gateway-protocol.md section 5.1).
 *
 * @publicApi
 */
export type CheckoutLanguage = 'ENG' | 'KOR' | 'JPN' | 'CHI';

/**
 * AllPay's payment page layout: `P` desktop, `M` mobile.
 *
 * @publicApi
 */
export type DeviceSource = 'P' | 'M';

/**
 * The buyer's side of a periodic (定期定額) order, as the form posts it: the gateway's fields in
 * camelCase. Validated values are expected: the builder posts them as given, it checks nothing
 * (docs/gateway-protocol.md section 5.1 lists the rules). `CreatePeriodicPaymentDto` of `nestjs-twpay`
 * is one, once validated.
 *
 * @publicApi
 */
export interface PeriodicCheckoutOrder extends AioCheckoutOrder {
  /** `PeriodAmount`, and `TotalAmount` too: the gateways require them equal. */
  readonly periodAmount: number;
  /** `PeriodType`. */
  readonly periodType: PeriodType;
  /** `Frequency`. */
  readonly frequency: number;
  /** `ExecTimes`: the number of charges in all, the first one included. */
  readonly execTimes: number;
  /** `Language`. */
  readonly language?: CheckoutLanguage;
  /** `ClientBackURL`. */
  readonly clientBackUrl?: string;
  /** `ItemURL`. */
  readonly itemUrl?: string;
  /** `false` leaves the context's `OrderResultURL` out; it is posted otherwise. */
  readonly browserResult?: boolean;
  /** `NeedExtraPaidInfo`: `Y` or `N`. */
  readonly needExtraPaidInfo?: boolean;
  /** `DeviceSource` (AllPay only). */
  readonly deviceSource?: DeviceSource;
  /** `PlatformID`, posted when the context has none. */
  readonly platformId?: string;
  /** `ExpireTime` (AllPay only): a `Date`, or an Asia/Taipei `yyyy/MM/dd HH:mm:ss` string posted as given. */
  readonly expireTime?: Date | string;
  /** `Remark`. */
  readonly remark?: string;
  /** The e-invoice: `InvoiceMark=Y` and its 22 fields. */
  readonly invoice?: PeriodicInvoice;
}

/**
 * What the checkout form needs besides the buyer's order: decided by the module, not by the app.
 *
 * @publicApi
 */
export interface PeriodicCheckoutContext {
  /** The gateway the form is posted to. The order must have been validated for the same gateway. */
  readonly profile: GatewayProfile;
  /** `MerchantID` of the merchant that takes the order. */
  readonly merchantId: string;
  /**
   * `PlatformID` configured for that merchant, if it is a platform merchant. Wins over the order's
   * `platformId`: the caller checks that the two agree when both are set, because the request is then
   * signed with the platform's keys (docs/gateway-protocol.md section 10, pitfall 16).
   */
  readonly platformId?: string;
  /** `MerchantTradeNo`: never posted before, not even by a failed checkout (docs/gateway-protocol.md section 10, pitfall 8). */
  readonly merchantTradeNo: string;
  /** `MerchantTradeDate`, posted in Asia/Taipei time. */
  readonly tradeDate: Date;
  /** `ReturnURL`: the server notification of the first charge. */
  readonly returnUrl: string;
  /** `PeriodReturnURL`: the server notification of every later charge. */
  readonly periodReturnUrl: string;
  /** `OrderResultURL`: the browser post of the first charge, used unless the order says `browserResult: false`. */
  readonly orderResultUrl?: string;
}

/**
 * Builds the exact fields of a periodic (定期定額) AioCheckOut form for a validated
 * {@link PeriodicCheckoutOrder}, in the order they will be posted, without `CheckMacValue`: sign the
 * returned list with `checkMacValue()` and post it unchanged, empty values included
 * (docs/gateway-protocol.md section 2.1).
 *
 * - Always: the 15 required fields, with `TotalAmount` = `PeriodAmount` and `EncryptType=1`
 *   (docs/gateway-protocol.md section 5.1). Integers are posted as plain decimal strings.
 * - Optional fields only when set. `DeviceSource` is only ever posted at AllPay: ECPay detects the
 *   device and `CreatePeriodicPaymentDto` rejects it there, so nothing is sent, as in vector V13.
 * - With an `invoice`: `InvoiceMark=Y` and all 22 invoice fields, empty strings for unused ones; the
 *   item lists joined with `|` first, then the six text fields .NET-URL-encoded with their letter case
 *   kept (docs/gateway-protocol.md sections 11.2, 11.4 and 11.5).
 *
 * Pure: no clock, no randomness, no I/O, no validation.
 *
 * @publicApi
 */
export function buildPeriodicCheckoutFields(
  order: PeriodicCheckoutOrder,
  context: PeriodicCheckoutContext,
): GatewayFieldList {
  const amount = String(order.periodAmount);
  const fields: GatewayField[] = [
    ['MerchantID', context.merchantId],
    ['MerchantTradeNo', context.merchantTradeNo],
    ['MerchantTradeDate', formatTaipeiDateTime(context.tradeDate)],
    ['PaymentType', 'aio'],
    ['TotalAmount', amount],
    ['TradeDesc', order.tradeDesc ?? defaultTradeDesc(order.itemName)],
    ['ItemName', order.itemName],
    ['ReturnURL', context.returnUrl],
    ['ChoosePayment', 'Credit'],
    ['EncryptType', '1'],
    ['PeriodAmount', amount],
    ['PeriodType', order.periodType],
    ['Frequency', String(order.frequency)],
    ['ExecTimes', String(order.execTimes)],
    ['PeriodReturnURL', context.periodReturnUrl],
  ];
  const optional: [string, string | undefined][] = [
    ['StoreID', order.storeId],
    ['ClientBackURL', order.clientBackUrl],
    ['ItemURL', order.itemUrl],
    ['Remark', order.remark],
    [
      'OrderResultURL',
      order.browserResult === false ? undefined : context.orderResultUrl,
    ],
    [
      'NeedExtraPaidInfo',
      order.needExtraPaidInfo === undefined
        ? undefined
        : order.needExtraPaidInfo
          ? 'Y'
          : 'N',
    ],
    ['DeviceSource', order.deviceSource],
    ['PlatformID', context.platformId ?? order.platformId],
    ['Language', order.language],
    [
      'ExpireTime',
      order.expireTime instanceof Date
        ? formatTaipeiDateTime(order.expireTime)
        : order.expireTime,
    ],
    ...(order.customFields ?? []).map((value, i): [string, string] => [
      `CustomField${i + 1}`,
      value,
    ]),
  ];
  for (const [name, value] of optional)
    if (value !== undefined) fields.push([name, value]);
  if (order.invoice)
    fields.push(
      ...periodicInvoiceFields(
        order.invoice,
        context.merchantTradeNo,
        context.profile,
      ),
    );
  return fields;
}
