import { createServer } from 'node:net';
import { join } from 'node:path';
import type { BenchDatabaseKind } from './bench-options.js';
import { createBenchDatabase, type BenchDatabase } from './bench-database.js';
import { CONNECTIONS, runCallbackLoad, type LoadRun } from './callback-load.js';
import { startChildServer, type ChildServer } from './child-server.js';
import { PeriodPostFactory, type BenchSubscription } from './gateway-posts.js';
import { seedActiveSubscriptions } from './seed-subscriptions.js';

/** The compiled example app (what `npm start` runs) and the compiled bare ceiling server. */
const APP_SCRIPT = join(import.meta.dirname, '..', 'src', 'main.js');
const BARE_SCRIPT = join(import.meta.dirname, 'bare-server.js');
const PERIOD_PATH = '/payments/notify/period';
const ACTIVE_SUBSCRIPTIONS = 200;
const WARM_UP_REQUESTS = 1_000;

/** The ledger after a run: every `1|OK` answer must be exactly one new row. */
export interface LedgerCheck {
  expectedRows: number;
  foundRows: number;
  everyAnswerOk: boolean;
  exact: boolean;
}

export interface ServerRun {
  load: LoadRun;
  ledger: LedgerCheck;
}

export interface AppRun extends ServerRun {
  peakRssMb: number;
}

/** One database's callback figures: the app, and the bare ceilings on the same database. */
export interface CallbackBenchResult {
  database: BenchDatabaseKind;
  measuredAt: string;
  app: AppRun;
  /** The ceiling: one insert per request. */
  bare: ServerRun;
  /** The callback transaction's four writes with no application logic (`BARE_WRITES=callback`). */
  bareCallbackWrites: ServerRun;
  /** The same four writes behind a Nest route (`BARE_ROUTER=nest`): the most a Nest module can reach. */
  nestCallbackWrites: ServerRun;
  throughputRatio: number;
  p99Ratio: number;
  /** How far the four writes alone get towards the one-insert ceiling: the most any app could reach. */
  callbackWritesRatio: number;
  /** How far the four writes behind a Nest route get towards the one-insert ceiling. */
  nestCallbackWritesRatio: number;
}

/**
 * The example app against the bare ceilings on one fresh database: the app first (it seeds 200
 * active subscriptions through its own API), then the bare server three times: one insert per
 * request, the callback transaction's four writes, and the four writes behind a Nest route, with posts
 * of the same shape for the same subscriptions, each warmed up and then measured over a request count
 * sized to take about `seconds`.
 */
export async function runCallbackBench(
  kind: BenchDatabaseKind,
  seconds: number,
  log: (line: string) => void,
): Promise<CallbackBenchResult> {
  const database = await createBenchDatabase(kind);
  try {
    const { subscriptions, run: app } = await runApp(database, seconds, log);
    log(`${kind}: bare ceiling, one insert`);
    const bare = await runBare(database, 'one', subscriptions, seconds);
    log(`${kind}: bare ceiling, the callback's four writes`);
    const bareCallbackWrites = await runBare(
      database,
      'callback',
      subscriptions,
      seconds,
    );
    log(`${kind}: the callback's four writes behind a Nest route`);
    const nestCallbackWrites = await runBare(
      database,
      'nest',
      subscriptions,
      seconds,
    );
    const rate = (run: ServerRun) => run.load.requestsPerSecond;
    return {
      database: kind,
      measuredAt: new Date().toISOString(),
      app,
      bare,
      bareCallbackWrites,
      nestCallbackWrites,
      throughputRatio: rate(app) / rate(bare),
      p99Ratio: app.load.p99Ms / bare.load.p99Ms,
      callbackWritesRatio: rate(bareCallbackWrites) / rate(bare),
      nestCallbackWritesRatio: rate(nestCallbackWrites) / rate(bare),
    };
  } finally {
    await database.drop();
  }
}

/** The bare server's variants: one insert, the four writes, the four writes behind a Nest route. */
type BareVariant = 'one' | 'callback' | 'nest';
/** Each variant's environment, and its first Gwsr (apart from the app's, 100,000,000 on, and each other's). */
const BARE_VARIANTS: Record<
  BareVariant,
  { env: Record<string, string>; firstGwsr: number }
> = {
  one: { env: { BARE_WRITES: 'one' }, firstGwsr: 900_000_000 },
  callback: { env: { BARE_WRITES: 'callback' }, firstGwsr: 930_000_000 },
  nest: {
    env: { BARE_WRITES: 'callback', BARE_ROUTER: 'nest' },
    firstGwsr: 960_000_000,
  },
};

async function runBare(
  database: BenchDatabase,
  variant: BareVariant,
  subscriptions: BenchSubscription[],
  seconds: number,
): Promise<ServerRun> {
  const countRows = async () => {
    const [{ total }] = await database.query<{ total: number | string }>(
      'SELECT COUNT(*) AS total FROM bench_bare_ledger',
    );
    return Number(total);
  };
  const server = await startChildServer(BARE_SCRIPT, await freePort(), {
    DATABASE_URL: database.url,
    ...BARE_VARIANTS[variant].env,
  });
  let before: number;
  let loads: { warmUp: LoadRun; measured: LoadRun };
  try {
    // The table exists once the server answers (it creates it before listening).
    before = await countRows();
    const posts = new PeriodPostFactory(
      subscriptions,
      BARE_VARIANTS[variant].firstGwsr,
    );
    loads = await warmUpAndMeasure(server, posts, seconds);
  } finally {
    await server.stop();
  }
  return {
    load: loads.measured,
    ledger: ledgerCheck(loads, (await countRows()) - before),
  };
}

/**
 * Starts the example app on `database` (its migrations create the tables), lets `prepare` fill it (the large run's bulk rows), seeds
 * the active subscriptions, and measures the PeriodReturnURL load.
 */
export async function runApp(
  database: BenchDatabase,
  seconds: number,
  log: (line: string) => void,
  prepare?: () => Promise<void>,
): Promise<{ subscriptions: BenchSubscription[]; run: AppRun }> {
  log(`${database.kind}: example app`);
  const port = await freePort();
  const app = await startChildServer(APP_SCRIPT, port, {
    DATABASE_URL: database.url,
    TWPAY_GATEWAY: 'ecpay',
    // As in production: the default `debug` prints two lines per notification (the README has the cost).
    LOG_LEVEL: 'log',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
  });
  try {
    await prepare?.();
    const subscriptions = await seedActiveSubscriptions(
      `http://127.0.0.1:${port}`,
      ACTIVE_SUBSCRIPTIONS,
    );
    const before = await countPeriodRows(database);
    const posts = new PeriodPostFactory(subscriptions, 100_000_000);
    const loads = await warmUpAndMeasure(app, posts, seconds);
    const peakRssMb = app.peakRssMb();
    await app.stop();
    const found = (await countPeriodRows(database)) - before;
    return {
      subscriptions,
      run: {
        load: loads.measured,
        ledger: ledgerCheck(loads, found),
        peakRssMb,
      },
    };
  } finally {
    await app.stop();
  }
}

async function countPeriodRows(database: BenchDatabase): Promise<number> {
  const [{ total }] = await database.query<{ total: number | string }>(
    "SELECT COUNT(*) AS total FROM twpay_period_authorization WHERE source = 'period_return_url'",
  );
  return Number(total);
}

async function warmUpAndMeasure(
  server: ChildServer,
  posts: PeriodPostFactory,
  seconds: number,
): Promise<{ warmUp: LoadRun; measured: LoadRun }> {
  const warmUp = await runCallbackLoad(
    server.port,
    PERIOD_PATH,
    posts,
    WARM_UP_REQUESTS,
  );
  // Bounded by count, sized from the warm-up rate, so every request sent is also answered.
  const amount =
    Math.ceil(
      Math.min(30_000, Math.max(400, warmUp.requestsPerSecond * seconds)) /
        CONNECTIONS,
    ) * CONNECTIONS;
  const measured = await runCallbackLoad(
    server.port,
    PERIOD_PATH,
    posts,
    amount,
  );
  return { warmUp, measured };
}

function ledgerCheck(
  { warmUp, measured }: { warmUp: LoadRun; measured: LoadRun },
  foundRows: number,
): LedgerCheck {
  const ok = warmUp.ok + measured.ok;
  const everyAnswerOk =
    warmUp.ok === warmUp.answered &&
    measured.ok === measured.answered &&
    warmUp.errors + measured.errors === 0 &&
    warmUp.distinctOkGwsr + measured.distinctOkGwsr === ok;
  return {
    expectedRows: ok,
    foundRows,
    everyAnswerOk,
    exact: everyAnswerOk && foundRows === ok,
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
