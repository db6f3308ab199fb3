import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import {
  PAYMENTS_ENTITIES,
  PAYMENTS_EVENTS,
  PAYMENTS_MIGRATIONS,
  PaymentSubscriptionEntity,
  PeriodAuthorizationEntity,
  ReconciliationReportEntity,
} from 'nestjs-twpay';
import {
  checkMacValue,
  ECPAY_PROFILE,
  formatTaipeiDateTime,
} from 'nestjs-twpay/protocol';
import {
  startGatewaySimulator,
  type RunningGatewaySimulator,
} from 'nestjs-twpay/simulator';
import {
  createTestDatabase,
  testDatabaseKind,
  type TestDatabase,
} from '../libs/payments/test/support/test-database.js';

const SUBSCRIPTIONS = 500;
const ROOT = join(import.meta.dirname, '..');
const MERCHANT = ECPAY_PROFILE.stageTestMerchant;
const START = new Date('2024-03-01T02:00:00Z');
const CARD = { number: '4311-9522-2222-2222', expiry: '12/49', cvv: '222' };
const run = promisify(execFile);

// Two app processes (the built package, as deployed) reconcile the same 500 subscriptions on one
// database server at once. Every post was lost (the merchant URL only answers 1|OK), so each
// subscription needs its first authorization and two periods back-filled: 1,500 repairs, each
// applied exactly once whichever process gets there first. A server database only: SQLite is one
// file for one writer.
const onServer = testDatabaseKind() === 'sqlite' ? describe.skip : describe;

onServer(`two instances reconciling at once (${testDatabaseKind()})`, () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let gateway: RunningGatewaySimulator;
  let sink: Server;

  beforeAll(async () => {
    // The instances run the built package: build it when a source changed since.
    execFileSync('node', ['scripts/twpay.mjs', '--version'], { cwd: ROOT });
    sink = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('1|OK'));
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
    [db, gateway] = await Promise.all([
      createTestDatabase(),
      startGatewaySimulator({ startTime: START }),
    ]);
    dataSource = new DataSource({
      ...db.options,
      entities: PAYMENTS_ENTITIES,
      migrations: PAYMENTS_MIGRATIONS,
      migrationsTableName: 'twpay_migrations',
    });
    await dataSource.initialize();
    await dataSource.runMigrations();

    const rows: Partial<PaymentSubscriptionEntity>[] = [];
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      const merchantTradeNo = `MI${Date.now().toString(36)}${i}`.slice(0, 20);
      const fields: Record<string, string> = {
        MerchantID: MERCHANT.merchantId,
        MerchantTradeNo: merchantTradeNo,
        MerchantTradeDate: formatTaipeiDateTime(START),
        PaymentType: 'aio',
        TotalAmount: '299',
        TradeDesc: 'Monthly plan',
        ItemName: 'Pro plan',
        ReturnURL: `${sinkUrl}/return`,
        ChoosePayment: 'Credit',
        EncryptType: '1',
        PeriodAmount: '299',
        PeriodType: 'M',
        Frequency: '1',
        ExecTimes: '12',
        PeriodReturnURL: `${sinkUrl}/period`,
      };
      const created = gateway.simulator.createOrder(
        'ecpay',
        Object.entries({
          ...fields,
          CheckMacValue: checkMacValue(fields, MERCHANT),
        }),
      );
      if (!created.ok) throw new Error(created.error.message);
      const paid = await gateway.simulator.pay(created.order.id, CARD);
      if (!paid.ok) throw new Error(paid.error.message);
      rows.push({
        id: randomUUID(),
        gateway: 'ecpay',
        merchantId: MERCHANT.merchantId,
        merchantTradeNo,
        // The module's case-folded key of the order number (unique per order table).
        merchantTradeNoKey: merchantTradeNo.toUpperCase(),
        itemName: 'Pro plan',
        customerId: null,
        metadata: null,
        status: 'pending',
        periodAmount: 299,
        periodType: 'M',
        frequency: 1,
        execTimes: 12,
      });
    }
    await dataSource
      .getRepository(PaymentSubscriptionEntity)
      .insert(rows as PaymentSubscriptionEntity[]);
    await gateway.simulator.advance({ months: 2 });
  }, 600_000);
  afterAll(async () => {
    await dataSource?.destroy();
    await gateway?.close();
    sink?.closeAllConnections();
    sink?.close();
    await db?.drop();
  });

  it('applies every repair exactly once: ledger rows and events counted across both processes', async () => {
    const env = {
      ...process.env,
      DATABASE_URL: (db.options as { url: string }).url,
      TWPAY_GATEWAY_URL: gateway.url,
    };
    const script = join(ROOT, 'test/support/reconcile-instance.mjs');
    const outputs = await Promise.all(
      [1, 2].map(() => run('node', [script], { env, cwd: ROOT })),
    );
    const instances = outputs.map(
      ({ stdout }) =>
        JSON.parse(stdout.trim().split('\n').at(-1)!) as {
          checked: number;
          repaired: number;
          errors: number;
          backfilled: number;
          events: Record<string, string[]>;
        },
    );
    expect(instances.map((i) => i.errors)).toEqual([0, 0]);
    const all = (name: string) =>
      instances.flatMap((i) => i.events[name] ?? []);
    const sum = (pick: (i: (typeof instances)[number]) => number) =>
      instances.reduce((total, i) => total + pick(i), 0);

    expect(sum((i) => i.repaired)).toBe(SUBSCRIPTIONS);
    expect(sum((i) => i.backfilled)).toBe(3 * SUBSCRIPTIONS);
    const succeeded = all(PAYMENTS_EVENTS.PERIOD_SUCCEEDED);
    expect(succeeded).toHaveLength(3 * SUBSCRIPTIONS);
    expect(new Set(succeeded).size).toBe(3 * SUBSCRIPTIONS);
    expect(new Set(all(PAYMENTS_EVENTS.RECONCILIATION_REPAIRED)).size).toBe(
      SUBSCRIPTIONS,
    );
    expect(all(PAYMENTS_EVENTS.RECONCILIATION_REPAIRED)).toHaveLength(
      SUBSCRIPTIONS,
    );
    expect(all(PAYMENTS_EVENTS.SUBSCRIPTION_ACTIVATED)).toHaveLength(
      SUBSCRIPTIONS,
    );

    const ledger = await dataSource
      .getRepository(PeriodAuthorizationEntity)
      .count();
    expect(ledger).toBe(3 * SUBSCRIPTIONS);
    const active = await dataSource
      .getRepository(PaymentSubscriptionEntity)
      .countBy({ status: 'active', totalSuccessTimes: 3 });
    expect(active).toBe(SUBSCRIPTIONS);
    // Each instance stored its drift report (on MariaDB, within TEXT's 64 kB).
    const reports = await dataSource
      .getRepository(ReconciliationReportEntity)
      .find();
    expect(reports).toHaveLength(2);
    expect(reports.reduce((total, r) => total + r.repaired, 0)).toBe(
      SUBSCRIPTIONS,
    );
    expect(reports.every((r) => r.finishedAt !== null)).toBe(true);
  }, 600_000);
});
