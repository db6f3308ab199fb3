import { IsIn, IsString, MaxLength } from 'class-validator';
import type {
  InvoiceItemTaxType,
  PeriodicInvoiceItem,
} from '../../protocol/periodic-invoice-fields.js';
import {
  IntegerBetween,
  MAX_INTEGER,
  NoControlCharacters,
  NotBlank,
  Optional,
  Required,
  Rule,
} from '../../validation/field-rules.js';

/** @internal */
export const INVOICE_ITEM_TAX_TYPES: readonly InvoiceItemTaxType[] = [
  '1',
  '2',
  '3',
];

/**
 * The builder joins each attribute of the items with `|` into one gateway field, so a `|` inside a
 * value would split an item in two (docs/gateway-protocol.md section 11.4).
 */
function NoItemSeparator(): PropertyDecorator {
  return Rule(
    'noItemSeparator',
    (value: string) => !value.includes('|'),
    '$property must not contain | (it separates the invoice items)',
  );
}

/**
 * One line of the e-invoice. The builder turns the list into `InvoiceItemName`, `InvoiceItemCount`,
 * `InvoiceItemWord`, `InvoiceItemPrice` and `InvoiceItemTaxType`, joined with `|`, so the five lists
 * always have the same length (docs/gateway-protocol.md sections 11.2 and 11.4).
 *
 * @publicApi
 */
export class PeriodicInvoiceItemDto implements PeriodicInvoiceItem {
  /** Item name, up to 100 characters, without `|`. */
  @NoItemSeparator()
  @NoControlCharacters()
  @MaxLength(100)
  @NotBlank()
  @IsString()
  @Required()
  name: string;

  /**
   * Quantity: a whole number from 1. The B2C invoice API allows decimals, but the AIO SDKs accept
   * digits only (docs/gateway-protocol.md section 11.2).
   */
  @IntegerBetween(1, MAX_INTEGER)
  @Required()
  count: number;

  /** Unit (單位) such as `月`, `次`, `個`: up to 6 characters, without `|`. */
  @NoItemSeparator()
  @NoControlCharacters()
  @MaxLength(6)
  @NotBlank()
  @IsString()
  @Required()
  word: string;

  /**
   * Unit price in whole TWD, from 0. Over all items, Σ `price` × `count` must equal the period amount
   * (docs/gateway-protocol.md section 11.4).
   */
  @IntegerBetween(0, MAX_INTEGER)
  @Required()
  price: number;

  /**
   * The item's tax type. Defaults to the invoice's `taxType`; must equal it unless that is `9`
   * (mixed), where every item needs its own (docs/gateway-protocol.md section 11.3, rules 9 and 10).
   * @default the invoice's taxType
   */
  @IsIn(INVOICE_ITEM_TAX_TYPES, { message: '$property must be one of 1, 2, 3' })
  @Optional()
  taxType?: InvoiceItemTaxType;
}
