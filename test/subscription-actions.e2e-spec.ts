import { EventEmitter2 } from '@nestjs/event-emitter';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import {
  PAYMENTS_EVENTS,
  PeriodicPaymentService,
  SubscriptionStateError,
} from 'nestjs-twpay';
import { addTaipeiCalendar } from 'nestjs-twpay/protocol';
import { startExampleApp, type ExampleApp } from './helpers/example-app.js';
import { subscribeAndPay } from './helpers/paid-subscription.js';

const MONTHLY = {
  periodAmount: 299,
  periodType: 'M',
  frequency: 1,
  execTimes: 12,
  itemName: 'Monthly plan',
  customerId: 'actions-customer',
  needExtraPaidInfo: true,
};

/**
 * Cancel, ReAuth and the gateway query on the example shop (ECPay) with its in-process simulator as
 * the gateway, on the database TWPAY_TEST_DB names.
 */
describe(`subscription actions against the simulator (${process.env.TWPAY_TEST_DB ?? 'sqlite'})`, () => {
  let shop: ExampleApp;
  let server: App;
  let payments: PeriodicPaymentService;
  const events: { name: string; payload: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    shop = await startExampleApp({ env: { TWPAY_GATEWAY: 'ecpay' } });
    server = shop.app.getHttpServer();
    payments = shop.app.get(PeriodicPaymentService);
    shop.app
      .get(EventEmitter2)
      .onAny((name: string | string[], payload: Record<string, unknown>) =>
        events.push({ name: String(name), payload }),
      );
  }, 120_000);
  afterAll(async () => {
    await shop?.close();
  });
  beforeEach(() => {
    events.length = 0;
  });

  const subscribe = async () => (await subscribeAndPay(server, MONTHLY)).id;

  const advance = async (step: object) =>
    (
      await request(server)
        .post('/simulator/clock/advance')
        .send(step)
        .expect(200)
    ).body as { authorizations: unknown[] };
  const named = (name: string) => events.filter((e) => e.name === name);

  it('cancel at period end: the gateway stops charging, status cancelled, access until the paid period ends, once', async () => {
    const id = await subscribe();
    await advance({ months: 1 });
    const running = await payments.getSubscription(id);
    const first = running.firstAuthorizedAt!;
    expect(running).toMatchObject({
      status: 'active',
      nextChargeAt: addTaipeiCalendar(first, { months: 2 }),
      accessUntil: addTaipeiCalendar(first, { months: 2 }),
    });

    const cancelled = await payments.cancel(id, { atPeriodEnd: true });
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      cancelAtPeriodEnd: true,
      nextChargeAt: null,
      accessUntil: addTaipeiCalendar(first, { months: 2 }),
    });
    expect(cancelled.cancelledAt).toBeInstanceOf(Date);
    expect(named(PAYMENTS_EVENTS.SUBSCRIPTION_CANCELLED)).toEqual([
      {
        name: PAYMENTS_EVENTS.SUBSCRIPTION_CANCELLED,
        payload: expect.objectContaining({
          subscriptionId: id,
          status: 'cancelled',
          previousStatus: 'active',
        }),
      },
    ]);

    expect((await advance({ months: 3 })).authorizations).toEqual([]);
    const later = await payments.getSubscription(id);
    expect(later.periods).toHaveLength(2);
    expect(later.status).toBe('cancelled');

    // Repeated calls are safe: no gateway error, no second event.
    await payments.cancel(id, { atPeriodEnd: true });
    expect(named(PAYMENTS_EVENTS.SUBSCRIPTION_CANCELLED)).toHaveLength(1);
    expect(await payments.queryGateway(id)).toMatchObject({
      execStatus: 'stopped',
      totalSuccessTimes: 2,
    });
    await expect(payments.reAuthorize(id)).rejects.toBeInstanceOf(
      SubscriptionStateError,
    );
  });

  it('cancel now: access ends at the cancel', async () => {
    const id = await subscribe();
    const cancelled = await payments.cancel(id, { atPeriodEnd: false });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.accessUntil).toEqual(cancelled.cancelledAt);
  });

  it('two concurrent cancels: both succeed, one status change, one event', async () => {
    const id = await subscribe();
    const both = await Promise.all([payments.cancel(id), payments.cancel(id)]);
    expect(both.map((s) => s.status)).toEqual(['cancelled', 'cancelled']);
    expect(named(PAYMENTS_EVENTS.SUBSCRIPTION_CANCELLED)).toHaveLength(1);
  });

  it('a ReAuth of the latest failed charge recovers the subscription', async () => {
    const id = await subscribe();
    await expect(payments.reAuthorize(id)).rejects.toThrow(
      /only the latest charge of a past_due/,
    );
    await request(server)
      .post('/simulator/faults')
      .send({ declineNextCharges: 1 })
      .expect(200);
    await advance({ months: 1 });
    const pastDue = await payments.getSubscription(id);
    const first = pastDue.firstAuthorizedAt!;
    expect(pastDue).toMatchObject({
      status: 'past_due',
      // The declined period 2 still counts in the calendar; access ends with period 1.
      nextChargeAt: addTaipeiCalendar(first, { months: 2 }),
      accessUntil: addTaipeiCalendar(first, { months: 1 }),
    });

    expect(await payments.reAuthorize(id)).toMatchObject({
      action: 'ReAuth',
      rtnCode: '1',
    });
    expect((await advance({ minutes: 0 })).authorizations).toHaveLength(1);
    const recovered = await payments.getSubscription(id);
    expect(recovered).toMatchObject({
      status: 'active',
      totalSuccessTimes: 2,
      accessUntil: addTaipeiCalendar(first, { months: 2 }),
    });
    expect(named(PAYMENTS_EVENTS.SUBSCRIPTION_RECOVERED)).toHaveLength(1);
    const info = await payments.queryGateway(id);
    expect(info!.executions.map((e) => e.succeeded)).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('lists subscriptions with their schedule', async () => {
    const id = await subscribe();
    const page = await payments.listSubscriptions({
      customerId: MONTHLY.customerId,
    });
    const listed = page.items.find((s) => s.id === id)!;
    const detail = await payments.getSubscription(id);
    expect(listed.nextChargeAt).toEqual(detail.nextChargeAt);
    expect(listed.accessUntil).toEqual(detail.accessUntil);
    expect(listed.nextChargeAt).toBeInstanceOf(Date);
  });
});
