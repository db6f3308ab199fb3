import {
  fieldListToRecord,
  verifyCheckMacValue,
  type GatewayFieldList,
  type GatewayProfile,
  type MacKeys,
  type PeriodType,
} from 'nestjs-twpay/protocol';
import { firstError, isPeriodic } from './checkout-rules.js';
import {
  GATEWAY_ERROR_CODES as CODES,
  gatewayError,
  type GatewayError,
} from './gateway-errors.js';
import type {
  OrderUrls,
  PeriodTerms,
  SimulatedOrder,
} from './simulator-model.js';

/** What an accepted AioCheckOut form describes, before the gateway gives it a TradeNo. */
export type OrderDraft = Pick<
  SimulatedOrder,
  | 'gateway'
  | 'merchantId'
  | 'merchantTradeNo'
  | 'payment'
  | 'totalAmount'
  | 'itemName'
  | 'storeId'
  | 'customFields'
  | 'needExtraPaidInfo'
  | 'urls'
  | 'period'
>;

/** The result of checking one AioCheckOut form. */
export type OrderValidation =
  | { ok: true; order: OrderDraft }
  | { ok: false; error: GatewayError; merchantId?: string };

/** What the validator needs to know about the gateway's state. */
export interface OrderValidationContext {
  profile: GatewayProfile;
  keysOf(merchantId: string): MacKeys | undefined;
  isMerchantTradeNoUsed(merchantId: string, merchantTradeNo: string): boolean;
}

/**
 * Checks an AioCheckOut form the way the gateway does, and returns the first rule it breaks: the
 * merchant, the CheckMacValue over every posted field, required fields, formats and lengths, the
 * periodic rules, BNPL, and that the MerchantTradeNo was never used (docs/gateway-protocol.md §5.1, 8, 10).
 *
 * Decisions where the gateway's behaviour is not documented, all on the strict side so that passing
 * here does not hide a failure at the gateway:
 * - a periodic order must have a PeriodReturnURL (ECPAY-NODE refuses one without it; without it the
 *   later charges would be reported nowhere);
 * - ItemName beyond the limit is rejected, although ECPay documents truncating it;
 * - InvoiceMark=Y and PlatformID are rejected as not simulated rather than accepted unchecked.
 */
export function validateCheckoutOrder(
  fields: GatewayFieldList,
  context: OrderValidationContext,
): OrderValidation {
  const { profile } = context;
  const { record: f, repeatedNames } = fieldListToRecord(fields);
  if (repeatedNames.length > 0) {
    return fail(
      CODES.MALFORMED_FIELD,
      `${repeatedNames[0]} was posted more than once`,
    );
  }
  const merchantId = f.MerchantID ?? '';
  if (merchantId === '')
    return fail(CODES.MISSING_FIELD, 'MerchantID is required');
  const keys = context.keysOf(merchantId);
  if (!keys)
    return fail(CODES.UNKNOWN_MERCHANT, `MerchantID ${merchantId} not found`);
  if (!verifyCheckMacValue(fields, keys, ['sha256']).valid) {
    return {
      ...fail(CODES.CHECK_MAC_VALUE, 'CheckMacValue Error'),
      merchantId,
    };
  }
  const error = firstError(f, profile);
  if (error) return { ok: false, error, merchantId };
  if (context.isMerchantTradeNoUsed(merchantId, f.MerchantTradeNo)) {
    return {
      ...fail(
        CODES.DUPLICATE_MERCHANT_TRADE_NO,
        'MerchantTradeNo 重複 (already used)',
      ),
      merchantId,
    };
  }
  return {
    ok: true,
    order: {
      gateway: profile.name,
      merchantId,
      merchantTradeNo: f.MerchantTradeNo,
      payment: f.ChoosePayment as 'Credit' | 'BNPL',
      totalAmount: Number(f.TotalAmount),
      itemName: f.ItemName,
      storeId: f.StoreID ?? '',
      customFields: [
        f.CustomField1 ?? '',
        f.CustomField2 ?? '',
        f.CustomField3 ?? '',
        f.CustomField4 ?? '',
      ],
      needExtraPaidInfo: f.NeedExtraPaidInfo === 'Y',
      urls: orderUrls(f),
      period: isPeriodic(f) ? periodTerms(f) : undefined,
    },
  };
}

function periodTerms(f: Record<string, string>): PeriodTerms {
  return {
    periodType: f.PeriodType as PeriodType,
    frequency: Number(f.Frequency),
    execTimes: Number(f.ExecTimes),
    periodAmount: Number(f.PeriodAmount),
    periodReturnUrl: f.PeriodReturnURL,
  };
}

function orderUrls(f: Record<string, string>): OrderUrls {
  const optional = (name: string) => (f[name] ? f[name] : undefined);
  return {
    returnUrl: f.ReturnURL,
    orderResultUrl: optional('OrderResultURL'),
    clientBackUrl: optional('ClientBackURL'),
    paymentInfoUrl: optional('PaymentInfoURL'),
    clientRedirectUrl: optional('ClientRedirectURL'),
  };
}

function fail(
  code: string,
  message: string,
): { ok: false; error: GatewayError } {
  return { ok: false, error: gatewayError(code, message) };
}
