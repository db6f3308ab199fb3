import { EventEmitter2 } from '@nestjs/event-emitter';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { DataSource } from 'typeorm';
import {
  GatewayClient,
  PAYMENTS_EVENTS,
  PeriodAuthorizationEntity,
  PeriodicPaymentService,
  ReconciliationReportEntity,
  ReconciliationService,
  type PeriodEvent,
  type ReconciliationRepairedEvent,
  type SubscriptionEvent,
} from 'nestjs-twpay';
import { GatewaySimulator } from 'nestjs-twpay/simulator';
import { startExampleApp, type ExampleApp } from './helpers/example-app.js';
import { subscribeAndPay } from './helpers/paid-subscription.js';

const MONTHLY = {
  periodAmount: 299,
  periodType: 'M',
  frequency: 1,
  execTimes: 12,
  itemName: 'Monthly plan',
  customerId: 'recon-customer',
  // The first notification then carries its gwsr too, so the ledger and ExecLog share every key.
  needExtraPaidInfo: true,
};
const DAILY = { ...MONTHLY, periodType: 'D', itemName: 'Daily plan' };

/**
 * Reconciliation end to end: the example shop on ECPay with its mounted simulator as the gateway,
 * on the database TWPAY_TEST_DB names. Posts are lost with the simulator's fault injection, and
 * reconciliation must rebuild the ledger from the gateway's ExecLog exactly, emitting each period's
 * event once.
 */
describe(`reconciliation against the simulator (${process.env.TWPAY_TEST_DB ?? 'sqlite'})`, () => {
  let shop: ExampleApp;
  let server: App;
  let simulator: GatewaySimulator;
  let reconciliation: ReconciliationService;
  let gateway: GatewayClient;
  let dataSource: DataSource;
  const events: { name: string; payload: unknown }[] = [];

  beforeAll(async () => {
    shop = await startExampleApp({ env: { TWPAY_GATEWAY: 'ecpay' } });
    server = shop.app.getHttpServer();
    simulator = shop.app.get(GatewaySimulator);
    reconciliation = shop.app.get(ReconciliationService);
    gateway = shop.app.get(GatewayClient);
    dataSource = shop.app.get(DataSource);
    shop.app
      .get(EventEmitter2)
      .onAny((name, payload) =>
        events.push({ name: String(name), payload: payload as unknown }),
      );
  }, 120_000);
  afterAll(async () => {
    await shop?.close();
  });

  const subscribe = (plan: object = MONTHLY) => subscribeAndPay(server, plan);

  const ledgerOf = (subscriptionId: string) =>
    dataSource
      .getRepository(PeriodAuthorizationEntity)
      .find({ where: { subscriptionId } });

  const eventsFor = (name: string, subscriptionId: string) =>
    events.filter(
      (e) =>
        e.name === name &&
        (e.payload as { subscriptionId: string }).subscriptionId ===
          subscriptionId,
    );

  it('back-fills three lost period posts: the ledger equals the ExecLog, each period event once; a second run repairs nothing', async () => {
    const { id, merchantTradeNo } = await subscribe();
    simulator.faults.apply({ dropNextNotifications: 3 });
    await simulator.advance({ months: 4 });
    // Periods 2-4 were lost on the way; period 5's post arrived.
    expect((await ledgerOf(id)).map((p) => p.sequence).sort()).toEqual([1, 5]);

    const first = await reconciliation.reconcile();
    expect(first).toMatchObject({ errors: 0, repaired: 1, backfilled: 3 });
    const drift = first.drifts.find((d) => d.subscriptionId === id)!;
    expect(drift.backfilled.map((b) => b.sequence)).toEqual([2, 3, 4]);

    const execLog = (await gateway.queryPeriodInfo(merchantTradeNo))!
      .executions;
    const ledger = await ledgerOf(id);
    const key = (p: {
      gwsr: string | null;
      amount: number;
      success: boolean;
      processedAt: Date;
    }) => `${p.gwsr}|${p.amount}|${p.success}|${p.processedAt.toISOString()}`;
    expect(ledger.map(key).sort()).toEqual(
      execLog.map((e) => key({ ...e, success: e.succeeded })).sort(),
    );
    expect(
      ledger
        .filter((p) => p.source === 'reconciliation')
        .map((p) => p.sequence)
        .sort(),
    ).toEqual([2, 3, 4]);

    const succeeded = eventsFor(PAYMENTS_EVENTS.PERIOD_SUCCEEDED, id).map(
      (e) => (e.payload as PeriodEvent).gwsr,
    );
    expect(succeeded).toHaveLength(5);
    expect(new Set(succeeded)).toEqual(new Set(execLog.map((e) => e.gwsr)));
    const repairedEvents = eventsFor(
      PAYMENTS_EVENTS.RECONCILIATION_REPAIRED,
      id,
    );
    expect(repairedEvents).toHaveLength(1);
    expect(
      (repairedEvents[0].payload as ReconciliationRepairedEvent).runId,
    ).toBe(first.runId);
    const subscription = (
      await request(server).get(`/api/subscriptions/${id}`).expect(200)
    ).body;
    expect(subscription).toMatchObject({
      status: 'active',
      totalSuccessTimes: 5,
    });

    const second = await reconciliation.reconcile();
    expect(second).toMatchObject({ errors: 0, repaired: 0, backfilled: 0 });
    expect(eventsFor(PAYMENTS_EVENTS.PERIOD_SUCCEEDED, id)).toHaveLength(5);
    expect(eventsFor(PAYMENTS_EVENTS.RECONCILIATION_REPAIRED, id)).toHaveLength(
      1,
    );

    const report = await dataSource
      .getRepository(ReconciliationReportEntity)
      .findOneByOrFail({ id: first.runId });
    expect(report).toMatchObject({ trigger: 'on_demand', repaired: 1 });
    expect(report.finishedAt).not.toBeNull();
    expect(
      report.drifts.find((d) => d.subscriptionId === id)?.backfilled,
    ).toHaveLength(3);
  });

  it('six declined charges stop the agreement at the gateway; reconciliation makes the subscription terminated, once', async () => {
    // Daily, so that no other test's monthly subscription is charged (and declined) meanwhile.
    const { id, merchantTradeNo } = await subscribe(DAILY);
    simulator.faults.apply({ declineNextCharges: 6 });
    await simulator.advance({ days: 6 });
    expect(await gateway.queryPeriodInfo(merchantTradeNo)).toMatchObject({
      execStatus: 'stopped',
    });

    const run = await reconciliation.reconcile();
    expect(run.errors).toBe(0);
    expect(run.drifts.find((d) => d.subscriptionId === id)?.status).toEqual({
      from: expect.stringMatching(/^(active|past_due)$/),
      to: 'terminated',
    });
    const after = (
      await request(server).get(`/api/subscriptions/${id}`).expect(200)
    ).body;
    expect(after.status).toBe('terminated');
    await reconciliation.reconcile();
    const terminated = eventsFor(PAYMENTS_EVENTS.SUBSCRIPTION_TERMINATED, id);
    expect(terminated).toHaveLength(1);
    expect(terminated[0].payload as SubscriptionEvent).toMatchObject({
      previousStatus: 'past_due',
      status: 'terminated',
    });
    expect(eventsFor(PAYMENTS_EVENTS.PERIOD_FAILED, id)).toHaveLength(6);
  });

  it('a due-only run picks a subscription only once the module clock (the virtual clock) is past its next charge plus the grace period', async () => {
    const { id } = await subscribe();
    const notYet = await reconciliation.reconcile({ dueOnly: true });
    expect(notYet.selected).toBe(0);
    // The first test's subscription is charged this month too: both posts are lost.
    simulator.faults.apply({ dropNextNotifications: 2 });
    await simulator.advance({ months: 1, days: 2 });
    const run = await reconciliation.reconcile({ dueOnly: true });
    expect(run.drifts.map((d) => d.subscriptionId)).toContain(id);
  });

  it('leaves a subscription this app cancelled as cancelled (no terminated), and still back-fills a charge made before the cancel', async () => {
    const { id } = await subscribe(DAILY);
    simulator.faults.apply({ dropNextNotifications: 1 });
    await simulator.advance({ days: 1 });
    await shop.app
      .get(PeriodicPaymentService)
      .cancel(id, { atPeriodEnd: true });
    await simulator.advance({ days: 3 });
    const run = await reconciliation.reconcile();
    const drift = run.drifts.find((d) => d.subscriptionId === id);
    expect(drift?.backfilled.map((b) => b.sequence)).toEqual([2]);
    expect(drift?.status).toBeUndefined();
    const after = (
      await request(server).get(`/api/subscriptions/${id}`).expect(200)
    ).body;
    expect(after).toMatchObject({ status: 'cancelled', totalSuccessTimes: 2 });
    expect(eventsFor(PAYMENTS_EVENTS.SUBSCRIPTION_TERMINATED, id)).toEqual([]);
  });

  // Last: the gateway client then stays silent for its 403 back-off (30 minutes by default).
  it('stops calling the gateway after its HTTP 403 "too fast" and leaves the rest for a later run', async () => {
    simulator.faults.apply({ tooFastNextQueries: 1 });
    const run = await reconciliation.reconcile();
    expect(run.selected).toBeGreaterThan(1);
    expect(run).toMatchObject({ errors: 0, repaired: 0 });
    // Queries already on their way when the 403 came back may still be answered.
    expect(run.skipped).toBeGreaterThanOrEqual(1);
    expect(run.checked + run.skipped).toBe(run.selected);
    expect(run.rateLimitedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(simulator.faults.current().tooFastNextQueries).toBe(0);
  });
});
