import {
  checkMacValue,
  encodeFormBody,
  type MacKeys,
} from 'nestjs-twpay/protocol';

import { ECPAY_STAGE } from './stage-merchant.js';

export { ECPAY_STAGE };

/** Signs fields as the gateway does and encodes them as the form body it posts. */
export function signedBody(
  fields: Record<string, string>,
  keys: MacKeys = ECPAY_STAGE,
): string {
  return encodeFormBody({
    ...fields,
    CheckMacValue: checkMacValue(fields, keys),
  });
}

/**
 * The same body with a CheckMacValue that is still well-formed but wrong: its first hex digit changed.
 * (Overwriting the digit with a fixed one would leave it unchanged whenever it already was that digit.)
 */
export function tamperCheckMacValue(body: string): string {
  return body.replace(
    /CheckMacValue=([0-9A-F])/,
    (_match, digit: string) => `CheckMacValue=${digit === '0' ? '1' : '0'}`,
  );
}

/**
 * A ReturnURL post for a periodic order's first authorization, shaped like vector V2 plus the
 * NeedExtraPaidInfo extras in their lower-case names (docs/gateway-protocol.md §6.1).
 */
export function firstAuthorizationFields(o: {
  merchantTradeNo: string;
  amount: number;
  rtnCode?: string;
  rtnMsg?: string;
  tradeNo?: string;
  gwsr?: string;
  paymentDate?: string;
  simulatePaid?: '0' | '1';
}): Record<string, string> {
  const date = o.paymentDate ?? '2024/03/01 10:00:05';
  return {
    CustomField1: '',
    CustomField2: '',
    CustomField3: '',
    CustomField4: '',
    MerchantID: ECPAY_STAGE.merchantId,
    MerchantTradeNo: o.merchantTradeNo,
    PaymentDate: date,
    PaymentType: 'Credit_CreditCard',
    PaymentTypeChargeFee: '1',
    RtnCode: o.rtnCode ?? '1',
    RtnMsg: o.rtnMsg ?? '交易成功',
    SimulatePaid: o.simulatePaid ?? '0',
    StoreID: '',
    TradeAmt: String(o.amount),
    TradeDate: date,
    TradeNo: o.tradeNo ?? '2403011000000001',
    gwsr: o.gwsr ?? '11223300',
    process_date: date,
    auth_code: '777777',
    amount: String(o.amount),
    card4no: '2222',
    card6no: '431195',
    eci: '0',
    PeriodType: 'M',
    Frequency: '1',
    ExecTimes: '12',
    PeriodAmount: String(o.amount),
    TotalSuccessTimes: o.rtnCode && o.rtnCode !== '1' ? '0' : '1',
    TotalSuccessAmount: o.rtnCode && o.rtnCode !== '1' ? '0' : String(o.amount),
  };
}

/** A PeriodReturnURL post, shaped exactly like vector V7 (docs/gateway-protocol.md §6.2). */
export function periodFields(o: {
  merchantTradeNo: string;
  amount: number;
  gwsr: string;
  totalSuccessTimes: number;
  processDate: string;
  rtnCode?: string;
  rtnMsg?: string;
  execTimes?: number;
  simulatePaid?: '0' | '1';
}): Record<string, string> {
  return {
    Amount: String(o.amount),
    AuthCode: o.rtnCode && o.rtnCode !== '1' ? '' : '777777',
    CustomField1: '',
    CustomField2: '',
    CustomField3: '',
    CustomField4: '',
    ExecTimes: String(o.execTimes ?? 12),
    FirstAuthAmount: String(o.amount),
    Frequency: '1',
    Gwsr: o.gwsr,
    MerchantID: ECPAY_STAGE.merchantId,
    MerchantTradeNo: o.merchantTradeNo,
    PeriodType: 'M',
    ProcessDate: o.processDate,
    RtnCode: o.rtnCode ?? '1',
    RtnMsg: o.rtnMsg ?? '交易成功',
    SimulatePaid: o.simulatePaid ?? '0',
    StoreID: '',
    TotalSuccessTimes: String(o.totalSuccessTimes),
  };
}

/** `yyyy/MM/dd 10:00:05` of the n-th month after March 2024 (n = 0 is the first authorization). */
export function monthlyProcessDate(n: number): string {
  const month = 3 + n;
  const year = 2024 + Math.floor((month - 1) / 12);
  const mm = String(((month - 1) % 12) + 1).padStart(2, '0');
  return `${year}/${mm}/01 10:00:05`;
}

/**
 * A BNPL application result as ECPay posts it to PaymentInfoURL, shaped exactly like vector V8
 * (docs/gateway-protocol.md sections 3 and 8). With no argument it is V8 itself.
 */
export function bnplApplicationFields(
  o: {
    merchantTradeNo?: string;
    amount?: number;
    rtnCode?: string;
    rtnMsg?: string;
    bnplTradeNo?: string;
    installment?: string;
    tradeNo?: string;
  } = {},
): Record<string, string> {
  return {
    BNPLInstallment: o.installment ?? '6',
    BNPLTradeNo: o.bnplTradeNo ?? 'U2024030100001',
    CustomField1: '',
    CustomField2: '',
    CustomField3: '',
    CustomField4: '',
    MerchantID: ECPAY_STAGE.merchantId,
    MerchantTradeNo: o.merchantTradeNo ?? 'BNPL20240301001',
    PaymentType: 'BNPL_URICH',
    RtnCode: o.rtnCode ?? '2',
    RtnMsg: o.rtnMsg ?? '申請中',
    StoreID: '',
    TradeAmt: String(o.amount ?? 3000),
    TradeDate: '2024/03/01 12:00:00',
    TradeNo: o.tradeNo ?? '2403011200001234',
  };
}

/**
 * A BNPL order's payment result on ReturnURL: vector V2's shape with `PaymentType=BNPL_URICH`
 * (docs/gateway-protocol.md sections 6.1 and 8). `bnplTradeNo` adds BNPLTradeNo and BNPLInstallment, as the
 * simulator sends them (unconfirmed for the real gateway).
 */
export function bnplPaymentFields(o: {
  merchantTradeNo: string;
  amount: number;
  rtnCode?: string;
  rtnMsg?: string;
  tradeNo?: string;
  paymentDate?: string;
  simulatePaid?: '0' | '1';
  bnplTradeNo?: string;
}): Record<string, string> {
  const failed = o.rtnCode !== undefined && o.rtnCode !== '1';
  return {
    ...(o.bnplTradeNo
      ? { BNPLInstallment: '6', BNPLTradeNo: o.bnplTradeNo }
      : {}),
    CustomField1: '',
    CustomField2: '',
    CustomField3: '',
    CustomField4: '',
    MerchantID: ECPAY_STAGE.merchantId,
    MerchantTradeNo: o.merchantTradeNo,
    PaymentDate: failed ? '' : (o.paymentDate ?? '2024/03/02 10:00:00'),
    PaymentType: 'BNPL_URICH',
    PaymentTypeChargeFee: failed ? '0' : '90',
    RtnCode: o.rtnCode ?? '1',
    RtnMsg: o.rtnMsg ?? '交易成功',
    SimulatePaid: o.simulatePaid ?? '0',
    StoreID: '',
    TradeAmt: String(o.amount),
    TradeDate: '2024/03/01 12:00:00',
    TradeNo: o.tradeNo ?? '2403011200001234',
  };
}
