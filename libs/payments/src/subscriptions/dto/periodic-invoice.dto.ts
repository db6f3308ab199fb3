import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import {
  ALLPAY_PROFILE,
  ECPAY_PROFILE,
} from '../../protocol/gateway-profile.js';
import type {
  InvoiceCarrierType,
  InvoiceClearanceMark,
  InvoiceDonation,
  InvoicePrint,
  InvoiceTaxType,
  PeriodicInvoice,
} from '../../protocol/periodic-invoice-fields.js';
import {
  IntegerBetween,
  IsInAt,
  MaxLengthAt,
  NoControlCharacters,
  NotBlank,
  Optional,
  Required,
  RequiredWhen,
  Rule,
} from '../../validation/field-rules.js';
import { PeriodicInvoiceItemDto } from './periodic-invoice-item.dto.js';
import {
  INVOICE_REMARK_ENCODED_MAX_LENGTH,
  INVOICE_RULES,
  itemTaxTypeMismatch,
  itemTaxTypes,
} from './periodic-invoice-rules.js';

/** A cross-field rule of {@link INVOICE_RULES}, named as it is there. */
function InvoiceRule(
  name: keyof typeof INVOICE_RULES,
  message: string | ((args: ValidationArguments) => string),
): PropertyDecorator {
  return Rule<PeriodicInvoiceDto>(
    name,
    (_value, invoice) => INVOICE_RULES[name](invoice),
    message,
  );
}

function carrierNumFormatMessage({ object }: ValidationArguments): string {
  return (object as PeriodicInvoiceDto).carrierType === '2'
    ? '$property must be 2 upper-case letters and 14 digits when carrierType is 2 (citizen digital certificate)'
    : '$property must be / and 7 characters from 0-9, A-Z, ., +, - when carrierType is 3 (mobile barcode)';
}

/**
 * The e-invoice issued by the gateway for the first charge and, at ECPay since 2018-11-01, for every
 * later successful charge of the periodic order (`InvoiceMark=Y`, docs/gateway-protocol.md section 11). Every one
 * of the 22 AIO invoice fields is an input here; the five `InvoiceItem*` lists come from `items`.
 * Field names are the camelCase of the gateway's, except `carrierType`/`carrierNum`, which the AIO form
 * misspells `CarruerType`/`CarruerNum`.
 *
 * Both gateways accept the fields when building the form, but AllPay/O'Pay dropped AIO e-invoices
 * from its SDKs in 2019 and nothing confirms the gateway still issues them (docs/gateway-protocol.md sections 11.1
 * and 11.7): at AllPay, prefer issuing invoices through a separate invoice API.
 *
 * The rules of docs/gateway-protocol.md sections 11.3 and 11.4 are enforced; Σ price × count = periodAmount is
 * checked by the parent {@link CreatePeriodicPaymentDto}, which knows the amount.
 *
 * @publicApi
 */
export class PeriodicInvoiceDto implements PeriodicInvoice {
  /**
   * The merchant's invoice number (`RelateNumber`), unique for ever: up to 30 of `A-Z a-z 0-9 _ - # $`.
   * Whether ECPay's later-period invoices reuse it is not documented (docs/gateway-protocol.md section 11.9).
   * @default the order's MerchantTradeNo
   */
  @Matches(/^[A-Za-z0-9_\-#$]{1,30}$/, {
    message: '$property must be 1 to 30 letters, digits or _ - # $',
  })
  @IsString()
  @Optional()
  relateNumber?: string;

  /**
   * The buyer's customer number at the invoice system (`CustomerID`): up to 20 letters, digits or `_`.
   * Not the same as the order's `customerId`, which is never posted.
   */
  @Matches(/^\w{1,20}$/, {
    message: '$property must be 1 to 20 letters, digits or _',
  })
  @IsString()
  @Optional()
  customerId?: string;

  /**
   * The buyer's company tax ID (統一編號, `CustomerIdentifier`), 8 digits. Requires `print: '1'` and no
   * donation; with `print: '1'` the carrier must be empty too (docs/gateway-protocol.md section 11.3, rules 5 and 6).
   */
  @InvoiceRule(
    'identifierNotDonated',
    '$property cannot be combined with donation 1 (an invoice with a tax ID is never donated)',
  )
  @Rule<PeriodicInvoiceDto>(
    'identifierNeedsPrint',
    (_value, invoice) => INVOICE_RULES.printed(invoice),
    '$property requires print 1 (an invoice with a tax ID is always printed)',
  )
  @Matches(/^\d{8}$/, { message: '$property must be exactly 8 digits' })
  @IsString()
  @Optional()
  customerIdentifier?: string;

  /**
   * The buyer's or company's name: Chinese characters, English letters and digits only (no spaces),
   * up to 60 characters at ECPay and 20 at AllPay. Required when `print` is `1`. Posted .NET-URL-encoded.
   */
  @MaxLengthAt({ allpay: 20, ecpay: 60 })
  @Matches(/^[\p{Script=Han}A-Za-z0-9]+$/u, {
    message:
      '$property may contain only Chinese characters, English letters and digits',
  })
  @IsString()
  @RequiredWhen<PeriodicInvoiceDto>(
    'requiredForPrint',
    INVOICE_RULES.printed,
    'print is 1',
  )
  customerName?: string;

  /** Postal address for the paper copy, up to 200 characters. Required when `print` is `1`. Posted encoded. */
  @MaxLength(200)
  @NoControlCharacters()
  @NotBlank()
  @IsString()
  @RequiredWhen<PeriodicInvoiceDto>(
    'requiredForPrint',
    INVOICE_RULES.printed,
    'print is 1',
  )
  customerAddr?: string;

  /**
   * The buyer's mobile number, 10 to 20 digits; it receives SMS notices. Required unless
   * `customerEmail` is given (docs/gateway-protocol.md section 11.3, rule 1).
   */
  @Matches(/^\d{10,20}$/, {
    message: '$property must be a mobile number of 10 to 20 digits',
  })
  @IsString()
  @RequiredWhen<PeriodicInvoiceDto>(
    'phoneOrEmail',
    INVOICE_RULES.needsPhone,
    'customerEmail is not given (the invoice notice goes to one of them)',
  )
  customerPhone?: string;

  /** The buyer's e-mail address, up to 200 characters. Posted encoded. */
  @MaxLength(200)
  @IsEmail({}, { message: '$property must be an e-mail address' })
  @IsString()
  @Optional()
  customerEmail?: string;

  /** Required when `taxType` is `2`, and only then (docs/gateway-protocol.md section 11.3, rule 8). */
  @Rule<PeriodicInvoiceDto>(
    'onlyForZeroRated',
    (_value, invoice) => INVOICE_RULES.zeroRated(invoice),
    '$property must be left out unless taxType is 2 (zero-rated)',
  )
  @IsIn(['1', '2'], { message: '$property must be 1 or 2' })
  @RequiredWhen<PeriodicInvoiceDto>(
    'requiredForZeroRated',
    INVOICE_RULES.zeroRated,
    'taxType is 2 (zero-rated)',
  )
  clearanceMark?: InvoiceClearanceMark;

  /**
   * The invoice's tax type. Unless it is `9`, every item has this tax type; with `9`, the items must
   * mix `1` with either `2` or `3` (docs/gateway-protocol.md section 11.3, rules 9 and 10).
   * @default '1'
   */
  @InvoiceRule(
    'taxTypeMix',
    '$property 9 (mixed) needs two or more items, each with its own taxType: at least one 1, and 2 or 3 but not both',
  )
  @InvoiceRule('itemTaxTypesMatch', ({ object }) => {
    const invoice = object as PeriodicInvoiceDto;
    const index = itemTaxTypeMismatch(invoice);
    return `$property is ${invoice.taxType} but items[${index}].taxType is ${itemTaxTypes(invoice)![index]}: every item has the invoice's tax type unless taxType is 9`;
  })
  @IsIn(['1', '2', '3', '9'], {
    message: '$property must be one of 1, 2, 3, 9',
  })
  taxType: InvoiceTaxType = '1';

  /** The carrier, if any; must be left out when `print` is `1` (docs/gateway-protocol.md section 11.3, rule 3). */
  @Rule<PeriodicInvoiceDto>(
    'noCarrierWhenPrinted',
    (_value, invoice) => INVOICE_RULES.notPrinted(invoice),
    '$property must be left out when print is 1 (a printed invoice has no carrier)',
  )
  @IsIn(['1', '2', '3'], { message: '$property must be one of 1, 2, 3' })
  @Optional()
  carrierType?: InvoiceCarrierType;

  /**
   * The carrier number: required for `carrierType` `2` and `3`, in their formats, and left out
   * otherwise (docs/gateway-protocol.md section 11.3, rule 7). Posted as given; a `+` in a mobile barcode is
   * signed as posted, see docs/gateway-protocol.md section 11.5 on why that is untested.
   */
  @InvoiceRule('carrierNumFormat', carrierNumFormatMessage)
  @Rule<PeriodicInvoiceDto>(
    'onlyForCarrierTypes2And3',
    (_value, invoice) => INVOICE_RULES.carrierHasNumber(invoice),
    '$property must be left out unless carrierType is 2 or 3',
  )
  @IsString()
  @RequiredWhen<PeriodicInvoiceDto>(
    'requiredForCarrierType',
    INVOICE_RULES.carrierHasNumber,
    'carrierType is 2 or 3',
  )
  carrierNum?: string;

  /**
   * `1` donates the invoice to `loveCode`'s charity, and then `print` must be `0`. "Do not donate" is
   * `0` at ECPay and `2` at AllPay (docs/gateway-protocol.md section 11.7).
   * @default the gateway's "do not donate" value
   */
  @InvoiceRule(
    'donationNotPrinted',
    '$property 1 requires print 0 (a donated invoice is not printed)',
  )
  @IsInAt({
    allpay: ['1', ALLPAY_PROFILE.invoiceDonationNo],
    ecpay: ['1', ECPAY_PROFILE.invoiceDonationNo],
  })
  @Optional()
  donation?: InvoiceDonation;

  /** The charity's donation code (捐贈碼), 3 to 7 digits: required with `donation: '1'`, left out otherwise. */
  @Matches(/^\d{3,7}$/, { message: '$property must be 3 to 7 digits' })
  @Rule<PeriodicInvoiceDto>(
    'onlyWhenDonated',
    (_value, invoice) => INVOICE_RULES.donated(invoice),
    '$property must be left out unless donation is 1',
  )
  @IsString()
  @RequiredWhen<PeriodicInvoiceDto>(
    'requiredForDonation',
    INVOICE_RULES.donated,
    'donation is 1',
  )
  loveCode?: string;

  /**
   * `1` prints a paper copy and needs `customerName` and `customerAddr`; `0` needs a carrier or a
   * donation so that the invoice reaches the buyer (docs/gateway-protocol.md section 11.3, rules 2 and 4).
   */
  @Rule<PeriodicInvoiceDto>(
    'invoiceDelivery',
    (_value, invoice) => INVOICE_RULES.delivered(invoice),
    '$property 0 (no paper copy) requires a carrierType or donation 1',
  )
  @IsIn(['0', '1'], { message: '$property must be 0 or 1' })
  @Required()
  print: InvoicePrint;

  /**
   * The invoice lines, 1 to 200 (docs/gateway-protocol.md section 11.4). Their Σ price × count must equal the
   * period amount.
   */
  @ValidateNested({ each: true })
  @Type(() => PeriodicInvoiceItemDto)
  @ArrayMaxSize(200)
  @ArrayMinSize(1)
  @IsArray()
  @Required()
  items: PeriodicInvoiceItemDto[];

  /** One remark for the whole invoice (`InvoiceRemark`). Posted encoded. */
  @Rule<PeriodicInvoiceDto>(
    'encodedMaxLength',
    (_value, invoice) => INVOICE_RULES.remarkFitsEncoded(invoice),
    `$property must be at most ${INVOICE_REMARK_ENCODED_MAX_LENGTH} characters once URL-encoded`,
  )
  @NoControlCharacters()
  @IsString()
  @Optional()
  invoiceRemark?: string;

  /**
   * Days to wait after the payment before issuing the invoice, 0 to 15 (docs/gateway-protocol.md section 11.3, rule 11).
   * @default 0
   */
  @IntegerBetween(0, 15)
  delayDay: number = 0;

  /**
   * Invoice type: `07` (一般稅額) is the only value left; `08` was withdrawn in 2019 (docs/gateway-protocol.md §11.7).
   * @default '07'
   */
  @IsIn(['07'], { message: '$property must be 07' })
  invType = '07' as const;
}
