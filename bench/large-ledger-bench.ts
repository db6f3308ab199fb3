import { createBenchDatabase, type BenchDatabase } from './bench-database.js';
import { runApp, type AppRun } from './callback-bench.js';

export const SEEDED_SUBSCRIPTIONS = 100_000;
export const SEEDED_LEDGER_ROWS = 1_000_000;

/** One hot query of the callback path and how PostgreSQL plans it on the large tables. */
export interface HotQueryPlan {
  query: string;
  plan: string[];
  usesIndex: boolean;
}

export interface LargeLedgerResult {
  /** The same run on an empty database, measured just before, so both see the same machine. */
  empty: AppRun;
  app: AppRun;
  seedSeconds: number;
  plans: HotQueryPlan[];
}

/**
 * The PostgreSQL callback run on an empty database, then with 100,000 subscriptions and 1,000,000
 * ledger rows (and as many stored notifications) already in the tables, written with bulk SQL
 * (`generate_series`) after the app's migrations made the schema, then vacuumed, analyzed and
 * checkpointed (as a database that has been running is: the measured run should not pay for the bulk
 * load's dirty pages); afterwards `EXPLAIN` of the hot queries.
 */
export async function runLargeLedgerBench(
  seconds: number,
  log: (line: string) => void,
): Promise<LargeLedgerResult> {
  const empty = await withPostgres((database) =>
    runApp(database, seconds, log),
  );
  return withPostgres(async (database) => {
    let seedSeconds = 0;
    const { subscriptions, run } = await runApp(
      database,
      seconds,
      log,
      async () => {
        log(
          `postgres: bulk seeding ${SEEDED_LEDGER_ROWS.toLocaleString('en')} ledger rows`,
        );
        const start = Date.now();
        await seedLargeLedger(database);
        seedSeconds = (Date.now() - start) / 1000;
      },
    );
    const plans = await explainHotQueries(database, subscriptions[0].id);
    return { empty: empty.run, app: run, seedSeconds, plans };
  });
}

async function withPostgres<T>(
  work: (database: BenchDatabase) => Promise<T>,
): Promise<T> {
  const database = await createBenchDatabase('postgres');
  try {
    return await work(database);
  } finally {
    await database.drop();
  }
}

/** A seeded subscription's id and MerchantTradeNo, as SQL expressions of its number `n`. */
const SEEDED_ID = (n: string) =>
  `md5('bench-subscription-' || ${n})::uuid::text`;
const SEEDED_TRADE_NO = (n: string) => `'SEED' || lpad(${n}::text, 16, '0')`;

async function seedLargeLedger(database: BenchDatabase): Promise<void> {
  const perSubscription = SEEDED_LEDGER_ROWS / SEEDED_SUBSCRIPTIONS;
  await database.query(`
    INSERT INTO twpay_subscription (id, gateway, merchant_id, merchant_trade_no, merchant_trade_no_key, status, period_amount,
      period_type, frequency, exec_times, total_success_times, amount_collected, consecutive_failures,
      item_name, first_trade_no, first_authorized_at, last_authorized_at, customer_id, version)
    SELECT ${SEEDED_ID('n')}, 'ecpay', '3002607', ${SEEDED_TRADE_NO('n')}, ${SEEDED_TRADE_NO('n')}, 'active', 100,
      'D', 1, 999, ${perSubscription}, ${perSubscription * 100}, 0,
      'Seeded plan', lpad(n::text, 16, '0'), timestamp '2024-03-01 02:00:05',
      timestamp '2024-03-01 02:00:05' + interval '1 day' * ${perSubscription - 1}, 'seed-' || n,
      ${perSubscription + 1}
    FROM generate_series(1, ${SEEDED_SUBSCRIPTIONS}) AS n`);
  await database.query(`
    INSERT INTO twpay_period_authorization (id, subscription_id, sequence, gwsr, trade_no, amount,
      success, rtn_code, rtn_msg, auth_code, processed_at, simulated, counts_as_paid, source)
    SELECT md5('bench-period-' || n || '-' || k)::uuid::text, ${SEEDED_ID('n')}, k,
      (n * 100 + k)::text, CASE WHEN k = 1 THEN lpad(n::text, 16, '0') END, 100,
      true, '1', '交易成功', '777777', timestamp '2024-03-01 02:00:05' + interval '1 day' * (k - 1),
      false, true, CASE WHEN k = 1 THEN 'return_url' ELSE 'period_return_url' END
    FROM generate_series(1, ${SEEDED_SUBSCRIPTIONS}) AS n, generate_series(1, ${perSubscription}) AS k`);
  await database.query(`
    INSERT INTO twpay_gateway_notification (id, channel, raw_body, remote_address, received_at,
      merchant_id, merchant_trade_no, verification, outcome, attempts, processed_at)
    SELECT md5('bench-notification-' || m)::uuid::text, 'period', 'seeded', '127.0.0.1',
      timestamp '2024-03-01 02:00:05' + interval '1 second' * m, '3002607',
      ${SEEDED_TRADE_NO(`(m % ${SEEDED_SUBSCRIPTIONS} + 1)`)}, 'valid', 'applied', 1,
      timestamp '2024-03-01 02:00:05' + interval '1 second' * m
    FROM generate_series(1, ${SEEDED_LEDGER_ROWS}) AS m`);
  await database.query('VACUUM ANALYZE');
  await database.query('CHECKPOINT');
}

/**
 * The lookups every PeriodReturnURL makes, whatever statements carry them: the order locked by its
 * MerchantTradeNo, the duplicate check on (subscription, Gwsr) (also the arbiter of an
 * `ON CONFLICT`), the versioned subscription update, the inbox row update, and the re-apply job's
 * scan for stored notifications still to apply.
 */
async function explainHotQueries(
  database: BenchDatabase,
  subscriptionId: string,
): Promise<HotQueryPlan[]> {
  const seededTradeNo = 'SEED0000000000050000';
  const queries = [
    `SELECT * FROM twpay_subscription WHERE merchant_trade_no_key = '${seededTradeNo}' AND merchant_id = '3002607' FOR UPDATE`,
    `SELECT id FROM twpay_period_authorization WHERE subscription_id = '${subscriptionId}' AND gwsr = '100000001'`,
    `UPDATE twpay_subscription SET total_success_times = 3, version = version + 1 WHERE id = '${subscriptionId}' AND version = 2`,
    `UPDATE twpay_gateway_notification SET outcome = 'applied' WHERE id = '00000000-0000-0000-0000-000000000000'`,
    `SELECT * FROM twpay_gateway_notification WHERE outcome IN ('received', 'failed') ORDER BY received_at LIMIT 50`,
  ];
  const plans: HotQueryPlan[] = [];
  for (const query of queries) {
    const rows = await database.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN ${query}`,
    );
    const plan = rows.map((row) => row['QUERY PLAN']);
    plans.push({
      query,
      plan,
      usesIndex:
        plan.some((line) => /Index (Only )?Scan/.test(line)) &&
        !plan.some((line) => line.includes('Seq Scan')),
    });
  }
  return plans;
}
