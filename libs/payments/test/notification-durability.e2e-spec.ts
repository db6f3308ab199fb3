import {
  DataSource,
  type EntitySubscriberInterface,
  type InsertEvent,
} from 'typeorm';
import {
  GatewayNotificationEntity,
  OutboxEventEntity,
  PAYMENTS_EVENTS,
  PeriodAuthorizationEntity,
} from 'nestjs-twpay';
import {
  monthlyProcessDate,
  periodFields,
  signedBody,
} from './support/gateway-bodies.js';
import {
  createPaymentsTestApp,
  type PaymentsTestApp,
} from './fixtures/payments-test-app.js';

const DB = process.env.TWPAY_TEST_DB ?? 'sqlite';
/** Registers a TypeORM subscriber on the running DataSource; returns a function removing it. */
function onInsert(
  dataSource: DataSource,
  target: Function,
  listener: (event: InsertEvent<unknown>) => Promise<void> | void,
) {
  const subscriber: EntitySubscriberInterface = {
    listenTo: () => target,
    afterInsert: listener,
  };
  (dataSource.subscribers as EntitySubscriberInterface[]).push(subscriber);
  return () => {
    const list = dataSource.subscribers as EntitySubscriberInterface[];
    list.splice(list.indexOf(subscriber), 1);
  };
}

describe(`notification durability (${DB})`, () => {
  let t: PaymentsTestApp;

  beforeAll(async () => {
    t = await createPaymentsTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (route: string, body: string) => t.post(route, body);

  const activeSubscription = () => t.activeSubscription();

  it('keeps a notification whose apply failed, answers 1|OK, and re-applies it once', async () => {
    const { subscription, merchantTradeNo } = await activeSubscription();
    // A fault inside the apply transaction, after the ledger and state writes: the outbox insert
    // throws once, so the whole transaction rolls back.
    const remove = onInsert(t.dataSource, OutboxEventEntity, () => {
      remove();
      throw new Error('injected fault: outbox write failed');
    });
    const body = signedBody(
      periodFields({
        merchantTradeNo,
        amount: 299,
        gwsr: '2002',
        totalSuccessTimes: 2,
        processDate: monthlyProcessDate(1),
      }),
    );
    const res = await post('notify/period', body);
    expect([res.status, res.text]).toEqual([200, '1|OK']);
    const [row] = await t.dataSource
      .getRepository(GatewayNotificationEntity)
      .findBy({ merchantTradeNo, channel: 'period' });
    expect(row).toMatchObject({
      outcome: 'failed',
      attempts: 1,
      rawBody: body,
    });
    expect(row.error).toContain('injected fault');
    expect(
      (await t.service.getSubscription(subscription.id)).periods,
    ).toHaveLength(1);
    expect(t.events).toEqual([]);

    expect(await t.reapply.reapplyPending()).toBe(1);
    const after = await t.service.getSubscription(subscription.id);
    expect(after.periods.map((p) => p.gwsr)).toEqual(['1', '2002']);
    expect(t.events.map((e) => e.name)).toEqual([
      PAYMENTS_EVENTS.PERIOD_SUCCEEDED,
    ]);
    expect(
      await t.dataSource
        .getRepository(GatewayNotificationEntity)
        .findOneByOrFail({ id: row.id }),
    ).toMatchObject({ outcome: 'applied', attempts: 2 });
    expect(await t.reapply.reapplyPending()).toBe(0);
  });

  (DB === 'postgres' ? describe : describe.skip)(
    'when PostgreSQL goes away mid-request',
    () => {
      const database = () =>
        (t.dataSource.options as { url: string }).url
          .split('/')
          .pop() as string;
      async function admin(sql: string) {
        const url = new URL((t.dataSource.options as { url: string }).url);
        url.pathname = '/postgres';
        const connection = new DataSource({
          type: 'postgres',
          url: url.toString(),
        });
        await connection.initialize();
        try {
          await connection.query(sql);
        } finally {
          await connection.destroy();
        }
      }

      it('answers 0|… with a 5xx, and the re-sent notification is applied once', async () => {
        const { subscription, merchantTradeNo } = await activeSubscription();
        // The database stops right after the raw body was stored: connections are cut and refused.
        const remove = onInsert(
          t.dataSource,
          GatewayNotificationEntity,
          async () => {
            remove();
            await admin(
              `ALTER DATABASE ${database()} WITH ALLOW_CONNECTIONS false`,
            );
            await admin(
              `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database()}'`,
            );
          },
        );
        const body = signedBody(
          periodFields({
            merchantTradeNo,
            amount: 299,
            gwsr: '3003',
            totalSuccessTimes: 2,
            processDate: monthlyProcessDate(1),
          }),
        );
        const res = await post('notify/period', body);
        expect(res.status).toBeGreaterThanOrEqual(500);
        expect(res.text).toMatch(/^0\|/);

        await admin(`ALTER DATABASE ${database()} WITH ALLOW_CONNECTIONS true`);
        const resent = await post('notify/period', body);
        expect([resent.status, resent.text]).toEqual([200, '1|OK']);
        // The first copy's transaction never committed and it was answered 5xx: it left no row.
        await t.reapply.reapplyPending();
        const rows = await t.dataSource
          .getRepository(PeriodAuthorizationEntity)
          .findBy({ subscriptionId: subscription.id, gwsr: '3003' });
        expect(rows).toHaveLength(1);
        expect(
          t.events.filter((e) => e.name === PAYMENTS_EVENTS.PERIOD_SUCCEEDED),
        ).toHaveLength(1);
        const outcomes = (
          await t.dataSource
            .getRepository(GatewayNotificationEntity)
            .findBy({ merchantTradeNo, channel: 'period' })
        )
          .map((n) => n.outcome)
          .sort();
        expect(outcomes).toEqual(['applied']);
      });
    },
  );
});
