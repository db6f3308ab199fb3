/**
 * The reliability suite (`npm run test:reliability`, PostgreSQL): two example-app processes on one
 * database take duplicated notifications, a database outage, and a generated hostile corpus, at
 * debug log level, and the ledger, the events, the inbox and the logs are checked with exact counts.
 * It prints its figures. See the README, "Reliability suite".
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import {
  ECPAY_STAGE,
  firstAuthorizationFields,
  monthlyProcessDate,
  periodFields,
  signedBody,
} from '../../libs/payments/test/support/gateway-bodies.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../libs/payments/test/support/test-database.js';
import { startAppProcess, type AppProcess } from './helpers/app-process.js';
import {
  deliverUntilAnswered,
  inPool,
  postForm,
  postRaw,
  type Answer,
} from './helpers/http-client.js';
import {
  CALLBACK_ROUTES,
  FORGED_LOG_LINE,
  hostileCorpus,
} from './helpers/hostile-corpus.js';
import {
  databaseOutage,
  dumpDatabase,
  queryOnce,
} from './helpers/postgres-probe.js';

const SUBSCRIPTIONS = 500;
const PERIODS_PER_SUBSCRIPTION = 10; // sequences 2..11: 5,000 period notifications
const DUPLICATE_SHARE = 0.3;
const OUTAGE_PERIODS = 4; // sequences 12..15 during the outage run: 2,000 more
const OUTAGE_MS = 10_000;
const CONCURRENCY = 16;
const PERIOD_AMOUNT = 299;
const EXEC_TIMES = 24;
const HOSTILE_SEED = Number(process.env.TWPAY_RELIABILITY_SEED ?? 20261202);

/** Fresh keys for the run, so a leak cannot hide among the public stage keys in fixtures. */
const KEYS = {
  hashKey: randomBytes(12).toString('base64url').slice(0, 16),
  hashIV: randomBytes(12).toString('base64url').slice(0, 16),
};
const MERCHANT_ID = ECPAY_STAGE.merchantId;

interface Subscription {
  id: string;
  merchantTradeNo: string;
}

const figures: Record<string, string | number> = {};

describe('reliability: two app processes on one PostgreSQL database', () => {
  let database: TestDatabase;
  let databaseUrl: string;
  let apps: AppProcess[] = [];
  const answers: Answer[] = [];
  let subscriptions: Subscription[] = [];
  /** `subscriptionId:gwsr` of every authorization sent with a valid MAC. */
  const sent = new Set<string>();
  let gwsrCounter = 10_000_000;

  beforeAll(async () => {
    if (process.env.TWPAY_TEST_DB !== 'postgres')
      throw new Error(
        'The reliability suite runs on PostgreSQL: TWPAY_TEST_DB=postgres',
      );
    database = await createTestDatabase('postgres');
    databaseUrl = (database.options as { url: string }).url;
    const env = {
      DATABASE_URL: databaseUrl,
      TWPAY_GATEWAY: 'ecpay',
      TWPAY_MERCHANT_ID: MERCHANT_ID,
      TWPAY_HASH_KEY: KEYS.hashKey,
      TWPAY_HASH_IV: KEYS.hashIV,
    };
    // One after the other: both run the migrations at boot.
    apps.push(await startAppProcess(env));
    apps.push(await startAppProcess(env));
    subscriptions = await inPool(
      Array.from({ length: SUBSCRIPTIONS }, (_, i) => i),
      8,
      async (i) => {
        const response = await fetch(`${apps[i % 2].url}/api/subscriptions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            periodAmount: PERIOD_AMOUNT,
            periodType: 'M',
            frequency: 1,
            execTimes: EXEC_TIMES,
            itemName: 'Reliability plan',
            customerId: `reliability-${i}`,
          }),
        });
        if (response.status !== 201)
          throw new Error(
            `creating a subscription answered ${response.status}: ${await response.text()}`,
          );
        return (await response.json()) as Subscription;
      },
    );
    const firsts = await inPool(subscriptions, CONCURRENCY, (s, i) => {
      const gwsr = String(gwsrCounter++);
      sent.add(`${s.id}:${gwsr}`);
      return send(
        i % 2,
        '/payments/notify/return',
        signed({
          ...firstAuthorizationFields({
            merchantTradeNo: s.merchantTradeNo,
            amount: PERIOD_AMOUNT,
            gwsr,
            tradeNo: String(2403011000000000 + i),
          }),
          ExecTimes: String(EXEC_TIMES),
        }),
      );
    });
    const refused = firsts.filter((a) => a.text !== '1|OK');
    if (refused.length > 0)
      throw new Error(
        `first authorizations refused: ${JSON.stringify(refused.slice(0, 3))}`,
      );
  }, 300_000);

  afterAll(async () => {
    for (const app of apps) await app.stop();
    process.stdout.write(
      `\nReliability figures:\n${Object.entries(figures)
        .map(([name, value]) => `  ${name}: ${value}`)
        .join('\n')}\n`,
    );
    await database?.drop();
  }, 60_000);

  function signed(fields: Record<string, string>): string {
    return signedBody(fields, KEYS);
  }

  async function send(
    app: number,
    route: string,
    body: string,
  ): Promise<Answer> {
    const answer = await postForm(`${apps[app].url}${route}`, body);
    answers.push(answer);
    return answer;
  }

  function periodBody(
    s: Subscription,
    sequence: number,
  ): { body: string; key: string } {
    const gwsr = String(gwsrCounter++);
    return {
      key: `${s.id}:${gwsr}`,
      body: signed(
        periodFields({
          merchantTradeNo: s.merchantTradeNo,
          amount: PERIOD_AMOUNT,
          gwsr,
          totalSuccessTimes: sequence,
          processDate: monthlyProcessDate(sequence - 1),
          execTimes: EXEC_TIMES,
        }),
      ),
    };
  }

  async function ledgerKeys(): Promise<string[]> {
    const rows = await queryOnce<{ key: string }>(
      databaseUrl,
      "SELECT subscription_id || ':' || gwsr AS key FROM twpay_period_authorization",
    );
    return rows.map((r) => r.key);
  }

  /** `periodId` of every `twpay.period.succeeded` debug line both processes wrote. */
  function periodEventIds(): string[] {
    return apps.flatMap((app) =>
      [...app.output().matchAll(/twpay\.period\.succeeded (\{.*\})$/gm)].map(
        (m) => (JSON.parse(m[1]) as { periodId: string }).periodId,
      ),
    );
  }

  async function expectOneEventPerLedgerRow(): Promise<void> {
    const ids = periodEventIds();
    const rows = await queryOnce<{ id: string }>(
      databaseUrl,
      'SELECT id FROM twpay_period_authorization',
    );
    expect(ids.length).toBe(rows.length);
    expect(new Set(ids)).toEqual(new Set(rows.map((r) => r.id)));
  }

  it('applies 5,000 period notifications, 30 % of them duplicated, across both processes exactly once', async () => {
    const started = Date.now();
    let posts = 0;
    for (
      let sequence = 2;
      sequence < 2 + PERIODS_PER_SUBSCRIPTION;
      sequence++
    ) {
      const wave = subscriptions.map((s) => periodBody(s, sequence));
      for (const { key } of wave) sent.add(key);
      const duplicates = wave.filter(() => Math.random() < DUPLICATE_SHARE);
      const bodies = shuffle([...wave, ...duplicates]);
      posts += bodies.length;
      const waveAnswers = await inPool(bodies, CONCURRENCY, ({ body }) =>
        send(Math.random() < 0.5 ? 0 : 1, '/payments/notify/period', body),
      );
      expect(
        waveAnswers.filter((a) => a.status !== 200 || a.text !== '1|OK'),
      ).toEqual([]);
    }
    figures['replicas: period posts (duplicates included)'] = posts;
    figures['replicas: seconds'] = ((Date.now() - started) / 1000).toFixed(1);
    const ledger = await ledgerKeys();
    figures['replicas: ledger rows'] = ledger.length;
    expect(ledger.length).toBe(sent.size);
    expect(new Set(ledger)).toEqual(sent);
    await expectOneEventPerLedgerRow();
    figures['replicas: period events'] = periodEventIds().length;
  }, 600_000);

  it('loses nothing through a 10 s database outage: every 5xx is re-sent and applied once', async () => {
    const deadline = Date.now() + 400_000;
    const bodies = subscriptions.flatMap((s) =>
      Array.from({ length: OUTAGE_PERIODS }, (_, k) => periodBody(s, 12 + k)),
    );
    for (const { key } of bodies) sent.add(key);
    let retried = 0;
    let answered = 0;
    const outage = new Promise<{ terminated: number }>((resolve, reject) => {
      const start = setInterval(() => {
        if (answered < bodies.length / 8) return;
        clearInterval(start);
        databaseOutage(new URL(databaseUrl).pathname.slice(1), OUTAGE_MS).then(
          resolve,
          reject,
        );
      }, 20);
    });
    const deliveries = await inPool(bodies, CONCURRENCY, async ({ body }) => {
      const delivery = await deliverUntilAnswered(
        `${apps[Math.random() < 0.5 ? 0 : 1].url}/payments/notify/period`,
        body,
        { maxAttempts: 200, deadline, pauseMs: 250 },
      );
      answered++;
      retried += delivery.retried;
      answers.push(delivery.final);
      return delivery.final;
    });
    const { terminated } = await outage;
    figures['outage: period posts'] = bodies.length;
    figures['outage: connections terminated'] = terminated;
    figures['outage: 5xx or no answer, re-sent'] = retried;
    expect(retried).toBeGreaterThan(0);
    expect(
      deliveries.filter((a) => a.status !== 200 || a.text !== '1|OK'),
    ).toEqual([]);
    // A notification stored but not applied during the outage was answered 1|OK and is re-applied
    // by the module's job (every 60 s by default): wait for it, bounded.
    const waitUntil = Date.now() + 180_000;
    let ledger = await ledgerKeys();
    while (ledger.length < sent.size && Date.now() < waitUntil) {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      ledger = await ledgerKeys();
    }
    figures['outage: ledger rows after'] = ledger.length;
    figures['outage: seconds until the ledger was complete'] = (
      (Date.now() - (waitUntil - 180_000)) /
      1000
    ).toFixed(1);
    expect(ledger.length).toBe(sent.size);
    expect(new Set(ledger)).toEqual(sent);
    await expectOneEventPerLedgerRow();
    expect(apps.map((app) => app.death()).filter(Boolean)).toEqual([]);
  }, 600_000);

  it('answers 10,000 generated hostile bodies 4xx 0|…, records each, and changes nothing', async () => {
    const bnpl = await inPool([0, 1, 2, 3], 2, async (i) => {
      const response = await fetch(`${apps[i % 2].url}/api/bnpl-orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          totalAmount: 3600,
          itemName: 'Reliability BNPL',
          customerId: `bnpl-${i}`,
        }),
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as Subscription).merchantTradeNo;
    });
    const corpus = hostileCorpus(
      {
        merchantId: MERCHANT_ID,
        keys: KEYS,
        subscriptionTradeNos: subscriptions.map((s) => s.merchantTradeNo),
        bnplTradeNos: bnpl,
      },
      HOSTILE_SEED,
    );
    expect(corpus.length).toBeGreaterThanOrEqual(10_000);
    expect(new Set(corpus.map((r) => r.route))).toEqual(
      new Set(CALLBACK_ROUTES),
    );
    const stateBefore = await businessState();
    const inboxBefore = await inboxCount();
    const logOffsets = apps.map((app) => app.output().length);
    const started = Date.now();
    const results = await inPool(corpus, CONCURRENCY, async (request, i) => {
      const answer = await postRaw(
        `${apps[i % 2].url}${request.route}`,
        request,
      );
      answers.push(answer);
      return { request, answer };
    });
    figures['hostile: requests'] = corpus.length;
    figures['hostile: categories'] = new Set(
      corpus.map((r) => r.category),
    ).size;
    figures['hostile: seed'] = HOSTILE_SEED;
    figures['hostile: seconds'] = ((Date.now() - started) / 1000).toFixed(1);

    const wrong = results.filter(
      ({ request, answer }) => !acceptableRefusal(request.route, answer),
    );
    const byCategory = new Map<string, { count: number; example: string }>();
    for (const { request, answer } of wrong) {
      const entry = byCategory.get(request.category) ?? {
        count: 0,
        example: `${request.route} → ${answer.status} ${JSON.stringify(answer.text.slice(0, 120))}`,
      };
      entry.count++;
      byCategory.set(request.category, entry);
    }
    figures['hostile: answers not a bounded 4xx 0|…'] = wrong.length;
    const stateAfter = await businessState();
    const recorded = (await inboxCount()) - inboxBefore;
    figures['hostile: inbox rows recorded'] = recorded;
    const logs = apps
      .map((app, i) => app.output().slice(logOffsets[i]))
      .join('');
    const forged = logs
      .split(/\r\n|\r|\n|\u2028/)
      .filter((line) => line.startsWith(FORGED_LOG_LINE)).length;
    const errors = logs.split('\n').filter((l) => / ERROR /.test(l)).length;
    figures['hostile: forged log lines'] = forged;
    figures['hostile: ERROR log lines'] = errors;
    // Every check at once, so one run reports everything that is wrong.
    expect({
      wrongAnswersByCategory: Object.fromEntries(byCategory),
      processDeaths: apps.map((app) => app.death()).filter(Boolean),
      stateChanged: stateAfter !== stateBefore,
      requestsNotRecorded: corpus.length - recorded,
      forgedLogLines: forged,
      errorLogLines: errors,
    }).toEqual({
      wrongAnswersByCategory: {},
      processDeaths: [],
      stateChanged: false,
      requestsNotRecorded: 0,
      forgedLogLines: 0,
      errorLogLines: 0,
    });
  }, 900_000);

  it('never writes the HashKey or the HashIV to a log, an answer or the database (debug level on)', async () => {
    const logs = apps.map((app) => app.output()).join('\n');
    expect(logs).toMatch(/ DEBUG \[PaymentsEvents\] twpay\./);
    const haystacks = {
      logs,
      answers: answers.map((a) => a.text).join('\n'),
      database: await dumpDatabase(databaseUrl),
    };
    figures['secrets: log bytes scanned'] = logs.length;
    figures['secrets: answers scanned'] = answers.length;
    figures['secrets: database bytes scanned'] = haystacks.database.length;
    for (const [where, text] of Object.entries(haystacks)) {
      const lower = text.toLowerCase();
      for (const secret of [KEYS.hashKey, KEYS.hashIV]) {
        expect({ where, found: lower.includes(secret.toLowerCase()) }).toEqual({
          where,
          found: false,
        });
      }
    }
  }, 120_000);

  async function inboxCount(): Promise<number> {
    const [row] = await queryOnce<{ n: string }>(
      databaseUrl,
      'SELECT count(*) AS n FROM twpay_gateway_notification',
    );
    return Number(row.n);
  }

  /** Subscriptions, the ledger and BNPL orders, as they stand. */
  async function businessState(): Promise<string> {
    const tables = [
      'twpay_subscription',
      'twpay_period_authorization',
      'twpay_bnpl_application',
    ];
    const parts = await Promise.all(
      tables.map((t) =>
        queryOnce(databaseUrl, `SELECT * FROM ${t} ORDER BY id`),
      ),
    );
    return JSON.stringify(parts);
  }
});

/**
 * A refusal as the hostile corpus must get it: a 4xx, and on the gateway's routes `0|<reason>`
 * text, bounded, on one line (the browser routes may answer a readable page).
 */
function acceptableRefusal(route: string, answer: Answer): boolean {
  if (answer.status < 400 || answer.status > 499) return false;
  if (route.includes('/redirect/')) return answer.text.length <= 20_000;
  return (
    answer.text.startsWith('0|') &&
    answer.text.length <= 1_000 &&
    !/[\r\n]/.test(answer.text)
  );
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
