import { formatTaipeiDateTime, GATEWAY_PROFILES } from 'nestjs-twpay/protocol';
import type {
  Authorization,
  PaymentResult,
  SimulatedOrder,
} from './simulator-model.js';

/** The fields of one notification, before it is signed. */
export type NotificationFields = Record<string, string>;

/** RtnMsg of a re-send and of the browser post; a first delivery carries the charge's own message (docs/gateway-protocol.md §6.1). */
const RTN_MSG_RESEND = 'paid';
const RTN_MSG_BROWSER = 'Succeeded';

/** PaymentType as returned: not the `Credit` / `BNPL` the merchant sent (docs/gateway-protocol.md §6.1, 8). */
const PAYMENT_TYPE = {
  Credit: 'Credit_CreditCard',
  BNPL: 'BNPL_URICH',
} as const;

/**
 * The payment result posted to ReturnURL: the first authorization of a card order, or the final
 * result of a BNPL application (docs/gateway-protocol.md §6.1, 8). With `NeedExtraPaidInfo=Y` a card order also
 * carries the lower-case extras (docs/gateway-protocol.md §6.1, ECDOC-5675).
 */
export function paymentResultFields(
  order: SimulatedOrder,
  result: PaymentResult | Authorization,
): NotificationFields {
  const fields: NotificationFields = {
    MerchantID: order.merchantId,
    MerchantTradeNo: order.merchantTradeNo,
    StoreID: order.storeId,
    RtnCode: result.rtnCode,
    RtnMsg: result.rtnMsg,
    TradeNo: order.tradeNo,
    TradeAmt: String(result.amount),
    PaymentDate: formatTaipeiDateTime(result.processedAt),
    PaymentType: PAYMENT_TYPE[order.payment],
    // The simulator charges no fee.
    PaymentTypeChargeFee: '0',
    TradeDate: formatTaipeiDateTime(order.tradeDate),
    SimulatePaid: result.simulatePaid ? '1' : '0',
    ...customFields(order),
  };
  if (order.bnpl) {
    // Not confirmed for ReturnURL, but docs/gateway-protocol.md §2.3 names BNPLTradeNo as the field that breaks
    // whitelisting verifiers: sending it keeps merchants honest about verifying over every field.
    fields.BNPLTradeNo = order.bnpl.bnplTradeNo;
    fields.BNPLInstallment = String(order.bnpl.installment);
  }
  if (order.needExtraPaidInfo && 'gwsr' in result) {
    Object.assign(fields, creditCardExtras(order, result));
  }
  return fields;
}

/** A re-sent ReturnURL notification: the same fields, with `RtnMsg=paid` on a success (docs/gateway-protocol.md §6.3). */
export function resentPaymentResultFields(
  fields: NotificationFields,
): NotificationFields {
  return fields.RtnCode === '1'
    ? { ...fields, RtnMsg: RTN_MSG_RESEND }
    : fields;
}

/** The one-shot browser post to OrderResultURL: ReturnURL's fields with `RtnMsg=Succeeded` (docs/gateway-protocol.md §6.1, 6.5). */
export function orderResultFields(
  order: SimulatedOrder,
  result: PaymentResult | Authorization,
): NotificationFields {
  const fields = paymentResultFields(order, result);
  return fields.RtnCode === '1'
    ? { ...fields, RtnMsg: RTN_MSG_BROWSER }
    : fields;
}

/**
 * A scheduled charge or a ReAuth, posted to PeriodReturnURL: PascalCase names, no TradeNo
 * (docs/gateway-protocol.md §6.2; vector V7 is exactly such a body).
 */
export function periodResultFields(
  order: SimulatedOrder,
  authorization: Authorization,
): NotificationFields {
  const period = requirePeriod(order);
  return {
    MerchantID: order.merchantId,
    MerchantTradeNo: order.merchantTradeNo,
    StoreID: order.storeId,
    RtnCode: authorization.rtnCode,
    RtnMsg: authorization.rtnMsg,
    PeriodType: period.periodType,
    Frequency: String(period.frequency),
    ExecTimes: String(period.execTimes),
    Amount: String(authorization.amount),
    Gwsr: String(authorization.gwsr),
    ProcessDate: formatTaipeiDateTime(authorization.processedAt),
    AuthCode: authorization.authCode,
    FirstAuthAmount: String(order.authorizations[0].amount),
    TotalSuccessTimes: String(successesThrough(order, authorization).times),
    SimulatePaid: authorization.simulatePaid ? '1' : '0',
    ...customFields(order),
  };
}

/**
 * The BNPL application result to PaymentInfoURL and ClientRedirectURL: `RtnCode=2`, 申請中, which
 * means "applying", never "paid" (docs/gateway-protocol.md §8; vector V8).
 */
export function bnplApplicationFields(
  order: SimulatedOrder,
): NotificationFields {
  if (!order.bnpl)
    throw new Error(`Order ${order.merchantTradeNo} has no BNPL application`);
  return {
    BNPLInstallment: String(order.bnpl.installment),
    BNPLTradeNo: order.bnpl.bnplTradeNo,
    ...customFields(order),
    MerchantID: order.merchantId,
    MerchantTradeNo: order.merchantTradeNo,
    PaymentType: PAYMENT_TYPE.BNPL,
    RtnCode: '2',
    RtnMsg: '申請中',
    StoreID: order.storeId,
    TradeAmt: String(order.totalAmount),
    TradeDate: formatTaipeiDateTime(order.tradeDate),
    TradeNo: order.tradeNo,
  };
}

/**
 * The `NeedExtraPaidInfo=Y` credit-card extras, lower-case as the gateway names them, plus the
 * periodic counters for a periodic order (docs/gateway-protocol.md §6.1; pitfall 6 on the casing).
 */
export function creditCardExtras(
  order: SimulatedOrder,
  authorization: Authorization,
): NotificationFields {
  const extras: NotificationFields = {
    gwsr: String(authorization.gwsr),
    process_date: formatTaipeiDateTime(authorization.processedAt),
    auth_code: authorization.authCode,
    amount: String(authorization.amount),
    // No instalments, no bonus points: the periodic order cannot combine with them (docs/gateway-protocol.md §5.1).
    stage: '0',
    stast: '0',
    staed: '0',
    // 5 = 3-D Secure authenticated, as the stage's simulated 3-D page does.
    eci: '5',
    card4no: order.card?.card4no ?? '',
    card6no: order.card?.card6no ?? '',
    red_dan: '0',
    red_de_amt: '0',
    red_ok_amt: '0',
    red_yet: '0',
  };
  if (order.period) {
    const totals = successesThrough(order, authorization);
    Object.assign(extras, {
      PeriodType: order.period.periodType,
      Frequency: String(order.period.frequency),
      ExecTimes: String(order.period.execTimes),
      PeriodAmount: String(order.period.periodAmount),
      TotalSuccessTimes: String(totals.times),
      TotalSuccessAmount: String(totals.amount),
    });
  }
  return extras;
}

/** Successful authorizations up to and including `authorization`: TotalSuccessTimes counts the first one. */
export function successesThrough(
  order: SimulatedOrder,
  authorization?: Authorization,
): { times: number; amount: number } {
  const end = authorization
    ? order.authorizations.indexOf(authorization) + 1
    : undefined;
  const successes = order.authorizations
    .slice(0, end)
    .filter((a) => a.rtnCode === '1');
  return {
    times: successes.length,
    amount: successes.reduce((sum, a) => sum + a.amount, 0),
  };
}

/** CustomField1..4 are echoed by ECPay only, and always, even when empty (docs/gateway-protocol.md §6.1). */
export function customFields(order: SimulatedOrder): NotificationFields {
  if (!GATEWAY_PROFILES[order.gateway].supportsCustomFields) return {};
  const [CustomField1, CustomField2, CustomField3, CustomField4] =
    order.customFields;
  return { CustomField1, CustomField2, CustomField3, CustomField4 };
}

function requirePeriod(
  order: SimulatedOrder,
): NonNullable<SimulatedOrder['period']> {
  if (!order.period)
    throw new Error(`Order ${order.merchantTradeNo} is not periodic`);
  return order.period;
}
