import request from 'supertest';
import { encodeFormBody, verifyCheckMacValue } from 'nestjs-twpay/protocol';
import {
  startMerchantReceiver,
  type MerchantReceiver,
} from './helpers/merchant-receiver.js';
import {
  ALLPAY,
  APPROVED_CARD,
  DECLINED_CARD,
  ECPAY,
  periodicOrder,
  signed,
} from './helpers/orders.js';
import { autoSubmitForm, startSimulatorApp } from './helpers/simulator-app.js';

describe('checkout (AioCheckOut V4/V5)', () => {
  let gateway: Awaited<ReturnType<typeof startSimulatorApp>>;
  let merchant: MerchantReceiver;
  let urls: { returnUrl: string; periodReturnUrl: string };

  beforeAll(async () => {
    [gateway, merchant] = await Promise.all([
      startSimulatorApp(),
      startMerchantReceiver(),
    ]);
    urls = {
      returnUrl: `${merchant.url}/return`,
      periodReturnUrl: `${merchant.url}/period`,
    };
  });
  afterAll(async () => {
    await Promise.all([gateway.close(), merchant.close()]);
  });
  beforeEach(() => {
    merchant.posts.length = 0;
  });

  const postForm = (path: string, fields: Record<string, string>) =>
    request(gateway.server)
      .post(path)
      .type('form')
      .send(encodeFormBody(fields));

  it('answers a correctly signed V5 form with the card page', async () => {
    const order = periodicOrder(urls);
    const res = await postForm('/Cashier/AioCheckOut/V5', signed(order));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('ECPay (綠界) checkout');
    expect(res.text).toContain(order.MerchantTradeNo);
    expect(res.text).toMatch(/<input name="cardNumber" id="cardNumber"/);
    expect(res.text).toMatch(/<input name="expiry" id="expiry"/);
    expect(res.text).toMatch(/<input name="cvv" id="cvv"/);
    expect(res.text).toMatch(/action="\/simulator\/checkout\/[0-9a-f]+\/pay"/);
  });

  it('answers a correctly signed V4 form for the AllPay merchant', async () => {
    const order = periodicOrder(urls, { MerchantID: ALLPAY.merchantId });
    const res = await postForm(
      '/Cashier/AioCheckOut/V4',
      signed(order, ALLPAY),
    );
    expect(res.text).toContain('AllPay (歐付寶/O&#39;Pay) checkout');
  });

  it('shows the gateway error page 10200073 for a wrong CheckMacValue, with the masked canonical string', async () => {
    const fields = {
      ...signed(periodicOrder(urls)),
      TotalAmount: '300',
      PeriodAmount: '300',
    };
    const res = await postForm('/Cashier/AioCheckOut/V5', fields);
    expect(res.status).toBe(200);
    expect(res.text).toContain('10200073 CheckMacValue Error');
    expect(res.text).toContain('hashkey%3d***%26choosepayment%3dcredit');
    expect(res.text).not.toContain(ECPAY.hashKey);
  });

  it('hashes the exact raw bytes: a value with + and a leading space verifies', async () => {
    const order = periodicOrder(urls, {
      TradeDesc: ' a+b=c & 100%',
      ItemName: 'Plan "Pro" <b>',
    });
    const res = await postForm('/Cashier/AioCheckOut/V5', signed(order));
    expect(res.text).toContain('id="cardNumber"');
    expect(res.text).toContain('Plan &quot;Pro&quot; &lt;b&gt;');
  });

  it.each([
    [
      'MerchantTradeNo',
      { MerchantTradeNo: 'SUB-0001' },
      '99100002 MerchantTradeNo at most 20 letters or digits',
    ],
    [
      'MerchantTradeDate',
      { MerchantTradeDate: '2024-03-01 10:00' },
      '99100002 MerchantTradeDate must be a date',
    ],
    ['a missing field', { TradeDesc: '' }, '99100001 TradeDesc is required'],
    [
      'PaymentType',
      { PaymentType: 'Credit' },
      '99100002 PaymentType must be one of aio',
    ],
    [
      'ChoosePayment',
      { ChoosePayment: 'ATM' },
      '99100008 ChoosePayment=ATM is not simulated',
    ],
    [
      'EncryptType',
      { EncryptType: '0' },
      '99100002 EncryptType must be one of 1',
    ],
    [
      'an amount with decimals',
      { TotalAmount: '299.5', PeriodAmount: '299.5' },
      '99100002 TotalAmount must be a whole number',
    ],
    [
      'PeriodAmount = TotalAmount',
      { PeriodAmount: '300' },
      '99100003 PeriodAmount must equal TotalAmount',
    ],
    [
      'Frequency',
      { Frequency: '13' },
      '99100004 Frequency must be 1-12 when PeriodType=M',
    ],
    [
      'ExecTimes',
      { ExecTimes: '1000' },
      '99100005 ExecTimes must be 2-999 when PeriodType=M',
    ],
    [
      'ExecTimes at least 2',
      { PeriodType: 'Y', ExecTimes: '1' },
      '99100005 ExecTimes must be 2-99 when PeriodType=Y',
    ],
    [
      'ReturnURL vs OrderResultURL',
      { OrderResultURL: 'RETURN' },
      '99100006 ReturnURL must differ from OrderResultURL',
    ],
    [
      'PeriodReturnURL',
      { PeriodReturnURL: '' },
      '99100007 PeriodReturnURL is required for a periodic order',
    ],
    [
      'ItemName length',
      { ItemName: 'x'.repeat(401) },
      '99100002 ItemName is longer than 400 characters',
    ],
    [
      'CustomField symbols',
      { CustomField1: 'a|b' },
      '99100002 CustomField1 may hold only',
    ],
  ])('rejects %s with the gateway message', async (_rule, changes, message) => {
    const order: Record<string, string> = {
      ...periodicOrder(urls),
      ...changes,
    };
    if (order.OrderResultURL === 'RETURN')
      order.OrderResultURL = order.ReturnURL;
    const res = await postForm('/Cashier/AioCheckOut/V5', signed(order));
    expect(res.status).toBe(200);
    expect(res.text).toContain(message);
    expect(res.text).not.toContain('id="cardNumber"');
  });

  it('rejects an ItemName over 200 characters at AllPay V4 only', async () => {
    const long = 'x'.repeat(300);
    const v4 = signed(
      periodicOrder(urls, { MerchantID: ALLPAY.merchantId, ItemName: long }),
      ALLPAY,
    );
    expect((await postForm('/Cashier/AioCheckOut/V4', v4)).text).toContain(
      '99100002 ItemName is longer than 200 characters',
    );
    const v5 = signed(periodicOrder(urls, { ItemName: long }));
    expect((await postForm('/Cashier/AioCheckOut/V5', v5)).text).toContain(
      'id="cardNumber"',
    );
  });

  it('never accepts a MerchantTradeNo twice, even after a failed checkout', async () => {
    const order = signed(periodicOrder(urls));
    await postForm('/Cashier/AioCheckOut/V5', order);
    const res = await postForm('/Cashier/AioCheckOut/V5', order);
    expect(res.text).toContain('10200047 MerchantTradeNo 重複');
  });

  it('answers 404 for an unknown AioCheckOut version', async () => {
    const res = await postForm(
      '/Cashier/AioCheckOut/V3',
      signed(periodicOrder(urls)),
    );
    expect(res.status).toBe(404);
  });

  it('pays in the browser: ReturnURL is notified first, then the browser posts to OrderResultURL', async () => {
    const order = periodicOrder(urls, {
      OrderResultURL: `${merchant.url}/result`,
    });
    const page = await postForm('/Cashier/AioCheckOut/V5', signed(order));
    const action = /action="([^"]+\/pay)"/.exec(page.text)![1];
    const res = await request(gateway.server)
      .post(action)
      .type('form')
      .send({ cardNumber: '4311 9522 2222 2222', expiry: '12/30', cvv: '222' });
    const [returnPost] = merchant.posts;
    expect(returnPost).toMatchObject({ path: '/return', macValid: true });
    expect(returnPost.headers['content-type']).toBe(
      'application/x-www-form-urlencoded',
    );
    expect(returnPost.headers.accept).toBe('text/html');
    expect(returnPost.fields).toMatchObject({
      MerchantID: '3002607',
      MerchantTradeNo: order.MerchantTradeNo,
      RtnCode: '1',
      RtnMsg: '交易成功',
      TradeAmt: '299',
      PaymentType: 'Credit_CreditCard',
      PaymentDate: '2024/03/01 10:00:00',
      SimulatePaid: '0',
      CustomField1: '',
    });
    const browser = autoSubmitForm(res.text);
    expect(browser.action).toBe(`${merchant.url}/result`);
    expect(browser.fields).toMatchObject({
      RtnCode: '1',
      RtnMsg: 'Succeeded',
      TradeNo: returnPost.fields.TradeNo,
    });
    expect(verifyCheckMacValue(browser.fields, ECPAY).valid).toBe(true);
  });

  it('sends card input it cannot accept back to the form with a message', async () => {
    const page = await postForm(
      '/Cashier/AioCheckOut/V5',
      signed(periodicOrder(urls)),
    );
    const action = /action="([^"]+\/pay)"/.exec(page.text)![1];
    const res = await request(gateway.server)
      .post(action)
      .type('form')
      .send({ cardNumber: '4311952222222222', expiry: '02/24', cvv: '222' });
    expect(res.text).toContain('id="message"');
    expect(res.text).toContain('The card has expired');
    expect(res.text).toContain('id="cardNumber"');
    expect(merchant.posts).toHaveLength(0);
  });

  it('shows its own result page with a link to ClientBackURL when there is no OrderResultURL', async () => {
    const order = periodicOrder(urls, {
      ClientBackURL: 'https://shop.example.com/back?a=1&b=2',
    });
    const page = await postForm('/Cashier/AioCheckOut/V5', signed(order));
    const action = /action="([^"]+\/pay)"/.exec(page.text)![1];
    const res = await request(gateway.server).post(action).type('form').send({
      cardNumber: DECLINED_CARD.number,
      expiry: DECLINED_CARD.expiry,
      cvv: DECLINED_CARD.cvv,
    });
    expect(res.text).toContain('Payment failed');
    expect(res.text).toContain(
      'href="https://shop.example.com/back?a=1&amp;b=2"',
    );
    expect(merchant.at('/return')[0]).toMatchObject({ RtnCode: '10100058' });
    // The page can be shown again, but the order cannot be paid again.
    const again = await request(gateway.server).post(action).type('form').send({
      cardNumber: APPROVED_CARD.number,
      expiry: APPROVED_CARD.expiry,
      cvv: APPROVED_CARD.cvv,
    });
    expect(again.text).toContain('99100014');
    const checkoutPath = action.replace(/\/pay$/, '');
    expect((await request(gateway.server).get(checkoutPath)).text).toContain(
      'Payment failed',
    );
  });

  it('pays through the JSON twin and reports the ReturnURL delivery with the merchant\u2019s answer', async () => {
    const order = periodicOrder(urls, {
      NeedExtraPaidInfo: 'Y',
      CustomField2: 'user:42',
    });
    const res = await request(gateway.server)
      .post('/simulator/api/checkout')
      .send({
        action: `${gateway.url}/Cashier/AioCheckOut/V5`,
        fields: signed(order),
        card: APPROVED_CARD,
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ok: true,
      merchantTradeNo: order.MerchantTradeNo,
      tradeNo: expect.stringMatching(/^\d{16}$/),
      rtnCode: '1',
      deliveries: [
        {
          channel: 'ReturnURL',
          url: urls.returnUrl,
          status: 'acknowledged',
          attempts: [
            {
              number: 1,
              answer: { status: 200, body: '1|OK', acknowledged: true },
            },
          ],
        },
      ],
    });
    const [post] = merchant.at('/return');
    expect(verifyCheckMacValue(post, ECPAY).valid).toBe(true);
    expect(post).toMatchObject({
      CustomField2: 'user:42',
      gwsr: expect.stringMatching(/^\d+$/),
      auth_code: '777777',
      card4no: '2222',
      card6no: '431195',
      PeriodType: 'M',
      TotalSuccessTimes: '1',
      TotalSuccessAmount: '299',
    });
  });

  it('echoes no CustomField in AllPay notifications, and returns the signed browser post', async () => {
    const order = periodicOrder(urls, {
      MerchantID: ALLPAY.merchantId,
      OrderResultURL: `${merchant.url}/result`,
    });
    const res = await request(gateway.server)
      .post('/simulator/api/checkout')
      .send({
        action: 'V4',
        fields: signed(order, ALLPAY),
        card: APPROVED_CARD,
      });
    expect(res.body.ok).toBe(true);
    const [post] = merchant.posts;
    expect(post.macValid).toBe(true);
    expect(
      Object.keys(post.fields).filter((k) => k.startsWith('CustomField')),
    ).toEqual([]);
    const { browserPost } = res.body;
    expect(browserPost.url).toBe(`${merchant.url}/result`);
    expect(browserPost.fields).toMatchObject({
      MerchantID: ALLPAY.merchantId,
      RtnMsg: 'Succeeded',
    });
    expect(verifyCheckMacValue(browserPost.fields, ALLPAY).valid).toBe(true);
  });

  it('answers the JSON twin with the gateway error, or 400 for a malformed request', async () => {
    const bad = await request(gateway.server)
      .post('/simulator/api/checkout')
      .send({
        fields: { ...signed(periodicOrder(urls)), ItemName: 'changed' },
      });
    expect(bad.body).toEqual({
      ok: false,
      error: { code: '10200073', message: 'CheckMacValue Error' },
      deliveries: [],
    });
    const malformed = await request(gateway.server)
      .post('/simulator/api/checkout')
      .send({ fields: { TotalAmount: 299 } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatch(/fields.TotalAmount must be a string/);
  });
});
