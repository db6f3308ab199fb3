import request from 'supertest';
import {
  startMerchantReceiver,
  type MerchantReceiver,
} from './helpers/merchant-receiver.js';
import {
  APPROVED_CARD,
  ECPAY,
  periodicOrder,
  signed,
} from './helpers/orders.js';
import { signedQuery, startSimulatorApp } from './helpers/simulator-app.js';

describe('periodic agreements on the virtual clock', () => {
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
  beforeEach(async () => {
    await request(gateway.server).post('/simulator/reset').expect(200);
    merchant.posts.length = 0;
    merchant.answer = () => ({ status: 200, body: '1|OK' });
  });

  /** Checks out and pays a periodic order through the JSON API; returns its MerchantTradeNo. */
  async function subscribe(
    overrides: Record<string, string> = {},
  ): Promise<string> {
    const order = periodicOrder(urls, overrides);
    const res = await request(gateway.server)
      .post('/simulator/api/checkout')
      .send({ action: 'V5', fields: signed(order), card: APPROVED_CARD })
      .expect(200);
    expect(res.body.ok).toBe(true);
    return order.MerchantTradeNo;
  }

  const advance = (step: Record<string, number>) =>
    request(gateway.server)
      .post('/simulator/clock/advance')
      .send(step)
      .expect(200);

  const periodInfo = async (merchantTradeNo: string) =>
    (
      await request(gateway.server)
        .post('/Cashier/QueryCreditCardPeriodInfo')
        .type('form')
        .send(
          signedQuery({
            MerchantID: ECPAY.merchantId,
            MerchantTradeNo: merchantTradeNo,
          }),
        )
        .expect(200)
    ).body;

  it('advancing 11 months sends 11 PeriodReturnURL posts, TotalSuccessTimes 2..12, then ExecStatus 2', async () => {
    const merchantTradeNo = await subscribe();
    const res = await advance({ months: 11 });
    expect(res.body.clock.taipei).toBe('2025/02/01 10:00:00');
    expect(res.body.authorizations).toHaveLength(11);
    const posts = merchant.posts.filter((p) => p.path === '/period');
    expect(posts).toHaveLength(11);
    expect(posts.every((p) => p.macValid)).toBe(true);
    expect(posts.map((p) => p.fields.TotalSuccessTimes)).toEqual([
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      '12',
    ]);
    const gwsrs = posts.map((p) => Number(p.fields.Gwsr));
    expect(gwsrs).toEqual([...gwsrs].sort((a, b) => a - b));
    expect(new Set(gwsrs).size).toBe(11);
    expect(posts[0].fields).toMatchObject({
      MerchantTradeNo: merchantTradeNo,
      RtnCode: '1',
      RtnMsg: '交易成功',
      PeriodType: 'M',
      Frequency: '1',
      ExecTimes: '12',
      Amount: '299',
      FirstAuthAmount: '299',
      AuthCode: '777777',
      ProcessDate: '2024/04/01 10:00:00',
      SimulatePaid: '0',
      StoreID: '',
      CustomField1: '',
    });
    expect(posts[0].fields).not.toHaveProperty('TradeNo');
    const info = await periodInfo(merchantTradeNo);
    expect(info).toMatchObject({
      ExecStatus: '2',
      TotalSuccessTimes: 12,
      TotalSuccessAmount: 3588,
    });
    expect(info.ExecLog).toHaveLength(12);
    await advance({ months: 2 });
    expect(merchant.posts.filter((p) => p.path === '/period')).toHaveLength(11);
  });

  it('re-sends an unacknowledged ReturnURL 4 times with RtnMsg=paid, then stops', async () => {
    merchant.answer = () => ({ status: 200, body: '0|err' });
    await subscribe();
    expect(merchant.at('/return').map((f) => f.RtnMsg)).toEqual(['交易成功']);
    const res = await advance({ minutes: 60 });
    expect(merchant.at('/return').map((f) => f.RtnMsg)).toEqual([
      '交易成功',
      'paid',
      'paid',
      'paid',
      'paid',
    ]);
    expect(merchant.posts.every((p) => p.macValid)).toBe(true);
    expect(res.body.deliveries).toMatchObject([
      {
        channel: 'ReturnURL',
        status: 'unacknowledged',
        attempts: [2, 3, 4, 5].map((number) => ({
          number,
          rtnMsg: 'paid',
          answer: { status: 200, body: '0|err', acknowledged: false },
        })),
      },
    ]);
    await advance({ days: 1 });
    expect(merchant.at('/return')).toHaveLength(5);
  });

  it('counts only HTTP 200 with exactly 1|OK as an acknowledgement', async () => {
    merchant.answer = () => ({ status: 201, body: '1|OK' });
    await subscribe();
    await advance({ minutes: 10 });
    expect(merchant.at('/return')).toHaveLength(2);
    merchant.answer = () => ({ status: 200, body: '1|OK\n' });
    await advance({ minutes: 10 });
    expect(merchant.at('/return')).toHaveLength(3);
    merchant.answer = () => ({ status: 200, body: '1|OK' });
    await advance({ minutes: 30 });
    expect(merchant.at('/return')).toHaveLength(4);
  });

  it('sends a PeriodReturnURL post once, even when the merchant does not acknowledge it', async () => {
    await subscribe();
    merchant.answer = (post) =>
      post.path === '/period'
        ? { status: 500, body: 'oops' }
        : { status: 200, body: '1|OK' };
    await advance({ months: 1 });
    await advance({ days: 7 });
    expect(merchant.at('/period')).toHaveLength(1);
    const state = (await request(gateway.server).get('/simulator/api/state'))
      .body;
    const period = state.deliveries.find(
      (d: { channel: string }) => d.channel === 'PeriodReturnURL',
    );
    expect(period).toMatchObject({
      status: 'unacknowledged',
      maxAttempts: 1,
      attempts: [{ answer: { status: 500, body: 'oops' } }],
    });
  });

  it('stops the agreement after six consecutive declines (ExecStatus 0)', async () => {
    const merchantTradeNo = await subscribe();
    await request(gateway.server)
      .post('/simulator/faults')
      .send({ declineNextCharges: 6 })
      .expect(200);
    await advance({ months: 8 });
    const posts = merchant.at('/period');
    expect(posts.map((p) => p.RtnCode)).toEqual(Array(6).fill('10100058'));
    expect(posts.map((p) => p.TotalSuccessTimes)).toEqual(Array(6).fill('1'));
    const info = await periodInfo(merchantTradeNo);
    expect(info.ExecStatus).toBe('0');
    expect(info.ExecLog.map((e: { RtnCode: number }) => e.RtnCode)).toEqual([
      1,
      ...Array(6).fill(10100058),
    ]);
  });

  it('applies notification faults over HTTP: reorder and corrupt', async () => {
    await subscribe();
    await request(gateway.server)
      .post('/simulator/faults')
      .send({ reorderNextPeriodNotifications: 2, corruptNextMacs: 1 })
      .expect(200);
    await advance({ months: 3 });
    const posts = merchant.posts.filter((p) => p.path === '/period');
    expect(posts.map((p) => p.fields.TotalSuccessTimes)).toEqual([
      '3',
      '2',
      '4',
    ]);
    expect(posts.map((p) => p.macValid)).toEqual([false, true, true]);
  });

  it('lets a dropped period post be found only through QueryCreditCardPeriodInfo', async () => {
    const merchantTradeNo = await subscribe();
    await request(gateway.server)
      .post('/simulator/faults')
      .send({ dropNextNotifications: 1 })
      .expect(200);
    await advance({ months: 1 });
    expect(merchant.at('/period')).toHaveLength(0);
    const info = await periodInfo(merchantTradeNo);
    expect(info.TotalSuccessTimes).toBe(2);
    expect(info.ExecLog).toHaveLength(2);
  });
});
