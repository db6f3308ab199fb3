import {
  buildPeriodicCheckoutFields,
  type PeriodicCheckoutContext,
  type PeriodicCheckoutOrder,
} from './build-periodic-checkout-fields.js';
import { checkMacValue } from './check-mac-value.js';
import type { GatewayFieldList } from './gateway-fields.js';
import {
  ALLPAY_PROFILE,
  ECPAY_PROFILE,
  type GatewayProfile,
} from './gateway-profile.js';
import type { PeriodicInvoice } from './periodic-invoice-fields.js';
import { vector } from '../../test/support/mac-vectors.js';

const REQUIRED_NAMES = [
  'MerchantID',
  'MerchantTradeNo',
  'MerchantTradeDate',
  'PaymentType',
  'TotalAmount',
  'TradeDesc',
  'ItemName',
  'ReturnURL',
  'ChoosePayment',
  'EncryptType',
  'PeriodAmount',
  'PeriodType',
  'Frequency',
  'ExecTimes',
  'PeriodReturnURL',
];

function contextFor(
  profile: GatewayProfile,
  patch: Partial<PeriodicCheckoutContext> = {},
) {
  return {
    profile,
    merchantId: profile.stageTestMerchant.merchantId,
    merchantTradeNo: 'SUB20240101A0001',
    tradeDate: new Date('2024-01-01T00:00:00Z'),
    returnUrl: 'https://example.com/pay/return',
    periodReturnUrl: 'https://example.com/pay/period',
    ...patch,
  };
}

const monthly = {
  periodAmount: 299,
  periodType: 'M',
  frequency: 1,
  execTimes: 12,
} as const;
const names = (fields: GatewayFieldList) => fields.map(([name]) => name);
const valueOf = (fields: GatewayFieldList, name: string) =>
  fields.find(([n]) => n === name)?.[1];

describe('buildPeriodicCheckoutFields: published vectors', () => {
  it('reproduces V4 (AllPay, minimal periodic order) field for field and its CheckMacValue', () => {
    const v4 = vector('V4');
    const fields = buildPeriodicCheckoutFields(
      {
        ...monthly,
        itemName: '專業版 月費 x 1#Setup-fee_waived *promo*',
        tradeDesc: '月訂閱 (Pro) 方案!',
      },
      contextFor(ALLPAY_PROFILE, {
        merchantTradeNo: 'SUB20240101A0001',
        tradeDate: new Date('2024-01-01T00:00:00Z'),
        returnUrl: 'https://example.com/allpay/return',
        periodReturnUrl: 'https://example.com/allpay/period',
      }),
    );
    expect(names(fields)).toEqual(REQUIRED_NAMES);
    expect(Object.fromEntries(fields)).toEqual(v4.fields);
    expect(checkMacValue(fields, v4)).toBe(v4.checkMacValue);
  });

  it('reproduces V13 (ECPay, InvoiceMark=Y, two items, encoded fields) field for field and its CheckMacValue', () => {
    const v13 = vector('V13');
    const fields = buildPeriodicCheckoutFields(
      {
        ...monthly,
        itemName: 'Pro plan 299 NTD x 1',
        tradeDesc: 'Monthly plan',
        invoice: {
          customerName: '王小明',
          customerAddr: '臺北市南港區三重路19-2號6樓 (D棟)',
          customerPhone: '0912345678',
          customerEmail: 'buyer+1@example.com',
          taxType: '1',
          print: '1',
          items: [
            {
              name: 'Pro plan (monthly)',
              count: 1,
              word: '月',
              price: 249,
              taxType: '1',
            },
            { name: 'Setup fee', count: 1, word: '次', price: 50 },
          ],
          invoiceRemark: 'Sub #1',
          delayDay: 0,
          invType: '07',
        },
      },
      contextFor(ECPAY_PROFILE, {
        merchantTradeNo: 'SUBINV0001',
        tradeDate: new Date('2024-03-01T02:00:00Z'),
        returnUrl: 'https://example.com/pay/return',
        periodReturnUrl: 'https://example.com/pay/period',
      }),
    );
    expect(new Set(names(fields)).size).toBe(fields.length);
    expect(Object.fromEntries(fields)).toEqual(v13.fields);
    // The fixture lists the order fields alphabetically and the invoice fields in docs/gateway-protocol.md §11.2's order.
    expect(names(fields).slice(REQUIRED_NAMES.length)).toEqual(
      Object.keys(v13.fields).slice(REQUIRED_NAMES.length),
    );
    expect(checkMacValue(fields, v13)).toBe(v13.checkMacValue);
  });
});

/** A minimal monthly order with the given fields. */
function orderOf(input: Partial<PeriodicCheckoutOrder>): PeriodicCheckoutOrder {
  return { ...monthly, itemName: 'Pro', ...input };
}

const optionalFields = (fields: GatewayFieldList) =>
  fields.slice(REQUIRED_NAMES.length);

describe('buildPeriodicCheckoutFields: order fields', () => {
  it('posts only the 15 required fields for a minimal order, integers as plain decimals', () => {
    const fields = buildPeriodicCheckoutFields(
      orderOf({
        periodAmount: 9_007_199_254_740_991,
        periodType: 'D',
        frequency: 365,
        execTimes: 999,
      }),
      contextFor(ECPAY_PROFILE),
    );
    expect(names(fields)).toEqual(REQUIRED_NAMES);
    expect(valueOf(fields, 'TotalAmount')).toBe('9007199254740991');
    expect(valueOf(fields, 'PeriodAmount')).toBe('9007199254740991');
    expect(valueOf(fields, 'Frequency')).toBe('365');
    expect(valueOf(fields, 'ExecTimes')).toBe('999');
    expect(valueOf(fields, 'MerchantTradeDate')).toBe('2024/01/01 08:00:00');
  });

  it('posts every AllPay option in a fixed order after the required fields', () => {
    const fields = buildPeriodicCheckoutFields(
      orderOf({
        storeId: 'S01',
        clientBackUrl: 'https://shop.example/back',
        itemUrl: 'https://shop.example/pro',
        remark: 'r',
        browserResult: false,
        needExtraPaidInfo: true,
        deviceSource: 'M',
        platformId: 'P01',
        language: 'ENG',
        expireTime: new Date('2024-01-02T04:05:06Z'),
      }),
      contextFor(ALLPAY_PROFILE, {
        orderResultUrl: 'https://example.com/pay/result',
      }),
    );
    expect(optionalFields(fields)).toEqual([
      ['StoreID', 'S01'],
      ['ClientBackURL', 'https://shop.example/back'],
      ['ItemURL', 'https://shop.example/pro'],
      ['Remark', 'r'],
      ['NeedExtraPaidInfo', 'Y'],
      ['DeviceSource', 'M'],
      ['PlatformID', 'P01'],
      ['Language', 'ENG'],
      ['ExpireTime', '2024/01/02 12:05:06'],
    ]);
  });

  it('posts ECPay options: OrderResultURL by default, NeedExtraPaidInfo=N, CustomField1..n', () => {
    const fields = buildPeriodicCheckoutFields(
      orderOf({
        needExtraPaidInfo: false,
        language: 'KOR',
        customFields: ['user:42', ''],
      }),
      contextFor(ECPAY_PROFILE, {
        orderResultUrl: 'https://example.com/pay/result',
      }),
    );
    expect(optionalFields(fields)).toEqual([
      ['OrderResultURL', 'https://example.com/pay/result'],
      ['NeedExtraPaidInfo', 'N'],
      ['Language', 'KOR'],
      ['CustomField1', 'user:42'],
      ['CustomField2', ''],
    ]);
  });

  it('leaves OrderResultURL out when browserResult is false', () => {
    const fields = buildPeriodicCheckoutFields(
      orderOf({ browserResult: false }),
      contextFor(ECPAY_PROFILE, {
        orderResultUrl: 'https://example.com/pay/result',
      }),
    );
    expect(names(fields)).toEqual(REQUIRED_NAMES);
  });

  it('posts an ExpireTime string as given', () => {
    const fields = buildPeriodicCheckoutFields(
      orderOf({ expireTime: '2024/01/03 00:00:00' }),
      contextFor(ALLPAY_PROFILE),
    );
    expect(valueOf(fields, 'ExpireTime')).toBe('2024/01/03 00:00:00');
  });

  it.each([
    ['the first line of itemName', 'Pro plan#Setup fee', 'Pro plan'],
    ['the first non-empty line', ' #Pro plan', 'Pro plan'],
    ['cut to 200 characters', '專'.repeat(250) + '#x', '專'.repeat(200)],
  ])('defaults TradeDesc to %s', (_case, itemName, tradeDesc) => {
    const fields = buildPeriodicCheckoutFields(
      orderOf({ itemName }),
      contextFor(ECPAY_PROFILE),
    );
    expect(valueOf(fields, 'TradeDesc')).toBe(tradeDesc);
    expect(valueOf(fields, 'ItemName')).toBe(itemName);
  });

  it.each([
    ['the configured one', undefined, 'CFG', 'CFG'],
    ["the DTO's", 'DTO', undefined, 'DTO'],
    ['both when equal', 'SAME', 'SAME', 'SAME'],
  ])('posts PlatformID from %s', (_case, fromDto, configured, posted) => {
    const fields = buildPeriodicCheckoutFields(
      orderOf({ platformId: fromDto }),
      contextFor(ECPAY_PROFILE, { platformId: configured }),
    );
    expect(valueOf(fields, 'PlatformID')).toBe(posted);
  });
});

describe('buildPeriodicCheckoutFields: invoice fields', () => {
  // taxType 1, delayDay 0 and invType 07 are what a validated PeriodicInvoiceDto carries by default.
  const invoiceOrder = (invoice: Partial<PeriodicInvoice>) =>
    orderOf({
      invoice: {
        taxType: '1',
        print: '0',
        carrierType: '1',
        customerEmail: 'a@b.co',
        items: [{ name: 'Pro', count: 1, word: '月', price: 299 }],
        delayDay: 0,
        invType: '07',
        ...invoice,
      },
    });
  const invoiceFields = (fields: GatewayFieldList) =>
    Object.fromEntries(
      fields.slice(fields.findIndex(([name]) => name === 'InvoiceMark')),
    );

  it.each([
    ['allpay', ALLPAY_PROFILE, '2'],
    ['ecpay', ECPAY_PROFILE, '0'],
  ])(
    'defaults Donation to the "do not donate" value of %s',
    (_name, profile, no) => {
      const fields = buildPeriodicCheckoutFields(
        invoiceOrder({}),
        contextFor(profile),
      );
      expect(valueOf(fields, 'Donation')).toBe(no);
    },
  );

  it('posts InvoiceMark=Y and all 22 fields, empty strings for unused ones', () => {
    const fields = buildPeriodicCheckoutFields(
      invoiceOrder({}),
      contextFor(ECPAY_PROFILE),
    );
    expect(invoiceFields(fields)).toEqual({
      InvoiceMark: 'Y',
      RelateNumber: 'SUB20240101A0001',
      CustomerID: '',
      CustomerIdentifier: '',
      CustomerName: '',
      CustomerAddr: '',
      CustomerPhone: '',
      CustomerEmail: 'a%40b.co',
      ClearanceMark: '',
      TaxType: '1',
      CarruerType: '1',
      CarruerNum: '',
      Donation: '0',
      LoveCode: '',
      Print: '0',
      InvoiceItemName: 'Pro',
      InvoiceItemCount: '1',
      InvoiceItemWord: '%e6%9c%88',
      InvoiceItemPrice: '299',
      InvoiceItemTaxType: '1',
      InvoiceRemark: '',
      DelayDay: '0',
      InvType: '07',
    });
  });

  it('joins the item lists with | before encoding, keeps letter case, and defaults item tax types', () => {
    const fields = buildPeriodicCheckoutFields(
      invoiceOrder({
        relateNumber: 'INV-1',
        taxType: '2',
        clearanceMark: '1',
        customerName: 'AcmeCo',
        delayDay: 15,
        items: [
          { name: 'Big Box', count: 2, word: 'Box', price: 100 },
          { name: 'Tape!', count: 99, word: '卷', price: 1 },
        ],
      }),
      contextFor(ECPAY_PROFILE),
    );
    expect(invoiceFields(fields)).toMatchObject({
      RelateNumber: 'INV-1',
      CustomerName: 'AcmeCo',
      ClearanceMark: '1',
      TaxType: '2',
      InvoiceItemName: 'Big+Box%7cTape!',
      InvoiceItemCount: '2|99',
      InvoiceItemWord: 'Box%7c%e5%8d%b7',
      InvoiceItemPrice: '100|1',
      InvoiceItemTaxType: '2|2',
      DelayDay: '15',
    });
  });

  it('keeps per-item tax types for taxType 9 and posts a mobile barcode raw', () => {
    const fields = buildPeriodicCheckoutFields(
      invoiceOrder({
        taxType: '9',
        carrierType: '3',
        carrierNum: '/AB+C-12',
        items: [
          { name: 'A', count: 1, word: 'x', price: 249, taxType: '1' },
          { name: 'B', count: 1, word: 'x', price: 50, taxType: '3' },
        ],
      }),
      contextFor(ECPAY_PROFILE),
    );
    expect(valueOf(fields, 'InvoiceItemTaxType')).toBe('1|3');
    expect(valueOf(fields, 'CarruerNum')).toBe('/AB+C-12');
  });
});
