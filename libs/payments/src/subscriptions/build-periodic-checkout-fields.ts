import { PaymentsValidationError } from '../errors/payments.error.js';
import { PAYMENTS_MESSAGES } from '../errors/payments.messages.js';
import { dotNetUrlEncode } from '../protocol/dotnet-url-encode.js';
import type {
  GatewayField,
  GatewayFieldList,
} from '../protocol/gateway-fields.js';
import type { GatewayProfile } from '../protocol/gateway-profile.js';
import { formatTaipeiDateTime } from '../protocol/taipei-time.js';
import { defaultTradeDesc } from '../checkout/default-trade-desc.js';
import type { CreatePeriodicPaymentDto } from './dto/create-periodic-payment.dto.js';
import type { PeriodicInvoiceDto } from './dto/periodic-invoice.dto.js';

/**
 * What the checkout form needs besides the buyer's order: decided by the module, not by the app.
 *
 * @publicApi
 */
export interface PeriodicCheckoutContext {
  /** The gateway the form is posted to. The DTO must have been validated for the same gateway. */
  readonly profile: GatewayProfile;
  /** `MerchantID` of the merchant that takes the order. */
  readonly merchantId: string;
  /**
   * `PlatformID` configured for that merchant, if it is a platform merchant. Wins over the DTO's
   * `platformId`; the two must agree when both are set.
   */
  readonly platformId?: string;
  /** `MerchantTradeNo`: the DTO's, or a new one from generateMerchantTradeNo(). */
  readonly merchantTradeNo: string;
  /** `MerchantTradeDate`, posted in Asia/Taipei time. */
  readonly tradeDate: Date;
  /** `ReturnURL`: the server notification of the first charge. */
  readonly returnUrl: string;
  /** `PeriodReturnURL`: the server notification of every later charge. */
  readonly periodReturnUrl: string;
  /** `OrderResultURL`: the browser post of the first charge, used unless the DTO says `browserResult: false`. */
  readonly orderResultUrl?: string;
}

/**
 * Builds the exact fields of a periodic (定期定額) AioCheckOut form for a validated
 * {@link CreatePeriodicPaymentDto}, in the order they will be posted, without `CheckMacValue`: sign the
 * returned list with `checkMacValue()` and post it unchanged, empty values included
 * (docs/gateway-protocol.md section 2.1).
 *
 * - Always: the 15 required fields, with `TotalAmount` = `PeriodAmount` and `EncryptType=1`
 *   (docs/gateway-protocol.md section 5.1). Integers are posted as plain decimal strings.
 * - Optional fields only when set. `DeviceSource` is only ever posted at AllPay: ECPay detects the
 *   device and the DTO rejects it there, so nothing is sent, as in vector V13.
 * - With an `invoice`: `InvoiceMark=Y` and all 22 invoice fields, empty strings for unused ones; the
 *   item lists joined with `|` first, then the six text fields .NET-URL-encoded with their letter case
 *   kept (docs/gateway-protocol.md sections 11.2, 11.4 and 11.5).
 *
 * Pure: no clock, no randomness, no I/O.
 *
 * @throws PaymentsValidationError when the DTO's `platformId` differs from `context.platformId`
 * @publicApi
 */
export function buildPeriodicCheckoutFields(
  dto: CreatePeriodicPaymentDto,
  context: PeriodicCheckoutContext,
): GatewayFieldList {
  const amount = String(dto.periodAmount);
  const fields: GatewayField[] = [
    ['MerchantID', context.merchantId],
    ['MerchantTradeNo', context.merchantTradeNo],
    ['MerchantTradeDate', formatTaipeiDateTime(context.tradeDate)],
    ['PaymentType', 'aio'],
    ['TotalAmount', amount],
    ['TradeDesc', dto.tradeDesc ?? defaultTradeDesc(dto.itemName)],
    ['ItemName', dto.itemName],
    ['ReturnURL', context.returnUrl],
    ['ChoosePayment', 'Credit'],
    ['EncryptType', '1'],
    ['PeriodAmount', amount],
    ['PeriodType', dto.periodType],
    ['Frequency', String(dto.frequency)],
    ['ExecTimes', String(dto.execTimes)],
    ['PeriodReturnURL', context.periodReturnUrl],
  ];
  const optional: [string, string | undefined][] = [
    ['StoreID', dto.storeId],
    ['ClientBackURL', dto.clientBackUrl],
    ['ItemURL', dto.itemUrl],
    ['Remark', dto.remark],
    [
      'OrderResultURL',
      dto.browserResult === false ? undefined : context.orderResultUrl,
    ],
    [
      'NeedExtraPaidInfo',
      dto.needExtraPaidInfo === undefined
        ? undefined
        : dto.needExtraPaidInfo
          ? 'Y'
          : 'N',
    ],
    ['DeviceSource', dto.deviceSource],
    ['PlatformID', platformId(dto, context)],
    ['Language', dto.language],
    [
      'ExpireTime',
      dto.expireTime instanceof Date
        ? formatTaipeiDateTime(dto.expireTime)
        : dto.expireTime,
    ],
    ...(dto.customFields ?? []).map((value, i): [string, string] => [
      `CustomField${i + 1}`,
      value,
    ]),
  ];
  for (const [name, value] of optional)
    if (value !== undefined) fields.push([name, value]);
  if (dto.invoice) fields.push(...invoiceFields(dto.invoice, context));
  return fields;
}

function platformId(
  dto: CreatePeriodicPaymentDto,
  context: PeriodicCheckoutContext,
): string | undefined {
  if (
    dto.platformId !== undefined &&
    context.platformId !== undefined &&
    dto.platformId !== context.platformId
  ) {
    throw new PaymentsValidationError([
      {
        field: 'platformId',
        rule: 'matchesConfiguredPlatform',
        message: PAYMENTS_MESSAGES.platformIdMismatch(context.platformId),
      },
    ]);
  }
  return context.platformId ?? dto.platformId;
}

/** The 22 invoice fields after `InvoiceMark=Y`, in docs/gateway-protocol.md section 11.2's order. */
function invoiceFields(
  invoice: PeriodicInvoiceDto,
  context: PeriodicCheckoutContext,
): GatewayField[] {
  const { items, taxType } = invoice;
  const list = (pick: (item: (typeof items)[number]) => string | number) =>
    items.map(pick).join('|');
  return [
    ['InvoiceMark', 'Y'],
    ['RelateNumber', invoice.relateNumber ?? context.merchantTradeNo],
    ['CustomerID', invoice.customerId ?? ''],
    ['CustomerIdentifier', invoice.customerIdentifier ?? ''],
    ['CustomerName', dotNetUrlEncode(invoice.customerName ?? '')],
    ['CustomerAddr', dotNetUrlEncode(invoice.customerAddr ?? '')],
    ['CustomerPhone', invoice.customerPhone ?? ''],
    ['CustomerEmail', dotNetUrlEncode(invoice.customerEmail ?? '')],
    ['ClearanceMark', invoice.clearanceMark ?? ''],
    ['TaxType', taxType],
    ['CarruerType', invoice.carrierType ?? ''],
    ['CarruerNum', invoice.carrierNum ?? ''],
    ['Donation', invoice.donation ?? context.profile.invoiceDonationNo],
    ['LoveCode', invoice.loveCode ?? ''],
    ['Print', invoice.print],
    ['InvoiceItemName', dotNetUrlEncode(list((item) => item.name))],
    ['InvoiceItemCount', list((item) => item.count)],
    ['InvoiceItemWord', dotNetUrlEncode(list((item) => item.word))],
    ['InvoiceItemPrice', list((item) => item.price)],
    // Sent per item even where the spec allows it empty (docs/gateway-protocol.md section 11.3, rule 10).
    ['InvoiceItemTaxType', list((item) => item.taxType ?? taxType)],
    ['InvoiceRemark', dotNetUrlEncode(invoice.invoiceRemark ?? '')],
    ['DelayDay', String(invoice.delayDay)],
    ['InvType', invoice.invType],
  ];
}
