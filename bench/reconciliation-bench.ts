import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  checkMacValue,
  ECPAY_PROFILE,
  formatTaipeiDateTime,
} from 'nestjs-twpay/protocol';
import {
  startGatewaySimulator,
  type RunningGatewaySimulator,
} from 'nestjs-twpay/simulator';
import type { BenchDatabaseKind } from './bench-options.js';
import { createBenchDatabase, type BenchDatabase } from './bench-database.js';
import type { ReconciliationAppRun } from './reconciliation-app.js';

/** The compiled app side, run as its own process. */
const APP_SCRIPT = join(import.meta.dirname, 'reconciliation-app.js');
export const RECONCILED_SUBSCRIPTIONS = 10_000;
/** The target for all of them, on this 2-core machine. */
export const RECONCILIATION_TARGET_SECONDS = 60;
const MERCHANT = ECPAY_PROFILE.stageTestMerchant;
const CARD = { number: '4311-9522-2222-2222', expiry: '12/49', cvv: '222' };

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
  const sink = await startSink();
  const gateway = await startGatewaySimulator({ startTime: new Date() });
  try {
    log(
      `reconciliation: ${RECONCILED_SUBSCRIPTIONS.toLocaleString('en')} paid agreements at the simulator, every post lost`,
    );
    const setupStarted = Date.now();
    const rows = await createLostAgreements(gateway, sink.url);
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

/** Creates and pays the agreements at the simulator; returns their subscriptions as the module stores them at checkout. */
async function createLostAgreements(
  gateway: RunningGatewaySimulator,
  sinkUrl: string,
): Promise<PaymentSubscriptionEntity[]> {
  const now = gateway.simulator.clock.now();
  const prefix = `RB${now.getTime().toString(36)}`;
  const rows: Partial<PaymentSubscriptionEntity>[] = [];
  for (let i = 0; i < RECONCILED_SUBSCRIPTIONS; i++) {
    const fields: Record<string, string> = {
      MerchantID: MERCHANT.merchantId,
      MerchantTradeNo: `${prefix}${i}`.slice(0, 20),
      MerchantTradeDate: formatTaipeiDateTime(now),
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
      merchantTradeNo: fields.MerchantTradeNo,
      // The module's case-folded key of the order number.
      merchantTradeNoKey: fields.MerchantTradeNo.toUpperCase(),
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
  return rows as PaymentSubscriptionEntity[];
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

/** The merchant's notification URLs: every post answered `1|OK` and forgotten, so all are lost. */
async function startSink(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('1|OK'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}
