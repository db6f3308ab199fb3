import request from 'supertest';
import { encodeFormBody, verifyCheckMacValue } from 'nestjs-twpay/protocol';
import {
  startMerchantReceiver,
  type MerchantReceiver,
} from './helpers/merchant-receiver.js';
import { ALLPAY, bnplOrder, ECPAY, signed } from './helpers/orders.js';
import { autoSubmitForm, startSimulatorApp } from './helpers/simulator-app.js';

/** Vector V8's field names: the BNPL application result (docs/gateway-protocol.md §8). */
const V8_FIELDS = [
  'BNPLInstallment',
  'BNPLTradeNo',
  'CustomField1',
  'CustomField2',
  'CustomField3',
  'CustomField4',
  'MerchantID',
  'MerchantTradeNo',
  'PaymentType',
  'RtnCode',
  'RtnMsg',
  'StoreID',
  'TradeAmt',
  'TradeDate',
  'TradeNo',
];

describe('BNPL (無卡分期)', () => {
  let gateway: Awaited<ReturnType<typeof startSimulatorApp>>;
  let merchant: MerchantReceiver;
  let urls: { returnUrl: string; paymentInfoUrl: string };

  beforeAll(async () => {
    [gateway, merchant] = await Promise.all([
      startSimulatorApp(),
      startMerchantReceiver(),
    ]);
    urls = {
      returnUrl: `${merchant.url}/return`,
      paymentInfoUrl: `${merchant.url}/info`,
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

  it('applies (PaymentInfoURL, V8 shape), then approval sends RtnCode=1 BNPL_URICH to ReturnURL', async () => {
    const order = bnplOrder(urls, { CustomField1: 'cart:7' });
    const applied = await request(gateway.server)
      .post('/simulator/api/checkout')
      .send({ fields: signed(order), bnpl: { installment: 6 } })
      .expect(200);
    expect(applied.body).toMatchObject({
      ok: true,
      rtnCode: '2',
      rtnMsg: '申請中',
    });
    const [info] = merchant.posts;
    expect(info.path).toBe('/info');
    expect(info.macValid).toBe(true);
    expect(Object.keys(info.fields).sort()).toEqual(
      [...V8_FIELDS, 'CheckMacValue'].sort(),
    );
    expect(info.fields).toMatchObject({
      BNPLInstallment: '6',
      BNPLTradeNo: expect.stringMatching(/^U20240301\d{5}$/),
      CustomField1: 'cart:7',
      MerchantTradeNo: order.MerchantTradeNo,
      PaymentType: 'BNPL_URICH',
      RtnCode: '2',
      RtnMsg: '申請中',
      TradeAmt: '3000',
      TradeDate: '2024/03/01 10:00:00',
      TradeNo: applied.body.tradeNo,
    });
    expect(merchant.at('/return')).toHaveLength(0);

    const approved = await request(gateway.server)
      .post(`/simulator/bnpl/${order.MerchantTradeNo}/approve`)
      .expect(200);
    expect(approved.body).toMatchObject({ ok: true, rtnCode: '1' });
    const [paid] = merchant.posts.filter((p) => p.path === '/return');
    expect(paid.macValid).toBe(true);
    expect(paid.fields).toMatchObject({
      RtnCode: '1',
      RtnMsg: '交易成功',
      PaymentType: 'BNPL_URICH',
      TradeAmt: '3000',
      TradeNo: applied.body.tradeNo,
      BNPLTradeNo: info.fields.BNPLTradeNo,
      CustomField1: 'cart:7',
    });

    const again = await request(gateway.server).post(
      `/simulator/bnpl/${order.MerchantTradeNo}/reject`,
    );
    expect(again.body).toMatchObject({
      ok: false,
      error: { code: '99100014' },
    });
  });

  it('a rejection sends a failure to ReturnURL', async () => {
    const order = bnplOrder(urls);
    await request(gateway.server)
      .post('/simulator/api/checkout')
      .send({ fields: signed(order), bnpl: { installment: 12 } })
      .expect(200);
    await request(gateway.server)
      .post(`/simulator/bnpl/${order.MerchantTradeNo}/reject`)
      .expect(200);
    expect(merchant.at('/return')).toMatchObject([
      { RtnCode: '10100058', PaymentType: 'BNPL_URICH' },
    ]);
  });

  it('re-sends an unacknowledged PaymentInfoURL like ReturnURL, keeping its RtnMsg', async () => {
    merchant.answer = () => ({ status: 200, body: 'OK' });
    const order = bnplOrder(urls);
    await request(gateway.server)
      .post('/simulator/api/checkout')
      .send({ fields: signed(order), bnpl: { installment: 3 } });
    await request(gateway.server)
      .post('/simulator/clock/advance')
      .send({ minutes: 60 });
    merchant.answer = () => ({ status: 200, body: '1|OK' });
    expect(merchant.at('/info').map((f) => f.RtnMsg)).toEqual(
      Array(5).fill('申請中'),
    );
  });

  it('in the browser: choose instalments, then the ClientRedirectURL post carries the application result', async () => {
    const order = bnplOrder(urls, {
      ClientRedirectURL: `${merchant.url}/client`,
    });
    const page = await postForm('/Cashier/AioCheckOut/V5', signed(order));
    expect(page.text).toContain('<select name="installment" id="installment">');
    const action = /action="([^"]+\/pay)"/.exec(page.text)![1];
    const res = await request(gateway.server)
      .post(action)
      .type('form')
      .send({ installment: '9' });
    const browser = autoSubmitForm(res.text);
    expect(browser.action).toBe(`${merchant.url}/client`);
    expect(browser.fields).toMatchObject({
      RtnCode: '2',
      BNPLInstallment: '9',
    });
    expect(verifyCheckMacValue(browser.fields, ECPAY).valid).toBe(true);
    expect(merchant.at('/info')).toHaveLength(1);
  });

  it('rejects BNPL under NT$3,000 and BNPL at AllPay V4', async () => {
    const low = await postForm(
      '/Cashier/AioCheckOut/V5',
      signed(bnplOrder(urls, { TotalAmount: '2999' })),
    );
    expect(low.text).toContain(
      '10200105 TotalAmount must be at least 3000 for BNPL',
    );
    const allpay = signed(
      bnplOrder(urls, { MerchantID: ALLPAY.merchantId }),
      ALLPAY,
    );
    const v4 = await postForm('/Cashier/AioCheckOut/V4', allpay);
    expect(v4.text).toContain('10300023 本次交易未提供任何付款方式');
  });

  it('answers 404 for an unknown application', async () => {
    const res = await request(gateway.server).post(
      '/simulator/bnpl/NOPE/approve',
    );
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'no order NOPE' });
  });
});
