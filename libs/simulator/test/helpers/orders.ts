import {
  ALLPAY_PROFILE,
  checkMacValue,
  ECPAY_PROFILE,
  type MacKeys,
} from 'nestjs-twpay/protocol';

/** The public stage merchants the simulator knows by default. */
export const ECPAY = ECPAY_PROFILE.stageTestMerchant;
export const ALLPAY = ALLPAY_PROFILE.stageTestMerchant;

/** Adds a CheckMacValue computed with the merchant's keys. */
export function signed(
  fields: Record<string, string>,
  keys: MacKeys = ECPAY,
): Record<string, string> {
  return { ...fields, CheckMacValue: checkMacValue(fields, keys) };
}

let counter = 0;

/** A fresh MerchantTradeNo: never reused, as the gateway demands. */
export function nextTradeNo(prefix = 'T'): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}`.slice(0, 20);
}

/** An unsigned monthly x12 periodic order for the ECPay stage merchant. */
export function periodicOrder(
  urls: { returnUrl: string; periodReturnUrl: string },
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    MerchantID: ECPAY.merchantId,
    MerchantTradeNo: nextTradeNo('SUB'),
    MerchantTradeDate: '2024/03/01 10:00:00',
    PaymentType: 'aio',
    TotalAmount: '299',
    TradeDesc: 'Monthly plan',
    ItemName: 'Pro plan 299 NTD x 1',
    ReturnURL: urls.returnUrl,
    ChoosePayment: 'Credit',
    EncryptType: '1',
    PeriodAmount: '299',
    PeriodType: 'M',
    Frequency: '1',
    ExecTimes: '12',
    PeriodReturnURL: urls.periodReturnUrl,
    CustomField1: '',
    CustomField2: '',
    CustomField3: '',
    CustomField4: '',
    ...overrides,
  };
}

/** An unsigned ECPay BNPL order of NT$3,000. */
export function bnplOrder(
  urls: { returnUrl: string; paymentInfoUrl: string },
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    MerchantID: ECPAY.merchantId,
    MerchantTradeNo: nextTradeNo('BNPL'),
    MerchantTradeDate: '2024/03/01 12:00:00',
    PaymentType: 'aio',
    TotalAmount: '3000',
    TradeDesc: 'Sofa',
    ItemName: 'Sofa x 1',
    ReturnURL: urls.returnUrl,
    PaymentInfoURL: urls.paymentInfoUrl,
    ChoosePayment: 'BNPL',
    EncryptType: '1',
    ...overrides,
  };
}

/** ECPay's stage test card, valid far beyond any test's virtual clock. */
export const APPROVED_CARD = {
  number: '4311-9522-2222-2222',
  expiry: '12/49',
  cvv: '222',
};
export const DECLINED_CARD = {
  number: '4000000000000002',
  expiry: '12/49',
  cvv: '222',
};
