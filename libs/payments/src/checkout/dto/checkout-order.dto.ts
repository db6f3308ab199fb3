import 'reflect-metadata';
import {
  ArrayMaxSize,
  IsArray,
  IsObject,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import {
  ALLPAY_PROFILE,
  ECPAY_PROFILE,
} from '../../protocol/gateway-profile.js';
import type { AioCheckoutOrder } from '../../protocol/aio-checkout-order.js';
import { MERCHANT_ID_PATTERN } from '../../protocol/identifier-patterns.js';
import {
  IsMerchantTradeNo,
  MaxLengthAt,
  NoControlCharacters,
  NotBlank,
  OnlyAt,
  Optional,
  Required,
  Rule,
} from '../../validation/field-rules.js';

/** CustomField1-4: letters, digits, spaces and ECPay's allowed symbols (docs/gateway-protocol.md section 5.1). */
const CUSTOM_FIELD = /^[\p{L}\p{Nd} \u3000,.#()$[\];%{}:/?&@<>!]*$/u;

/** A plain object of strings, finite numbers, booleans and nulls: what the order row stores. */
function isFlatJsonObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return (
    (prototype === Object.prototype || prototype === null) &&
    Object.values(value).every(
      (entry) =>
        entry === null ||
        typeof entry === 'string' ||
        typeof entry === 'boolean' ||
        Number.isFinite(entry),
    )
  );
}

/**
 * The fields every AioCheckOut order has, whatever is sold: what the buyer sees, the app's own
 * references, and which merchant and MerchantTradeNo take it. Extended by
 * {@link CreatePeriodicPaymentDto} and {@link CreateBnplOrderDto}; validate those with
 * `validateCheckoutRequest()`.
 *
 * @publicApi
 */
export abstract class CheckoutOrderDto implements AioCheckoutOrder {
  /**
   * What the buyer sees on the payment page (`ItemName`): up to 200 characters at AllPay, 400 at
   * ECPay; `#` starts a new line.
   */
  @MaxLengthAt({
    allpay: ALLPAY_PROFILE.itemNameMaxLength,
    ecpay: ECPAY_PROFILE.itemNameMaxLength,
  })
  @NoControlCharacters()
  @NotBlank()
  @IsString()
  @Required()
  itemName: string;

  /**
   * Short description of the trade (`TradeDesc`), up to 200 characters. ECPay asks for no special
   * characters here (docs/gateway-protocol.md section 10, pitfall 4).
   * @default the first non-empty line of itemName, cut to 200 characters
   */
  @MaxLength(200)
  @NoControlCharacters()
  @NotBlank()
  @IsString()
  @Optional()
  tradeDesc?: string;

  /** The app's own reference to the buyer, up to 64 characters. Stored with the order, never posted. */
  @MaxLength(64)
  @NotBlank()
  @IsString()
  @Optional()
  customerId?: string;

  /**
   * The app's own data, stored with the order and never posted: a flat object whose values are
   * strings, finite numbers, booleans or null.
   */
  @Rule(
    'flatJsonObject',
    isFlatJsonObject,
    '$property values must be strings, finite numbers, booleans or null',
  )
  @IsObject({ message: '$property must be a plain object' })
  @Optional()
  metadata?: Record<string, string | number | boolean | null>;

  /**
   * The order number, 1 to 20 letters or digits, never used before (not even by a failed checkout).
   * @default a new number from generateMerchantTradeNo()
   */
  @IsMerchantTradeNo()
  @Optional()
  merchantTradeNo?: string;

  /**
   * Which configured merchant takes the order.
   * @default the first merchant of the module options
   */
  @Matches(MERCHANT_ID_PATTERN, {
    message: '$property must be 1 to 10 letters or digits',
  })
  @IsString()
  @Optional()
  merchantId?: string;

  /** `StoreID`: the merchant's own store code, up to 20 characters. */
  @MaxLength(20)
  @NoControlCharacters()
  @NotBlank()
  @IsString()
  @Optional()
  storeId?: string;

  /**
   * `CustomField1` to `CustomField4` at ECPay, echoed back in every notification: up to 4 values of at
   * most 50 characters each, made of letters, digits, spaces and `, . # ( ) $ [ ] ; % { } : / ? & @
   * < > !` (docs/gateway-protocol.md section 5.1).
   */
  @Matches(CUSTOM_FIELD, {
    each: true,
    message:
      'each value in $property may contain only letters, digits, spaces and , . # ( ) $ [ ] ; % { } : / ? & @ < > !',
  })
  @MaxLength(50, { each: true })
  @IsString({ each: true })
  @ArrayMaxSize(4, {
    message:
      '$property must have at most 4 values (CustomField1 to CustomField4)',
  })
  @IsArray()
  @OnlyAt('ecpay', 'CustomField1-4 exist at ECPay only')
  @Optional()
  customFields?: string[];
}
