import { dotNetUrlEncode } from './dotnet-url-encode.js';
import type { GatewayField } from './gateway-fields.js';
import type { GatewayProfile } from './gateway-profile.js';

/**
 * An invoice item's tax type: `1` taxable (應稅), `2` zero-rated (零稅率), `3` tax-free (免稅).
 *
 * @publicApi
 */
export type InvoiceItemTaxType = '1' | '2' | '3';

/**
 * The invoice's tax type: `1` taxable (應稅), `2` zero-rated (零稅率), `3` tax-free (免稅), `9` mixed
 * (only for invoices that cannot be split, and only once ECPay has approved it).
 *
 * @publicApi
 */
export type InvoiceTaxType = InvoiceItemTaxType | '9';

/**
 * Customs clearance of a zero-rated sale, in ECPay's spec meaning: `1` not exported through customs
 * (非經海關出口), `2` exported through customs (經海關出口). The old AllPay SDK constants say the
 * reverse (docs/gateway-protocol.md sections 11.2 and 11.7).
 *
 * @publicApi
 */
export type InvoiceClearanceMark = '1' | '2';

/**
 * Carrier (載具): `1` the gateway's member carrier, `2` citizen digital certificate (自然人憑證),
 * `3` mobile barcode (手機條碼). Posted as `CarruerType`, the gateway's spelling.
 *
 * @publicApi
 */
export type InvoiceCarrierType = '1' | '2' | '3';

/**
 * `1` donates the invoice. "Do not donate" is `0` at ECPay and `2` at AllPay
 * (docs/gateway-protocol.md section 11.7); leave `donation` out to get the right one for the gateway.
 *
 * @publicApi
 */
export type InvoiceDonation = '0' | '1' | '2';

/**
 * `1` the buyer gets a paper copy (required with a tax ID), `0` no paper copy.
 *
 * @publicApi
 */
export type InvoicePrint = '0' | '1';

/**
 * One line of a {@link PeriodicInvoice}. The builder joins each attribute over the items with `|`, so
 * no value may contain `|` (docs/gateway-protocol.md section 11.4).
 *
 * @publicApi
 */
export interface PeriodicInvoiceItem {
  /** Posted in `InvoiceItemName`, .NET-URL-encoded. */
  readonly name: string;
  /** Posted in `InvoiceItemCount`. */
  readonly count: number;
  /** The unit (單位), posted in `InvoiceItemWord`, .NET-URL-encoded. */
  readonly word: string;
  /** Unit price in whole TWD, posted in `InvoiceItemPrice`. */
  readonly price: number;
  /** Posted in `InvoiceItemTaxType`. When left out, the invoice's `taxType`. */
  readonly taxType?: InvoiceItemTaxType;
}

/**
 * The e-invoice fields of a periodic checkout (`InvoiceMark=Y`, docs/gateway-protocol.md section 11.2),
 * in camelCase of the gateway's names, except `carrierType`/`carrierNum` for the form's misspelt
 * `CarruerType`/`CarruerNum`. Validated values are expected: they are posted as given, with the rules of
 * docs/gateway-protocol.md sections 11.3 and 11.4 already met. Optional fields are posted empty when left
 * out.
 *
 * @publicApi
 */
export interface PeriodicInvoice {
  /** `RelateNumber`. When left out, the order's `MerchantTradeNo`. */
  readonly relateNumber?: string;
  /** `CustomerID`: the buyer's number at the invoice system. */
  readonly customerId?: string;
  /** `CustomerIdentifier`: the company tax ID (統一編號). */
  readonly customerIdentifier?: string;
  /** `CustomerName`, posted .NET-URL-encoded. */
  readonly customerName?: string;
  /** `CustomerAddr`, posted .NET-URL-encoded. */
  readonly customerAddr?: string;
  /** `CustomerPhone`. */
  readonly customerPhone?: string;
  /** `CustomerEmail`, posted .NET-URL-encoded. */
  readonly customerEmail?: string;
  /** `ClearanceMark`, for a zero-rated invoice. */
  readonly clearanceMark?: InvoiceClearanceMark;
  /** `TaxType`. */
  readonly taxType: InvoiceTaxType;
  /** `CarruerType`. */
  readonly carrierType?: InvoiceCarrierType;
  /** `CarruerNum`, posted as given. */
  readonly carrierNum?: string;
  /** `Donation`. When left out, the gateway's "do not donate" value. */
  readonly donation?: InvoiceDonation;
  /** `LoveCode`: the charity's donation code. */
  readonly loveCode?: string;
  /** `Print`. */
  readonly print: InvoicePrint;
  /** The invoice lines, posted as the five `InvoiceItem*` lists. */
  readonly items: readonly PeriodicInvoiceItem[];
  /** `InvoiceRemark`, posted .NET-URL-encoded. */
  readonly invoiceRemark?: string;
  /** `DelayDay`: days between the payment and the invoice. */
  readonly delayDay: number;
  /** `InvType`: `07` is the only value left (docs/gateway-protocol.md section 11.7). */
  readonly invType: '07';
}

/**
 * The 22 invoice fields after `InvoiceMark=Y`, in docs/gateway-protocol.md section 11.2's order, empty
 * strings for unused ones: the item lists joined with `|` first, then the six text fields
 * .NET-URL-encoded with their letter case kept (sections 11.4 and 11.5).
 *
 * @internal
 */
export function periodicInvoiceFields(
  invoice: PeriodicInvoice,
  merchantTradeNo: string,
  profile: GatewayProfile,
): GatewayField[] {
  const { items, taxType } = invoice;
  const list = (pick: (item: PeriodicInvoiceItem) => string | number) =>
    items.map(pick).join('|');
  return [
    ['InvoiceMark', 'Y'],
    ['RelateNumber', invoice.relateNumber ?? merchantTradeNo],
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
    ['Donation', invoice.donation ?? profile.invoiceDonationNo],
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
