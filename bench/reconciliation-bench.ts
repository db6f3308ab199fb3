import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import {
  databaseOptionsFromUrl,
  PAYMENTS_ENTITIES,
  PAYMENTS_MIGRATIONS,
  PaymentSubscriptionEntity,
} from 'nestjs-twpay';
import {
  startGatewaySimulator,
  type RunningGatewaySimulator,
} from 'nestjs-twpay/simulator';
import type { BenchDatabaseKind } from './bench-options.js';
import { createBenchDatabase, type BenchDatabase } from './bench-database.js';
import type { ReconciliationAppRun } from './reconciliation-app.js';
import {
  createLostAgreements,
  startLosingSink,
} from '../test/helpers/lost-agreements.js';

/** The compiled app side, run as its own process. */
const APP_SCRIPT = join(import.meta.dirname, 'reconciliation-app.js');
export const RECONCILED_SUBSCRIPTIONS = 10_000;
/** The target for all of them, on this 2-core machine. */
export const RECONCILIATION_TARGET_SECONDS = 60;

/** One database's reconciliation figures. */
export interface ReconciliationBenchResult extends ReconciliationAppRun {
  database: BenchDatabaseKind;
  measuredAt: string;
  subscriptions: number;
  subscriptionsPerSecond: number;
  /** Ledger rows after the run, and how many the gateway's ExecLogs call for (two per subscription). */
  ledgerRows: number;
  expectedLedgerRows: number;
  /** Every subscription checked and repaired, the ledger exact, within the target. */
  targetMet: boolean;
}

/**
 * 10,000 paid ECPay agreements at the simulator (running in this process, as the gateway) whose every
 * post was lost (the merchant URL only answers `1|OK`), the simulator's clock a month and two days
 * on, so each subscription, still `pending` here, needs its first authorization and one period
 * back-filled. For each database: a fresh schema with the 10,000 subscriptions, then one due-only
 * reconciliation by the module in its own process (default options), timed and its peak RSS taken;
 * the ledger is counted afterwards. The agreements are made once: reconciling only queries them.
 */
export async function runReconciliationBench(
  kinds: readonly BenchDatabaseKind[],
  log: (line: string) => void,
): Promise<ReconciliationBenchResult[]> {
  const sink = await startLosingSink();
  const gateway = await startGatewaySimulator({ startTime: new Date() });
  try {
    log(
      `reconciliation: ${RECONCILED_SUBSCRIPTIONS.toLocaleString('en')} paid agreements at the simulator, every post lost`,
    );
    const setupStarted = Date.now();
    const rows = await createLostAgreements(gateway.simulator, {
      count: RECONCILED_SUBSCRIPTIONS,
      sinkUrl: sink.url,
      prefix: `RB${Date.now().toString(36)}`,
    });
    await gateway.simulator.advance({ months: 1, days: 2 });
    log(
      `reconciliation: agreements ready (${((Date.now() - setupStarted) / 1000).toFixed(0)} s)`,
    );
    const results: ReconciliationBenchResult[] = [];
    for (const kind of kinds) {
      log(`${kind}: reconciling ${rows.length.toLocaleString('en')}`);
      results.push(await reconcileOn(kind, rows, gateway));
    }
    return results;
  } finally {
    await gateway.close();
    sink.server.closeAllConnections();
    sink.server.close();
  }
}

async function reconcileOn(
  kind: BenchDatabaseKind,
  rows: PaymentSubscriptionEntity[],
  gateway: RunningGatewaySimulator,
): Promise<ReconciliationBenchResult> {
  const database = await createBenchDatabase(kind);
  try {
    await seedSubscriptions(database, rows);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [APP_SCRIPT],
      {
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          TWPAY_GATEWAY_URL: gateway.url,
          BENCH_CLOCK_OFFSET_MS: String(
            gateway.simulator.clock.now().getTime() - Date.now(),
          ),
        },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const run = JSON.parse(
      stdout.trim().split('\n').at(-1)!,
    ) as ReconciliationAppRun;
    const [{ total }] = await database.query<{ total: number | string }>(
      'SELECT COUNT(*) AS total FROM twpay_period_authorization',
    );
    const ledgerRows = Number(total);
    const expectedLedgerRows = 2 * rows.length;
    return {
      database: kind,
      measuredAt: new Date().toISOString(),
      subscriptions: rows.length,
      ...run,
      subscriptionsPerSecond: run.checked / run.seconds,
      ledgerRows,
      expectedLedgerRows,
      targetMet:
        run.checked === rows.length &&
        run.repaired === rows.length &&
        run.errors === 0 &&
        ledgerRows === expectedLedgerRows &&
        run.seconds < RECONCILIATION_TARGET_SECONDS,
    };
  } finally {
    await database.drop();
  }
}

/** The module's schema (its migrations) with the subscriptions in it, inserted 500 a statement. */
async function seedSubscriptions(
  database: BenchDatabase,
  rows: PaymentSubscriptionEntity[],
): Promise<void> {
  const dataSource = new DataSource({
    ...databaseOptionsFromUrl(database.url),
    entities: PAYMENTS_ENTITIES,
    migrations: PAYMENTS_MIGRATIONS,
    migrationsTableName: 'twpay_migrations',
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    const repository = dataSource.getRepository(PaymentSubscriptionEntity);
    for (let i = 0; i < rows.length; i += 500) {
      await repository.insert(rows.slice(i, i + 500));
    }
  } finally {
    await dataSource.destroy();
  }
}
