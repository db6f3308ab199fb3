import { dotNetUrlEncode } from '../../protocol/dotnet-url-encode.js';
import { INVOICE_ITEM_TAX_TYPES } from './periodic-invoice-item.dto.js';

/**
 * The invoice fields the cross-field rules look at, as validation sees them: anything may still be
 * missing or of the wrong type, because the rules run beside the per-field ones.
 *
 * @internal
 */
export interface InvoiceFacts {
  customerEmail?: unknown;
  taxType?: unknown;
  print?: unknown;
  donation?: unknown;
  carrierType?: unknown;
  carrierNum?: unknown;
  items?: unknown;
  invoiceRemark?: unknown;
}

/** CarruerNum for a citizen digital certificate: 2 upper-case letters and 14 digits (docs/gateway-protocol.md §11.2). */
const CITIZEN_CERTIFICATE = /^[A-Z]{2}\d{14}$/;
/** CarruerNum for a mobile barcode: `/` and 7 of `0-9 A-Z . + -`; stricter than every SDK (§11.2). */
const MOBILE_BARCODE = /^\/[0-9A-Z.+-]{7}$/;

/**
 * Length limit of the URL-encoded remark in the SDKs (4096 in the xml files, 4000 in ECPAY-NET).
 * @internal
 */
export const INVOICE_REMARK_ENCODED_MAX_LENGTH = 4000;

/**
 * The items' own tax types, or `undefined` while an item or its taxType is invalid: the items are
 * validated after the invoice's fields and report that themselves, once.
 *
 * @internal
 */
export function itemTaxTypes(
  invoice: InvoiceFacts,
): (string | undefined)[] | undefined {
  if (!Array.isArray(invoice.items)) return undefined;
  const types: unknown[] = invoice.items.map((item: unknown) =>
    typeof item === 'object' && item !== null
      ? (item as { taxType?: unknown }).taxType
      : null,
  );
  return types.every(
    (type) =>
      type === undefined ||
      (INVOICE_ITEM_TAX_TYPES as readonly unknown[]).includes(type),
  )
    ? (types as (string | undefined)[])
    : undefined;
}

/**
 * The index of the first item whose own taxType differs from the invoice's, or -1 (§11.3 rule 10).
 * @internal
 */
export function itemTaxTypeMismatch(invoice: InvoiceFacts): number {
  return (itemTaxTypes(invoice) ?? []).findIndex(
    (type) => type !== undefined && type !== invoice.taxType,
  );
}

/**
 * The cross-field rules of an invoice (docs/gateway-protocol.md §11.3 and §11.4) as pure predicates
 * over the whole invoice: `true` when the invoice keeps the rule. {@link PeriodicInvoiceDto} attaches
 * each to a property with its message; `periodic-invoice-rules.spec.ts` tests them as a table.
 *
 * @internal
 */
export const INVOICE_RULES = {
  /** Rule 5: a tax ID is never combined with a donation. */
  identifierNotDonated: (invoice: InvoiceFacts) => invoice.donation !== '1',
  /** Rule 6: an invoice with a tax ID is always printed; also when name and address are required. */
  printed: (invoice: InvoiceFacts) => invoice.print === '1',
  /** Rule 1: the invoice notice goes to a phone unless an e-mail address is given. */
  needsPhone: (invoice: InvoiceFacts) => invoice.customerEmail === undefined,
  /** Rule 8: clearanceMark belongs to zero-rated invoices, and only to them. */
  zeroRated: (invoice: InvoiceFacts) => invoice.taxType === '2',
  /** Rule 9: taxType 9 needs two or more typed items: a `1`, and a `2` or a `3` but not both. */
  taxTypeMix: (invoice: InvoiceFacts) => {
    const types = itemTaxTypes(invoice);
    if (invoice.taxType !== '9' || !types) return true;
    const kinds = new Set(types);
    return (
      types.length >= 2 &&
      !kinds.has(undefined) &&
      kinds.has('1') &&
      kinds.has('2') !== kinds.has('3')
    );
  },
  /** Rule 10: unless taxType is 9, every item has the invoice's tax type. */
  itemTaxTypesMatch: (invoice: InvoiceFacts) =>
    invoice.taxType === '9' || itemTaxTypeMismatch(invoice) === -1,
  /** Rule 3: a printed invoice has no carrier. */
  notPrinted: (invoice: InvoiceFacts) => invoice.print !== '1',
  /** Rule 7: carrier types 2 and 3 have a number; the others have none. */
  carrierHasNumber: (invoice: InvoiceFacts) =>
    invoice.carrierType === '2' || invoice.carrierType === '3',
  /** Rule 7: the number is in its carrier type's format. */
  carrierNumFormat: (invoice: InvoiceFacts) =>
    typeof invoice.carrierNum === 'string' &&
    (invoice.carrierType === '2' ? CITIZEN_CERTIFICATE : MOBILE_BARCODE).test(
      invoice.carrierNum,
    ),
  /** A donated invoice is not printed. */
  donationNotPrinted: (invoice: InvoiceFacts) =>
    invoice.donation !== '1' || invoice.print === '0',
  /** loveCode belongs to donated invoices, and only to them. */
  donated: (invoice: InvoiceFacts) => invoice.donation === '1',
  /** Rules 2 and 4: an invoice not printed reaches the buyer through a carrier or a donation. */
  delivered: (invoice: InvoiceFacts) =>
    invoice.print !== '0' ||
    invoice.donation === '1' ||
    invoice.carrierType !== undefined,
  /** The remark fits the SDKs' limit once URL-encoded. */
  remarkFitsEncoded: (invoice: InvoiceFacts) =>
    typeof invoice.invoiceRemark !== 'string' ||
    dotNetUrlEncode(invoice.invoiceRemark).length <=
      INVOICE_REMARK_ENCODED_MAX_LENGTH,
} satisfies Record<string, (invoice: InvoiceFacts) => boolean>;
