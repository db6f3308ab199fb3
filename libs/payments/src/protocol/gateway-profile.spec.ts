import {
  ALLPAY_PROFILE,
  ECPAY_PROFILE,
  GATEWAY_PROFILES,
  gatewayApiUrl,
  type GatewayApiPaths,
} from './gateway-profile.js';

describe('gatewayApiUrl', () => {
  it.each<[string, keyof GatewayApiPaths, string, string]>([
    [
      'ecpay',
      'aioCheckOut',
      'stage',
      'https://payment-stage.ecpay.com.tw/Cashier/AioCheckOut/V5',
    ],
    [
      'ecpay',
      'aioCheckOut',
      'production',
      'https://payment.ecpay.com.tw/Cashier/AioCheckOut/V5',
    ],
    [
      'ecpay',
      'queryTradeInfo',
      'stage',
      'https://payment-stage.ecpay.com.tw/Cashier/QueryTradeInfo/V5',
    ],
    [
      'ecpay',
      'queryCreditCardPeriodInfo',
      'production',
      'https://payment.ecpay.com.tw/Cashier/QueryCreditCardPeriodInfo',
    ],
    [
      'ecpay',
      'creditCardPeriodAction',
      'stage',
      'https://payment-stage.ecpay.com.tw/Cashier/CreditCardPeriodAction',
    ],
    [
      'allpay',
      'aioCheckOut',
      'stage',
      'https://payment-stage.allpay.com.tw/Cashier/AioCheckOut/V4',
    ],
    [
      'allpay',
      'aioCheckOut',
      'production',
      'https://payment.allpay.com.tw/Cashier/AioCheckOut/V4',
    ],
    [
      'allpay',
      'queryTradeInfo',
      'production',
      'https://payment.allpay.com.tw/Cashier/QueryTradeInfo/V4',
    ],
    [
      'allpay',
      'queryCreditCardPeriodInfo',
      'stage',
      'https://payment-stage.allpay.com.tw/Cashier/QueryCreditCardPeriodInfo',
    ],
  ])('%s %s on %s is %s', (gateway, api, environment, url) => {
    const profile = gateway === 'ecpay' ? ECPAY_PROFILE : ALLPAY_PROFILE;
    expect(
      gatewayApiUrl(profile, api, {
        environment: environment as 'stage' | 'production',
      }),
    ).toBe(url);
  });

  it('puts the path on baseUrl instead when one is given, without doubling slashes', () => {
    expect(
      gatewayApiUrl(ECPAY_PROFILE, 'aioCheckOut', {
        baseUrl: 'http://localhost:3000/sim',
      }),
    ).toBe('http://localhost:3000/sim/Cashier/AioCheckOut/V5');
    expect(
      gatewayApiUrl(ALLPAY_PROFILE, 'queryTradeInfo', {
        baseUrl: 'http://127.0.0.1:4000//',
      }),
    ).toBe('http://127.0.0.1:4000/Cashier/QueryTradeInfo/V4');
  });

  it('is null for an API the gateway does not have (AllPay CreditCardPeriodAction)', () => {
    expect(
      gatewayApiUrl(ALLPAY_PROFILE, 'creditCardPeriodAction', {
        environment: 'stage',
      }),
    ).toBeNull();
    expect(
      gatewayApiUrl(ALLPAY_PROFILE, 'creditCardPeriodAction', {
        environment: 'production',
      }),
    ).toBeNull();
    expect(
      gatewayApiUrl(ALLPAY_PROFILE, 'creditCardPeriodAction', {
        baseUrl: 'http://x',
      }),
    ).toBeNull();
  });
});

describe('gateway profiles', () => {
  it('are listed by name', () => {
    expect(GATEWAY_PROFILES.allpay).toBe(ALLPAY_PROFILE);
    expect(GATEWAY_PROFILES.ecpay).toBe(ECPAY_PROFILE);
    expect(ALLPAY_PROFILE.name).toBe('allpay');
    expect(ECPAY_PROFILE.name).toBe('ecpay');
  });

  it('carry the public stage merchants and the per-gateway differences of docs/gateway-protocol.md §4, 5.2, 11.7', () => {
    expect(ECPAY_PROFILE.stageTestMerchant).toEqual({
      merchantId: '3002607',
      hashKey: 'pwFHCqoQZGmho4w6',
      hashIV: 'EkRm7iFT261dpevs',
    });
    expect(ALLPAY_PROFILE.stageTestMerchant).toEqual({
      merchantId: '2000132',
      hashKey: '5294y06JbISpM5x9',
      hashIV: 'v77hoKGq4kWxNNIS',
    });
    expect([
      ALLPAY_PROFILE.itemNameMaxLength,
      ECPAY_PROFILE.itemNameMaxLength,
    ]).toEqual([200, 400]);
    expect([
      ALLPAY_PROFILE.invoiceDonationNo,
      ECPAY_PROFILE.invoiceDonationNo,
    ]).toEqual(['2', '0']);
    expect([ALLPAY_PROFILE.supportsBnpl, ECPAY_PROFILE.supportsBnpl]).toEqual([
      false,
      true,
    ]);
  });
});
