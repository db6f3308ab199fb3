import { execFile, execFileSync } from 'node:child_process';
import type { Server } from 'node:http';
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
  startGatewaySimulator,
  type RunningGatewaySimulator,
} from 'nestjs-twpay/simulator';
import {
  createTestDatabase,
  testDatabaseKind,
  type TestDatabase,
} from '../libs/payments/test/support/test-database.js';
import {
  createLostAgreements,
  startLosingSink,
} from './helpers/lost-agreements.js';

const SUBSCRIPTIONS = 500;
const ROOT = join(import.meta.dirname, '..');
const START = new Date('2024-03-01T02:00:00Z');
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
    const losing = await startLosingSink();
    sink = losing.server;
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

    const rows = await createLostAgreements(gateway.simulator, {
      count: SUBSCRIPTIONS,
      sinkUrl: losing.url,
      prefix: `MI${Date.now().toString(36)}`,
    });
    await dataSource.getRepository(PaymentSubscriptionEntity).insert(rows);
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
