import {
  ALLPAY_PROFILE,
  ECPAY_PROFILE,
  type GatewayProfile,
} from 'nestjs-twpay/protocol';
import {
  ALLPAY,
  bnplOrder,
  ECPAY,
  periodicOrder,
  signed,
} from '../test/helpers/orders.js';
import { GATEWAY_ERROR_CODES as CODES } from './gateway-errors.js';
import { validateCheckoutOrder } from './order-validation.js';

const URLS = {
  returnUrl: 'https://shop.example.com/pay/return',
  periodReturnUrl: 'https://shop.example.com/pay/period',
};
const USED = { merchantId: ECPAY.merchantId, merchantTradeNo: 'USED0001' };

function validate(
  fields: Record<string, string>,
  profile: GatewayProfile = ECPAY_PROFILE,
) {
  return validateCheckoutOrder(Object.entries(fields), {
    profile,
    keysOf: (id) => [ECPAY, ALLPAY].find((m) => m.merchantId === id),
    isMerchantTradeNoUsed: (id, no) =>
      id === USED.merchantId && no === USED.merchantTradeNo,
  });
}

/** A periodic order with some fields changed (`undefined` removes a field), signed correctly. */
function periodic(
  changes: Record<string, string | undefined> = {},
  keys = ECPAY,
) {
  const fields: Record<string, string> = periodicOrder(URLS);
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete fields[name];
    else fields[name] = value;
  }
  return signed(fields, keys);
}

describe('validateCheckoutOrder', () => {
  it('accepts a well-formed periodic order and reads its terms', () => {
    const result = validate(
      periodic({ CustomField1: 'user:42', NeedExtraPaidInfo: 'Y' }),
    );
    expect(result).toMatchObject({
      ok: true,
      order: {
        gateway: 'ecpay',
        merchantId: '3002607',
        payment: 'Credit',
        totalAmount: 299,
        customFields: ['user:42', '', '', ''],
        needExtraPaidInfo: true,
        urls: { returnUrl: URLS.returnUrl },
        period: {
          periodType: 'M',
          frequency: 1,
          execTimes: 12,
          periodAmount: 299,
          periodReturnUrl: URLS.periodReturnUrl,
        },
      },
    });
  });

  it('accepts the same order at AllPay V4', () => {
    const fields = periodic({ MerchantID: ALLPAY.merchantId }, ALLPAY);
    expect(validate(fields, ALLPAY_PROFILE)).toMatchObject({
      ok: true,
      order: { gateway: 'allpay' },
    });
  });

  it('rejects a wrong CheckMacValue with the gateway error 10200073', () => {
    const fields = { ...periodic(), ItemName: 'changed after signing' };
    expect(validate(fields)).toEqual({
      ok: false,
      merchantId: '3002607',
      error: { code: '10200073', message: 'CheckMacValue Error' },
    });
  });

  it('rejects an order signed with another merchant\u2019s keys, or with MD5', () => {
    expect(validate(periodic({}, ALLPAY))).toMatchObject({
      error: { code: '10200073' },
    });
    const fields = periodicOrder(URLS);
    const md5 = { ...fields, CheckMacValue: 'A'.repeat(32) };
    expect(validate(md5)).toMatchObject({ error: { code: '10200073' } });
  });

  it('rejects an unknown MerchantID before looking at the MAC', () => {
    expect(validate(periodic({ MerchantID: '9999999' }))).toMatchObject({
      error: {
        code: CODES.UNKNOWN_MERCHANT,
        message: 'MerchantID 9999999 not found',
      },
    });
  });

  it('rejects a field posted twice', () => {
    const fields = Object.entries(periodic());
    const result = validateCheckoutOrder([...fields, ['ItemName', 'again']], {
      profile: ECPAY_PROFILE,
      keysOf: () => ECPAY,
      isMerchantTradeNoUsed: () => false,
    });
    expect(result).toMatchObject({
      error: { message: 'ItemName was posted more than once' },
    });
  });

  it('rejects a reused MerchantTradeNo with 10200047', () => {
    expect(
      validate(periodic({ MerchantTradeNo: USED.merchantTradeNo })),
    ).toMatchObject({
      error: {
        code: '10200047',
        message: expect.stringContaining('MerchantTradeNo 重複'),
      },
    });
  });

  it.each([
    'MerchantTradeNo',
    'MerchantTradeDate',
    'PaymentType',
    'TotalAmount',
    'TradeDesc',
    'ItemName',
    'ReturnURL',
    'ChoosePayment',
    'EncryptType',
  ])('requires %s', (name) => {
    expect(validate(periodic({ [name]: undefined }))).toMatchObject({
      error: { code: CODES.MISSING_FIELD, message: `${name} is required` },
    });
    expect(validate(periodic({ [name]: '' }))).toMatchObject({
      error: { code: CODES.MISSING_FIELD },
    });
  });

  it.each([['PeriodAmount'], ['PeriodType'], ['Frequency'], ['ExecTimes']])(
    'requires %s once any period field is present',
    (name) => {
      expect(validate(periodic({ [name]: undefined }))).toMatchObject({
        error: {
          code: CODES.MISSING_FIELD,
          message: `${name} is required for a periodic order`,
        },
      });
    },
  );

  it.each([
    [
      { MerchantTradeNo: 'A'.repeat(21) },
      'MerchantTradeNo at most 20 letters or digits',
    ],
    [
      { MerchantTradeNo: 'SUB-2024-01' },
      'MerchantTradeNo at most 20 letters or digits',
    ],
    [
      { MerchantTradeDate: '2024-03-01 10:00:00' },
      'MerchantTradeDate must be a date formatted yyyy/MM/dd HH:mm:ss',
    ],
    [
      { MerchantTradeDate: '2024/3/1 10:00:00' },
      'MerchantTradeDate must be a date',
    ],
    [
      { MerchantTradeDate: '2023/02/29 10:00:00' },
      'MerchantTradeDate must be a date',
    ],
    [{ PaymentType: 'AIO' }, 'PaymentType must be one of aio'],
    [
      { TotalAmount: '299.0', PeriodAmount: '299.0' },
      'TotalAmount must be a whole number above 0',
    ],
    [
      { TotalAmount: '0', PeriodAmount: '0' },
      'TotalAmount must be a whole number above 0',
    ],
    [
      { TotalAmount: '1,299', PeriodAmount: '1,299' },
      'TotalAmount must be a whole number above 0',
    ],
    [{ TradeDesc: 'x'.repeat(201) }, 'TradeDesc is longer than 200 characters'],
    [{ ItemName: '品'.repeat(401) }, 'ItemName is longer than 400 characters'],
    [
      { ReturnURL: 'shop.example.com/return' },
      'ReturnURL must be an absolute http(s) URL',
    ],
    [
      { ReturnURL: `https://example.com/${'a'.repeat(190)}` },
      'ReturnURL is longer than 200 characters',
    ],
    [{ EncryptType: '0' }, 'EncryptType must be one of 1'],
    [
      { OrderResultURL: 'ftp://example.com/x' },
      'OrderResultURL must be an absolute http(s) URL',
    ],
    [
      { ClientBackURL: 'not a url' },
      'ClientBackURL must be an absolute http(s) URL',
    ],
    [
      { PeriodReturnURL: '/pay/period' },
      'PeriodReturnURL must be an absolute http(s) URL',
    ],
    [{ StoreID: 'S'.repeat(21) }, 'StoreID is longer than 20 characters'],
    [{ Remark: 'r'.repeat(101) }, 'Remark is longer than 100 characters'],
    [{ NeedExtraPaidInfo: 'yes' }, 'NeedExtraPaidInfo must be one of Y, N'],
    [{ Language: 'FRA' }, 'Language must be one of ENG, KOR, JPN, CHI'],
    [
      { CustomField1: 'c'.repeat(51) },
      'CustomField1 is longer than 50 characters',
    ],
    [{ CustomField2: 'user_42' }, 'CustomField2 may hold only letters, digits'],
    [{ CustomField3: "it's" }, 'CustomField3 may hold only letters, digits'],
    [{ PeriodAmount: '299.00' }, 'PeriodAmount must be a whole number above 0'],
    [{ PeriodType: 'W' }, 'PeriodType must be one of D, M, Y'],
    [{ Frequency: '0' }, 'Frequency must be a whole number above 0'],
    [{ ExecTimes: 'twelve' }, 'ExecTimes must be a whole number above 0'],
  ])('rejects %p as malformed: %s', (changes, message) => {
    expect(validate(periodic(changes))).toMatchObject({
      ok: false,
      error: {
        code: CODES.MALFORMED_FIELD,
        message: expect.stringContaining(message),
      },
    });
  });

  it('limits ItemName to 200 characters at AllPay', () => {
    const fields = periodic(
      { MerchantID: ALLPAY.merchantId, ItemName: 'x'.repeat(201) },
      ALLPAY,
    );
    expect(validate(fields, ALLPAY_PROFILE)).toMatchObject({
      error: {
        code: CODES.MALFORMED_FIELD,
        message: 'ItemName is longer than 200 characters',
      },
    });
    const ok = periodic(
      { MerchantID: ALLPAY.merchantId, ItemName: 'x'.repeat(200) },
      ALLPAY,
    );
    expect(validate(ok, ALLPAY_PROFILE).ok).toBe(true);
  });

  it('does not check CustomField1-4 at AllPay, which has none', () => {
    const fields = periodic(
      { MerchantID: ALLPAY.merchantId, CustomField1: 'a_b' },
      ALLPAY,
    );
    expect(validate(fields, ALLPAY_PROFILE).ok).toBe(true);
  });

  it('requires PeriodAmount = TotalAmount', () => {
    expect(validate(periodic({ PeriodAmount: '300' }))).toMatchObject({
      error: {
        code: CODES.PERIOD_AMOUNT_MISMATCH,
        message: 'PeriodAmount must equal TotalAmount',
      },
    });
  });

  // ExecTimes: AllPay as documented, ECPay as its own error texts 10100226-8 state them.
  it.each([
    [ECPAY_PROFILE, 'D', '365', '999', undefined],
    [
      ECPAY_PROFILE,
      'D',
      '366',
      '12',
      'Frequency must be 1-365 when PeriodType=D',
    ],
    [
      ECPAY_PROFILE,
      'D',
      '1',
      '1000',
      'ExecTimes must be 2-999 when PeriodType=D',
    ],
    [ECPAY_PROFILE, 'M', '12', '999', undefined],
    [
      ECPAY_PROFILE,
      'M',
      '13',
      '12',
      'Frequency must be 1-12 when PeriodType=M',
    ],
    [
      ECPAY_PROFILE,
      'M',
      '1',
      '1000',
      'ExecTimes must be 2-999 when PeriodType=M',
    ],
    [ECPAY_PROFILE, 'M', '1', '1', 'ExecTimes must be 2-999 when PeriodType=M'],
    [ECPAY_PROFILE, 'Y', '1', '99', undefined],
    [ECPAY_PROFILE, 'Y', '2', '3', 'Frequency must be 1 when PeriodType=Y'],
    [
      ECPAY_PROFILE,
      'Y',
      '1',
      '100',
      'ExecTimes must be 2-99 when PeriodType=Y',
    ],
    [ALLPAY_PROFILE, 'D', '1', '999', undefined],
    [ALLPAY_PROFILE, 'M', '1', '99', undefined],
    [
      ALLPAY_PROFILE,
      'M',
      '1',
      '100',
      'ExecTimes must be 2-99 when PeriodType=M',
    ],
    [ALLPAY_PROFILE, 'Y', '1', '9', undefined],
    [ALLPAY_PROFILE, 'Y', '1', '10', 'ExecTimes must be 2-9 when PeriodType=Y'],
  ])(
    '%#: PeriodType=%s Frequency=%s ExecTimes=%s: %p',
    (profile, type, frequency, execTimes, expected) => {
      const merchant = profile === ALLPAY_PROFILE ? ALLPAY : ECPAY;
      const result = validate(
        periodic(
          {
            MerchantID: merchant.merchantId,
            PeriodType: type,
            Frequency: frequency,
            ExecTimes: execTimes,
          },
          merchant,
        ),
        profile,
      );
      expect(result.ok ? undefined : result.error.message).toBe(expected);
    },
  );

  it('requires ReturnURL to differ from OrderResultURL', () => {
    expect(
      validate(periodic({ OrderResultURL: URLS.returnUrl })),
    ).toMatchObject({
      error: {
        code: CODES.RETURN_URL_EQUALS_ORDER_RESULT_URL,
        message: 'ReturnURL must differ from OrderResultURL',
      },
    });
  });

  it('requires PeriodReturnURL on a periodic order', () => {
    expect(validate(periodic({ PeriodReturnURL: undefined }))).toMatchObject({
      error: {
        code: CODES.PERIOD_RETURN_URL_MISSING,
        message: 'PeriodReturnURL is required for a periodic order',
      },
    });
  });

  it.each([
    [
      { CreditInstallment: '3' },
      'CreditInstallment cannot be combined with a periodic order',
    ],
    [{ Redeem: 'Y' }, 'Redeem cannot be combined with a periodic order'],
    [{ UnionPay: '1' }, 'UnionPay cannot be combined with a periodic order'],
    [{ InvoiceMark: 'Y' }, 'InvoiceMark=Y (e-invoice) is not simulated'],
    [
      { PlatformID: '3002599' },
      'PlatformID (platform merchants) is not simulated',
    ],
    [
      { ChoosePayment: 'ALL' },
      'ChoosePayment=ALL is not simulated (Credit and BNPL only)',
    ],
  ])('refuses %p', (changes, message) => {
    expect(validate(periodic(changes))).toMatchObject({
      error: { code: CODES.UNSUPPORTED, message },
    });
  });

  it('accepts the inactive values of those options, and a one-off card order', () => {
    expect(
      validate(
        periodic({ CreditInstallment: '', Redeem: 'N', InvoiceMark: 'N' }),
      ).ok,
    ).toBe(true);
    const oneOff = periodic({
      PeriodAmount: undefined,
      PeriodType: undefined,
      Frequency: undefined,
      ExecTimes: undefined,
      PeriodReturnURL: undefined,
    });
    expect(validate(oneOff)).toMatchObject({
      ok: true,
      order: { period: undefined },
    });
  });

  describe('BNPL', () => {
    const urls = {
      returnUrl: URLS.returnUrl,
      paymentInfoUrl: 'https://shop.example.com/pay/info',
    };

    it('accepts NT$3,000 or more at ECPay', () => {
      expect(validate(signed(bnplOrder(urls)))).toMatchObject({
        ok: true,
        order: {
          payment: 'BNPL',
          totalAmount: 3000,
          urls: { paymentInfoUrl: urls.paymentInfoUrl },
        },
      });
    });

    it('rejects less than NT$3,000', () => {
      expect(
        validate(signed(bnplOrder(urls, { TotalAmount: '2999' }))),
      ).toMatchObject({
        error: {
          code: '10200105',
          message: 'TotalAmount must be at least 3000 for BNPL',
        },
      });
    });

    it('is not offered by AllPay', () => {
      const fields = signed(
        bnplOrder(urls, { MerchantID: ALLPAY.merchantId }),
        ALLPAY,
      );
      expect(validate(fields, ALLPAY_PROFILE)).toMatchObject({
        error: {
          code: '10300023',
          message: expect.stringContaining('本次交易未提供任何付款方式'),
        },
      });
    });

    it('cannot be periodic', () => {
      const fields = signed(bnplOrder(urls, { PeriodType: 'M' }));
      expect(validate(fields)).toMatchObject({
        error: {
          code: CODES.UNSUPPORTED,
          message: 'ChoosePayment=BNPL cannot carry periodic fields',
        },
      });
    });
  });
});
