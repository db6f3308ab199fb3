import type {
  EntitySubscriberInterface,
  InsertEvent,
  Logger as TypeOrmLogger,
} from 'typeorm';
import {
  GatewayNotificationEntity,
  OutboxEventEntity,
  PAYMENTS_EVENTS,
} from 'nestjs-twpay';
import {
  createPaymentsTestApp,
  type PaymentsTestApp,
} from './fixtures/payments-test-app.js';
import {
  monthlyProcessDate,
  periodFields,
  signedBody,
} from './support/gateway-bodies.js';

const DB = process.env.TWPAY_TEST_DB ?? 'sqlite';
/** Every statement the DataSource sends while `counting` is on, through its TypeORM logger. */
function recordStatements(t: PaymentsTestApp) {
  const statements: string[] = [];
  const original = t.dataSource.logger;
  const counting: TypeOrmLogger = {
    logQuery: (query) => void statements.push(query.trim()),
    logQueryError: (...args) => original.logQueryError(...args),
    logQuerySlow: (...args) => original.logQuerySlow(...args),
    logSchemaBuild: (...args) => original.logSchemaBuild(...args),
    logMigration: (...args) => original.logMigration(...args),
    log: (...args) => original.log(...args),
  };
  Object.defineProperty(t.dataSource, 'logger', {
    value: counting,
    configurable: true,
  });
  return {
    statements,
    restore: () =>
      Object.defineProperty(t.dataSource, 'logger', {
        value: original,
        configurable: true,
      }),
  };
}

/** The outbox stamps published events sent in one batched UPDATE shortly after; let that pass first. */
const afterSentStamps = () =>
  new Promise((resolve) => setTimeout(resolve, 300));

const TRANSACTION_CONTROL = /^(BEGIN|START TRANSACTION|COMMIT|ROLLBACK)/i;

describe(`the callback path (${DB})`, () => {
  let t: PaymentsTestApp;

  beforeAll(async () => {
    t = await createPaymentsTestApp({ maxApplyAttempts: 2 });
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (route: string, body: string) => t.post(route, body);

  const activeSubscription = () => t.activeSubscription();

  const periodBody = (merchantTradeNo: string, gwsr: string) =>
    signedBody(
      periodFields({
        merchantTradeNo,
        amount: 299,
        gwsr,
        totalSuccessTimes: 2,
        processDate: monthlyProcessDate(1),
      }),
    );

  it('applies a fresh period notification in one commit and at most six statements besides BEGIN and COMMIT', async () => {
    const { merchantTradeNo } = await activeSubscription();
    await afterSentStamps();
    const recording = recordStatements(t);
    let res;
    try {
      res = await post('notify/period', periodBody(merchantTradeNo, '2002'));
    } finally {
      recording.restore();
    }
    expect([res.status, res.text]).toEqual([200, '1|OK']);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    const { statements } = recording;
    const control = statements.filter((s) => TRANSACTION_CONTROL.test(s));
    const work = statements.filter((s) => !TRANSACTION_CONTROL.test(s));
    expect(control.map((s) => s.split(/\s/)[0].toUpperCase())).toEqual([
      expect.stringMatching(/^(BEGIN|START)$/),
      'COMMIT',
    ]);
    expect(work.length).toBeLessThanOrEqual(6);
    expect(t.events.map((e) => e.name)).toEqual([
      PAYMENTS_EVENTS.PERIOD_SUCCEEDED,
    ]);
    expect(typeof t.events[0].payload.eventId).toBe('string');
  });

  it('answers a copy already applied with one commit and three statements, and no event', async () => {
    const { merchantTradeNo } = await activeSubscription();
    const body = periodBody(merchantTradeNo, '3003');
    await post('notify/period', body);
    t.events.length = 0;
    await afterSentStamps();
    const recording = recordStatements(t);
    let res;
    try {
      res = await post('notify/period', body);
    } finally {
      recording.restore();
    }
    expect([res.status, res.text]).toEqual([200, '1|OK']);
    const work = recording.statements.filter(
      (s) => !TRANSACTION_CONTROL.test(s),
    );
    expect(work).toHaveLength(3);
    expect(t.events).toEqual([]);
  });

  it('records a rejected body with one insert', async () => {
    await afterSentStamps();
    const recording = recordStatements(t);
    let res;
    try {
      res = await post('notify/period', 'MerchantID=3002607&RtnCode=1');
    } finally {
      recording.restore();
    }
    expect(res.status).toBe(400);
    expect(recording.statements).toEqual([
      expect.stringMatching(/^INSERT INTO .twpay_gateway_notification./),
    ]);
  });

  it('rejects a signed but malformed body before opening a transaction: one insert', async () => {
    const { merchantTradeNo } = await activeSubscription();
    const fields = periodFields({
      merchantTradeNo,
      amount: 299,
      gwsr: '5005',
      totalSuccessTimes: 2,
      processDate: monthlyProcessDate(1),
    });
    delete fields.Gwsr;
    await afterSentStamps();
    const recording = recordStatements(t);
    let res;
    try {
      res = await post('notify/period', signedBody(fields));
    } finally {
      recording.restore();
    }
    expect(res.status).toBe(400);
    expect(res.text).toContain('Gwsr is required');
    expect(recording.statements).toEqual([
      expect.stringMatching(/^INSERT INTO .twpay_gateway_notification./),
    ]);
  });

  it('emits twpay.notification.failed once a stored notification has used its attempts', async () => {
    const { merchantTradeNo } = await activeSubscription();
    // Every apply of this notification fails inside its transaction (the outbox write throws); the
    // exhaustion event itself is still written.
    const subscriber: EntitySubscriberInterface = {
      listenTo: () => OutboxEventEntity,
      afterInsert: (event: InsertEvent<OutboxEventEntity>) => {
        if (event.entity.name !== PAYMENTS_EVENTS.NOTIFICATION_FAILED) {
          throw new Error('injected fault: outbox write failed');
        }
      },
    };
    const subscribers = t.dataSource.subscribers as EntitySubscriberInterface[];
    subscribers.push(subscriber);
    try {
      const res = await post(
        'notify/period',
        periodBody(merchantTradeNo, '4004'),
      );
      expect([res.status, res.text]).toEqual([200, '1|OK']);
      expect(t.events).toEqual([]);
      expect(await t.reapply.reapplyPending()).toBe(1);
    } finally {
      subscribers.splice(subscribers.indexOf(subscriber), 1);
    }
    expect(t.events.map((e) => e.name)).toEqual([
      PAYMENTS_EVENTS.NOTIFICATION_FAILED,
    ]);
    const row = await t.dataSource
      .getRepository(GatewayNotificationEntity)
      .findOneByOrFail({ merchantTradeNo, channel: 'period' });
    expect(t.events[0].payload).toEqual({
      eventId: expect.any(String),
      notificationId: row.id,
      channel: 'period',
      merchantTradeNo,
      attempts: 2,
      error: 'injected fault: outbox write failed',
    });
    expect(row).toMatchObject({ outcome: 'failed', attempts: 2 });
    // Exhausted: the re-apply job leaves it for an operator.
    expect(await t.reapply.reapplyPending()).toBe(0);
  });
});
