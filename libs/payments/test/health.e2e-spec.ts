import { randomUUID } from 'node:crypto';
import {
  GatewayNotificationEntity,
  PaymentsHealthIndicator,
  type NotificationOutcome,
} from 'nestjs-twpay';
import {
  createPaymentsTestApp,
  type PaymentsTestApp,
} from './fixtures/payments-test-app.js';

const DB = process.env.TWPAY_TEST_DB ?? 'sqlite';

describe(`PaymentsHealthIndicator (${DB})`, () => {
  let t: PaymentsTestApp;
  let health: PaymentsHealthIndicator;

  beforeAll(async () => {
    t = await createPaymentsTestApp({ maxApplyAttempts: 3 });
    health = t.app.get(PaymentsHealthIndicator);
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async () => {
    await t.dataSource.getRepository(GatewayNotificationEntity).clear();
  });

  const store = (
    outcome: NotificationOutcome,
    { attempts = 0, ageMs = 0 } = {},
  ) =>
    t.dataSource.getRepository(GatewayNotificationEntity).insert({
      id: randomUUID(),
      channel: 'period',
      rawBody: 'MerchantID=3002607',
      remoteAddress: null,
      receivedAt: new Date(Date.now() - ageMs),
      merchantId: '3002607',
      merchantTradeNo: null,
      verification: null,
      outcome,
      reason: null,
      error: null,
      attempts,
      processedAt: null,
    });

  it('is up with an empty inbox, under the key asked for', async () => {
    expect(await health.isHealthy('inbox')).toEqual({
      inbox: {
        status: 'up',
        backlog: 0,
        failed: 0,
        abandoned: 0,
        oldestUnappliedAgeSeconds: null,
      },
    });
  });

  it('counts applied rows out, and a fresh unapplied or retried one in, still up', async () => {
    await store('applied', { ageMs: 3_600_000 });
    await store('received', { ageMs: 2_000 });
    await store('failed', { attempts: 1 });
    const { payments } = await health.isHealthy();
    expect(payments).toMatchObject({
      status: 'up',
      backlog: 2,
      failed: 1,
      abandoned: 0,
    });
    expect(payments.oldestUnappliedAgeSeconds).toBeGreaterThanOrEqual(2);
  });

  it('is down when a notification failed more than maxApplyAttempts times', async () => {
    await store('failed', { attempts: 3 });
    const { payments } = await health.isHealthy();
    expect(payments).toMatchObject({ status: 'down', failed: 1, abandoned: 1 });
    expect(payments.problems).toEqual([
      '1 notification(s) failed to apply and are no longer retried',
    ]);
  });

  it('is down when the oldest unapplied notification is older than allowed, or the backlog too long', async () => {
    await store('received', { ageMs: 20 * 60_000 });
    await store('received');
    expect((await health.isHealthy()).payments.status).toBe('down');
    expect(
      (await health.isHealthy('payments', { maxUnappliedAgeMs: 3_600_000 }))
        .payments.status,
    ).toBe('up');
    expect(
      (
        await health.isHealthy('payments', {
          maxUnappliedAgeMs: 3_600_000,
          maxBacklog: 1,
        })
      ).payments.problems,
    ).toEqual(['2 notifications wait to be applied (more than 1)']);
  });
});
