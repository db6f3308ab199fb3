import request from 'supertest';
import type { App } from 'supertest/types.js';
import { startExampleApp, type ExampleApp } from './helpers/example-app.js';

/** The ECPay stage test card the simulator approves, and the card it declines. */
const APPROVED_CARD = '4311-9522-2222-2222';
const DECLINED_CARD = '4000-0000-0000-0002';
const EXPIRY = `12/${String((new Date().getFullYear() + 5) % 100).padStart(2, '0')}`;

const MONTHLY = {
  periodAmount: 299,
  periodType: 'M',
  frequency: 1,
  execTimes: 12,
  itemName: 'Monthly plan',
  customerId: 'e2e-customer',
  // The first notification then carries its gwsr too, as every later one does.
  needExtraPaidInfo: true,
};

/**
 * The example app with the simulator mounted in it, end to end on the database TWPAY_TEST_DB
 * names: every notification the app receives is one the simulator built, signed and posted over
 * loopback to PUBLIC_URL.
 */
describe(`example shop + simulator (${process.env.TWPAY_TEST_DB ?? 'sqlite'})`, () => {
  let shop: ExampleApp;
  let server: App;

  beforeAll(async () => {
    shop = await startExampleApp();
    server = shop.app.getHttpServer();
  }, 120_000);
  afterAll(async () => {
    await shop?.close();
  });

  /** POST /api/subscriptions, then pays its checkout through the simulator's JSON twin. */
  async function subscribeAndPay(card: string, body: object = MONTHLY) {
    const created = await request(server)
      .post('/api/subscriptions')
      .send(body)
      .expect(201);
    expect(created.body.status).toBe('pending');
    const { action, fields } = created.body.checkout as {
      action: string;
      fields: Record<string, string>;
    };
    expect(action).toBe(`${shop.url}/Cashier/AioCheckOut/V4`);
    const paid = await request(server)
      .post('/simulator/api/checkout')
      .send({
        action,
        fields,
        card: { number: card, expiry: EXPIRY, cvv: '222' },
      })
      .expect(200);
    expect(paid.body.ok).toBe(true);
    return { id: created.body.id as string, paid: paid.body };
  }

  const getSubscription = async (id: string) =>
    (await request(server).get(`/api/subscriptions/${id}`).expect(200)).body;

  it('runs a 12-month subscription to completed through the virtual clock', async () => {
    const { id, paid } = await subscribeAndPay(APPROVED_CARD);
    expect(paid.rtnCode).toBe('1');
    // The simulator's ReturnURL post reached the app and was acknowledged.
    expect(paid.deliveries).toEqual([
      expect.objectContaining({
        channel: 'ReturnURL',
        url: `${shop.url}/payments/notify/return`,
        status: 'acknowledged',
      }),
    ]);
    let subscription = await getSubscription(id);
    expect(subscription).toMatchObject({
      status: 'active',
      totalSuccessTimes: 1,
    });
    expect(subscription.periods).toHaveLength(1);

    // The browser post the gateway page makes to OrderResultURL lands on the shop's page.
    const { url, fields } = paid.browserPost as {
      url: string;
      fields: Record<string, string>;
    };
    expect(url).toBe(`${shop.url}/payments/redirect/order-result`);
    await request(server)
      .post(new URL(url).pathname)
      .type('form')
      .send(fields)
      .expect(303)
      .expect('Location', `${shop.url}/subscriptions/${id}`);

    for (let month = 2; month <= 12; month++) {
      const advanced = await request(server)
        .post('/simulator/clock/advance')
        .send({ months: 1 })
        .expect(200);
      expect(advanced.body.authorizations).toHaveLength(1);
      expect(advanced.body.deliveries).toEqual([
        expect.objectContaining({
          channel: 'PeriodReturnURL',
          status: 'acknowledged',
        }),
      ]);
      subscription = await getSubscription(id);
      expect(subscription.periods).toHaveLength(month);
      expect(subscription.totalSuccessTimes).toBe(month);
      expect(subscription.status).toBe(month < 12 ? 'active' : 'completed');
    }
    expect(subscription).toMatchObject({
      status: 'completed',
      totalSuccessTimes: 12,
      amountCollected: 12 * 299,
    });
    expect(
      subscription.periods.map((p: { sequence: number }) => p.sequence),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(
      subscription.periods.every((p: { success: boolean }) => p.success),
    ).toBe(true);
    // Every period has the gateway's serial, and none was stored twice.
    const gwsrs = subscription.periods.map((p: { gwsr: string }) => p.gwsr);
    expect(gwsrs.every((gwsr: unknown) => typeof gwsr === 'string')).toBe(true);
    expect(new Set(gwsrs).size).toBe(12);

    // Nothing more is charged once the agreement is complete.
    const after = await request(server)
      .post('/simulator/clock/advance')
      .send({ months: 2 })
      .expect(200);
    expect(after.body.authorizations).toHaveLength(0);
    expect((await getSubscription(id)).periods).toHaveLength(12);

    // The shop's page shows the whole timeline.
    const page = await request(server).get(`/subscriptions/${id}`).expect(200);
    expect(page.text).toContain('data-status="completed"');
    expect(
      page.text.match(/class="period ok"\s+data-sequence="/g),
    ).toHaveLength(12);
    expect(page.text).toContain('12 of 12');
    for (const gwsr of gwsrs) expect(page.text).toContain(`gwsr ${gwsr}`);
    expect(page.text).toContain('NT$3,588');
  }, 180_000);

  it('a declined first payment ends first_auth_failed', async () => {
    const { id, paid } = await subscribeAndPay(DECLINED_CARD);
    expect(paid.rtnCode).toBe('10100058');
    const subscription = await getSubscription(id);
    expect(subscription.status).toBe('first_auth_failed');
    expect(subscription.totalSuccessTimes).toBe(0);
    expect(subscription.periods).toEqual([
      expect.objectContaining({ sequence: 1, success: false }),
    ]);
    const page = await request(server).get(`/subscriptions/${id}`).expect(200);
    expect(page.text).toContain('data-status="first_auth_failed"');
    expect(page.text).toContain('class="period failed"');
  }, 60_000);

  describe('shop pages', () => {
    it('the home page lists the plans, each with a Subscribe form', async () => {
      const res = await request(server).get('/').expect(200);
      expect(res.type).toBe('text/html');
      for (const [plan, price] of [
        ['monthly', 'NT$299'],
        ['quarterly', 'NT$799'],
        ['yearly', 'NT$2,990'],
      ]) {
        expect(res.text).toContain(`id="plan-${plan}"`);
        expect(res.text).toContain(price);
        expect(res.text).toContain(`name="plan" value="${plan}"`);
      }
      expect(res.text.match(/action="\/shop\/subscribe"/g)).toHaveLength(3);
      expect(res.text).toContain('href="/simulator"');
    });

    it('Subscribe answers the auto-submit form that posts to the simulator checkout', async () => {
      const res = await request(server)
        .post('/shop/subscribe')
        .type('form')
        .send({ plan: 'quarterly' })
        .expect(200);
      expect(res.type).toBe('text/html');
      expect(res.text).toContain(
        `<form method="post" action="${shop.url}/Cashier/AioCheckOut/V4"`,
      );
      expect(res.text).toContain('name="PeriodType" value="M"');
      expect(res.text).toContain('name="Frequency" value="3"');
      expect(res.text).toContain('name="ExecTimes" value="4"');
      expect(res.text).toContain('name="PeriodAmount" value="799"');
      expect(res.text).toContain('name="CheckMacValue"');
    });

    it('an unknown plan is a 400 page', async () => {
      await request(server)
        .post('/shop/subscribe')
        .type('form')
        .send({ plan: '<script>' })
        .expect(400);
    });

    it('the subscription page shows the period timeline and advances the clock', async () => {
      const { id } = await subscribeAndPay(APPROVED_CARD, {
        ...MONTHLY,
        itemName: 'Monthly plan <b>&</b>',
      });
      let page = await request(server).get(`/subscriptions/${id}`).expect(200);
      expect(page.text).toContain('data-status="active"');
      expect(page.text).toContain('data-sequence="1"');
      expect(page.text).not.toContain('data-sequence="2"');
      // Item names are escaped, never rendered as markup.
      expect(page.text).toContain('Monthly plan &lt;b&gt;&amp;&lt;/b&gt;');
      expect(page.text).toContain('id="advance-month"');

      await request(server)
        .post('/shop/simulator/advance')
        .type('form')
        .send({ months: '1', returnTo: `/subscriptions/${id}` })
        .expect(303)
        .expect('Location', `/subscriptions/${id}`);
      page = await request(server).get(`/subscriptions/${id}`).expect(200);
      expect(page.text).toContain('data-sequence="2"');
      expect(page.text).toContain('2 of 12');
    }, 60_000);

    it('the advance button never redirects off the shop', async () => {
      await request(server)
        .post('/shop/simulator/advance')
        .type('form')
        .send({ months: '1', returnTo: 'https://evil.example/' })
        .expect(303)
        .expect('Location', '/subscriptions');
    }, 60_000);

    it('lists subscriptions and answers 404 for an unknown one', async () => {
      await request(server).get('/subscriptions').expect(200);
      const res = await request(server)
        .get('/subscriptions/no-such-id')
        .expect(404);
      expect(res.text).toContain('Subscription not found');
    });
  });
});
