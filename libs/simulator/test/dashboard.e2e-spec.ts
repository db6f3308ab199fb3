import request from 'supertest';
import { encodeFormBody } from 'nestjs-twpay/protocol';
import {
  startMerchantReceiver,
  type MerchantReceiver,
} from './helpers/merchant-receiver.js';
import {
  APPROVED_CARD,
  bnplOrder,
  periodicOrder,
  signed,
} from './helpers/orders.js';
import { startSimulatorApp } from './helpers/simulator-app.js';

describe('dashboard and control API', () => {
  let gateway: Awaited<ReturnType<typeof startSimulatorApp>>;
  let merchant: MerchantReceiver;
  let urls: {
    returnUrl: string;
    periodReturnUrl: string;
    paymentInfoUrl: string;
  };

  beforeAll(async () => {
    [gateway, merchant] = await Promise.all([
      startSimulatorApp(),
      startMerchantReceiver(),
    ]);
    urls = {
      returnUrl: `${merchant.url}/return`,
      periodReturnUrl: `${merchant.url}/period`,
      paymentInfoUrl: `${merchant.url}/info`,
    };
  });
  afterAll(async () => {
    await Promise.all([gateway.close(), merchant.close()]);
  });
  beforeEach(async () => {
    await request(gateway.server).post('/simulator/reset').expect(200);
  });

  it('lists agreements, authorizations and deliveries with the merchant\u2019s answers, escaped', async () => {
    merchant.answer = () => ({ status: 200, body: '<b>0|nope</b>' });
    const order = periodicOrder(urls, {
      ItemName: '<script>alert(1)</script>',
    });
    await request(gateway.server)
      .post('/simulator/api/checkout')
      .send({ fields: signed(order), card: APPROVED_CARD });
    await request(gateway.server)
      .post('/simulator/api/checkout')
      .send({ fields: signed(bnplOrder(urls)) });
    merchant.answer = () => ({ status: 200, body: '1|OK' });
    const res = await request(gateway.server).get('/simulator').expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('<span id="now">2024/03/01 10:00:00</span>');
    expect(res.text).toContain(order.MerchantTradeNo);
    expect(res.text).toContain('&lt;b&gt;0|nope&lt;/b&gt;');
    expect(res.text).not.toContain('<b>0|nope</b>');
    expect(res.text).not.toContain('<script>');
    expect(res.text).toContain('ReturnURL');
    expect(res.text).toContain('777777');
    expect(res.text).toMatch(
      /<a href="\/simulator\/checkout\/[0-9a-f]+">checkout page<\/a>/,
    );
    expect(res.text).not.toMatch(/(src|href)="https?:/);
  });

  it('serves the same state as JSON', async () => {
    const order = periodicOrder(urls);
    await request(gateway.server)
      .post('/simulator/api/checkout')
      .send({ fields: signed(order), card: APPROVED_CARD });
    const { body } = await request(gateway.server)
      .get('/simulator/api/state')
      .expect(200);
    expect(body).toMatchObject({
      clock: { now: '2024-03-01T02:00:00.000Z', taipei: '2024/03/01 10:00:00' },
      merchants: ['2000132', '3002607'],
      faults: { declineNextCharges: 0 },
      orders: [
        {
          gateway: 'ecpay',
          merchantTradeNo: order.MerchantTradeNo,
          status: 'paid',
          card: { card6no: '431195', card4no: '2222' },
          period: {
            execStatus: '1',
            nextDueAt: '2024/04/01 10:00:00',
            totalSuccessTimes: 1,
            reauthPending: false,
          },
          authorizations: [
            { sequence: 1, kind: 'first', rtnCode: '1', authCode: '777777' },
          ],
        },
      ],
      deliveries: [{ channel: 'ReturnURL', status: 'acknowledged' }],
    });
  });

  it('dashboard forms advance the clock, set and clear faults, and come back with 303', async () => {
    const form = (path: string, fields: Record<string, string>) =>
      request(gateway.server)
        .post(path)
        .type('form')
        .send(encodeFormBody({ redirect: 'dashboard', ...fields }));
    const advanced = await form('/simulator/clock/advance', {
      months: '1',
      days: '',
      minutes: '',
    });
    expect(advanced.status).toBe(303);
    expect(advanced.headers.location).toBe('/simulator');
    expect(
      (await request(gateway.server).get('/simulator/clock')).body.taipei,
    ).toBe('2024/04/01 10:00:00');
    await form('/simulator/faults', {
      declineNextCharges: '2',
      'delayNextNotifications[count]': '1',
      'delayNextNotifications[minutes]': '5',
    }).expect(303);
    expect(
      (await request(gateway.server).get('/simulator/faults')).body,
    ).toMatchObject({
      declineNextCharges: 2,
      delayNextNotifications: { count: 1, minutes: 5 },
    });
    const bad = await form('/simulator/faults', { declineNextCharges: 'many' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('declineNextCharges must be a whole number');
    await form('/simulator/reset', {}).expect(303);
    expect(
      (await request(gateway.server).get('/simulator/faults')).body
        .declineNextCharges,
    ).toBe(0);
  });

  it('faults: GET, POST and DELETE as JSON; unknown names refused', async () => {
    const set = await request(gateway.server)
      .post('/simulator/faults')
      .send({
        duplicateNextNotifications: 1,
        reorderNextPeriodNotifications: true,
      })
      .expect(200);
    expect(set.body).toMatchObject({
      duplicateNextNotifications: 1,
      reorderNextPeriodNotifications: 2,
    });
    const bad = await request(gateway.server)
      .post('/simulator/faults')
      .send({ declineNext: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/unknown fault declineNext/);
    const cleared = await request(gateway.server)
      .delete('/simulator/faults')
      .expect(200);
    expect(cleared.body.duplicateNextNotifications).toBe(0);
  });

  it('clock: GET, and advance by JSON with what ran', async () => {
    expect(
      (await request(gateway.server).get('/simulator/clock')).body,
    ).toEqual({
      now: '2024-03-01T02:00:00.000Z',
      taipei: '2024/03/01 10:00:00',
    });
    const res = await request(gateway.server)
      .post('/simulator/clock/advance')
      .send({ days: 1, minutes: 30 })
      .expect(200);
    expect(res.body).toEqual({
      from: { now: '2024-03-01T02:00:00.000Z', taipei: '2024/03/01 10:00:00' },
      clock: { now: '2024-03-02T02:30:00.000Z', taipei: '2024/03/02 10:30:00' },
      authorizations: [],
      deliveries: [],
    });
    const bad = await request(gateway.server)
      .post('/simulator/clock/advance')
      .send({ weeks: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/unknown clock step weeks/);
    await request(gateway.server).post('/simulator/clock/advance').expect(200);
  });

  it('the checkout page of an unknown order is a 404 error page', async () => {
    const res = await request(gateway.server).get('/simulator/checkout/nope');
    expect(res.status).toBe(404);
    expect(res.text).toContain('99100010 Order not found');
  });
});

describe('mounted in a host app', () => {
  it('keeps links and form actions under a global prefix', async () => {
    const gateway = await startSimulatorApp({}, (app) =>
      app.setGlobalPrefix('gw'),
    );
    try {
      const order = signed(
        periodicOrder({
          returnUrl: 'http://127.0.0.1:9/r',
          periodReturnUrl: 'http://127.0.0.1:9/p',
        }),
      );
      const page = await request(gateway.server)
        .post('/gw/Cashier/AioCheckOut/V5')
        .type('form')
        .send(encodeFormBody(order));
      expect(page.text).toMatch(
        /action="\/gw\/simulator\/checkout\/[0-9a-f]+\/pay"/,
      );
      const dashboard = await request(gateway.server).get('/gw/simulator');
      expect(dashboard.text).toContain('action="/gw/simulator/clock/advance"');
      expect(dashboard.text).toMatch(
        /href="\/gw\/simulator\/checkout\/[0-9a-f]+"/,
      );
      const form = await request(gateway.server)
        .post('/gw/simulator/clock/advance')
        .type('form')
        .send('redirect=dashboard&days=1');
      expect(form.headers.location).toBe('/gw/simulator');
    } finally {
      await gateway.close();
    }
  });

  it('falls back to the parsed body when the app has no rawBody', async () => {
    const gateway = await startSimulatorApp({}, () => undefined, false);
    try {
      const order = signed(
        periodicOrder({
          returnUrl: 'http://127.0.0.1:9/r',
          periodReturnUrl: 'http://127.0.0.1:9/p',
        }),
      );
      const page = await request(gateway.server)
        .post('/Cashier/AioCheckOut/V5')
        .type('form')
        .send(encodeFormBody(order));
      expect(page.text).toContain('id="cardNumber"');
    } finally {
      await gateway.close();
    }
  });

  it('reports a merchant that cannot be reached as an error answer and re-sends', async () => {
    const gateway = await startSimulatorApp({ notificationTimeoutMs: 2000 });
    try {
      const order = signed(
        periodicOrder({
          returnUrl: 'http://127.0.0.1:9/r',
          periodReturnUrl: 'http://127.0.0.1:9/p',
        }),
      );
      const res = await request(gateway.server)
        .post('/simulator/api/checkout')
        .send({ fields: order, card: APPROVED_CARD });
      expect(res.body.deliveries).toMatchObject([
        {
          status: 'scheduled',
          nextAttemptAt: '2024/03/01 10:10:00',
          attempts: [
            {
              answer: {
                error: expect.stringContaining('fetch failed'),
                acknowledged: false,
              },
            },
          ],
        },
      ]);
    } finally {
      await gateway.close();
    }
  });
});
