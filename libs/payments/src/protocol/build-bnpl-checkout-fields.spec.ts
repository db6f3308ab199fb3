import {
  buildBnplCheckoutFields,
  type BnplCheckoutContext,
} from './build-bnpl-checkout-fields.js';

const context: BnplCheckoutContext = {
  merchantId: '3002607',
  merchantTradeNo: 'BNPL20240301001',
  // 2024/03/01 12:00:00 in Asia/Taipei.
  tradeDate: new Date('2024-03-01T04:00:00Z'),
  returnUrl: 'https://shop.example.com/payments/notify/return',
  paymentInfoUrl: 'https://shop.example.com/payments/notify/payment-info',
  clientRedirectUrl: 'https://shop.example.com/payments/redirect/client',
};

describe('buildBnplCheckoutFields', () => {
  it('posts the AioCheckOut/V5 fields with ChoosePayment=BNPL and the three callback URLs, in order', () => {
    expect(
      buildBnplCheckoutFields(
        { totalAmount: 3000, itemName: 'Road bike#Helmet' },
        context,
      ),
    ).toEqual([
      ['MerchantID', '3002607'],
      ['MerchantTradeNo', 'BNPL20240301001'],
      ['MerchantTradeDate', '2024/03/01 12:00:00'],
      ['PaymentType', 'aio'],
      ['TotalAmount', '3000'],
      ['TradeDesc', 'Road bike'],
      ['ItemName', 'Road bike#Helmet'],
      ['ReturnURL', 'https://shop.example.com/payments/notify/return'],
      ['ChoosePayment', 'BNPL'],
      ['EncryptType', '1'],
      [
        'PaymentInfoURL',
        'https://shop.example.com/payments/notify/payment-info',
      ],
      [
        'ClientRedirectURL',
        'https://shop.example.com/payments/redirect/client',
      ],
    ]);
  });

  it('adds StoreID, PlatformID and CustomField1..n only when set', () => {
    const fields = buildBnplCheckoutFields(
      {
        totalAmount: 4500,
        itemName: 'Road bike',
        tradeDesc: 'Bike shop',
        storeId: 'S01',
        customFields: ['user:42', ''],
      },
      { ...context, platformId: '3002599' },
    );
    expect(fields.slice(5, 6)).toEqual([['TradeDesc', 'Bike shop']]);
    expect(fields.slice(12)).toEqual([
      ['StoreID', 'S01'],
      ['PlatformID', '3002599'],
      ['CustomField1', 'user:42'],
      ['CustomField2', ''],
    ]);
  });
});
