import request from 'supertest';
import type { App } from 'supertest/types.js';
import { PeriodicPaymentService } from 'nestjs-twpay';
import { GatewaySimulator } from 'nestjs-twpay/simulator';
import { addTaipeiCalendar, formatTaipeiDateTime } from 'nestjs-twpay/protocol';
import { startExampleApp, type ExampleApp } from './helpers/example-app.js';
import { subscribeAndPay } from './helpers/paid-subscription.js';

const MONTHLY = {
  periodAmount: 299,
  periodType: 'M',
  frequency: 1,
  execTimes: 12,
  itemName: 'Monthly plan',
  customerId: 'cancel-customer',
};

/** How the shop's pages print a date: Taipei time, to the minute. */
const pageDate = (date: Date) => formatTaipeiDateTime(date).slice(0, 16);

/**
 * Cancel from the example API and from the shop's subscription page, with the in-process simulator
 * as the gateway, on the database TWPAY_TEST_DB names.
 */
describe(`cancel from the example API and the shop page (${process.env.TWPAY_TEST_DB ?? 'sqlite'})`, () => {
  describe('ECPay', () => {
    let shop: ExampleApp;
    let server: App;
    let payments: PeriodicPaymentService;

    beforeAll(async () => {
      shop = await startExampleApp({ env: { TWPAY_GATEWAY: 'ecpay' } });
      server = shop.app.getHttpServer();
      payments = shop.app.get(PeriodicPaymentService);
    }, 120_000);
    afterAll(async () => {
      await shop?.close();
    });

    const subscribe = async () => (await subscribeAndPay(server, MONTHLY)).id;

    it('GET carries nextChargeAt and accessUntil; POST cancel answers the cancelled read model', async () => {
      const id = await subscribe();
      const first = (await payments.getSubscription(id)).firstAuthorizedAt!;
      const oneMonthOn = addTaipeiCalendar(first, {
        months: 1,
      }).toISOString();

      const running = await request(server)
        .get(`/api/subscriptions/${id}`)
        .expect(200);
      expect(running.body).toMatchObject({
        status: 'active',
        nextChargeAt: oneMonthOn,
        accessUntil: oneMonthOn,
      });

      const cancelled = await request(server)
        .post(`/api/subscriptions/${id}/cancel`)
        .send({ atPeriodEnd: true })
        .expect(200);
      expect(cancelled.body).toMatchObject({
        id,
        status: 'cancelled',
        nextChargeAt: null,
        accessUntil: oneMonthOn,
      });
      // Repeating it is safe and answers the same.
      const again = await request(server)
        .post(`/api/subscriptions/${id}/cancel`)
        .send({ atPeriodEnd: true })
        .expect(200);
      expect(again.body).toMatchObject({
        status: 'cancelled',
        accessUntil: oneMonthOn,
      });
      // The gateway charges nothing more.
      await request(server)
        .post('/simulator/clock/advance')
        .send({ months: 2 })
        .expect(200);
      const later = await request(server)
        .get(`/api/subscriptions/${id}`)
        .expect(200);
      expect(later.body).toMatchObject({
        status: 'cancelled',
        totalSuccessTimes: 1,
      });
    });

    it("cancel without atPeriodEnd ends access now, on the module's clock (the simulator's)", async () => {
      const id = await subscribe();
      const clock = shop.app.get(GatewaySimulator).clock;
      const before = clock.now().getTime();
      const cancelled = await request(server)
        .post(`/api/subscriptions/${id}/cancel`)
        .send({ atPeriodEnd: false })
        .expect(200);
      expect(cancelled.body.status).toBe('cancelled');
      const accessUntil = Date.parse(cancelled.body.accessUntil);
      // MariaDB's DATETIME keeps whole seconds.
      expect(accessUntil).toBeGreaterThanOrEqual(
        Math.floor(before / 1000) * 1000,
      );
      expect(accessUntil).toBeLessThanOrEqual(clock.now().getTime());
    });

    it.each([
      ['no body', undefined],
      ['no field', {}],
      ['a string', { atPeriodEnd: 'false' }],
      ['a number', { atPeriodEnd: 1 }],
    ])('answers 400 naming atPeriodEnd for %s', async (_case, body) => {
      const id = await subscribe();
      const call = request(server).post(`/api/subscriptions/${id}/cancel`);
      const answer = await (body === undefined ? call : call.send(body));
      expect(answer.status).toBe(400);
      expect(answer.body.message).toMatch(/atPeriodEnd/);
      expect((await payments.getSubscription(id)).status).toBe('active');
    });

    it('answers 404 for an unknown id', async () => {
      const answer = await request(server)
        .post('/api/subscriptions/00000000-0000-4000-8000-000000000000/cancel')
        .send({ atPeriodEnd: true })
        .expect(404);
      expect(answer.body.code).toBe('TWPAY_NOT_FOUND');
    });

    it('the page shows the next charge date and a Cancel button that cancels and comes back', async () => {
      const id = await subscribe();
      const subscription = await payments.getSubscription(id);
      const page = await request(server)
        .get(`/subscriptions/${id}`)
        .expect(200);
      expect(page.text).toMatch(
        new RegExp(`id="next-charge">${pageDate(subscription.nextChargeAt!)}<`),
      );
      expect(page.text).toMatch(
        new RegExp(`id="access-until">${pageDate(subscription.accessUntil!)}<`),
      );
      expect(page.text).toContain(`action="/shop/subscriptions/${id}/cancel"`);
      expect(page.text).not.toContain('cancel-elsewhere');

      const posted = await request(server)
        .post(`/shop/subscriptions/${id}/cancel`)
        .type('form')
        .send({ atPeriodEnd: 'true' })
        .expect(303);
      expect(posted.headers.location).toBe(`/subscriptions/${id}`);

      const after = await request(server)
        .get(`/subscriptions/${id}`)
        .expect(200);
      expect(after.text).toContain('data-status="cancelled"');
      expect(after.text).not.toContain('id="cancel-form"');
      expect(after.text).not.toContain('id="next-charge"');
      expect(after.text).toContain(
        `id="access-until">${pageDate(subscription.accessUntil!)}<`,
      );
    });

    it('the page route answers a 404 page for an unknown id', async () => {
      await request(server)
        .post('/shop/subscriptions/no-such-id/cancel')
        .type('form')
        .send({ atPeriodEnd: 'true' })
        .expect(404);
    });
  });

  describe('AllPay', () => {
    let shop: ExampleApp;
    let server: App;

    beforeAll(async () => {
      shop = await startExampleApp({ env: { TWPAY_GATEWAY: 'allpay' } });
      server = shop.app.getHttpServer();
    }, 120_000);
    afterAll(async () => {
      await shop?.close();
    });

    it('the page has the back-office line, not the button; cancel answers 400 UNSUPPORTED_BY_GATEWAY', async () => {
      const created = await request(server)
        .post('/api/subscriptions')
        .send(MONTHLY)
        .expect(201);
      const id = created.body.id as string;

      const page = await request(server)
        .get(`/subscriptions/${id}`)
        .expect(200);
      expect(page.text).toContain('id="cancel-elsewhere"');
      expect(page.text).toContain('AllPay back office');
      expect(page.text).not.toContain('id="cancel-form"');

      const answer = await request(server)
        .post(`/api/subscriptions/${id}/cancel`)
        .send({ atPeriodEnd: true })
        .expect(400);
      expect(answer.body.code).toBe('TWPAY_UNSUPPORTED_BY_GATEWAY');
      expect(answer.body.message).toMatch(/back office/i);

      const posted = await request(server)
        .post(`/shop/subscriptions/${id}/cancel`)
        .type('form')
        .send({ atPeriodEnd: 'true' })
        .expect(409);
      expect(posted.text).toContain('Cannot cancel');
      const after = await request(server).get(`/api/subscriptions/${id}`);
      expect(after.body.status).toBe('pending');
    });
  });
});
