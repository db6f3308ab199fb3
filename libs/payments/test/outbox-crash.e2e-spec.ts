import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, In, type DataSourceOptions } from 'typeorm';
import {
  OutboxEventEntity,
  PAYMENTS_ENTITIES,
  PAYMENTS_EVENTS,
  PeriodAuthorizationEntity,
} from 'nestjs-twpay';
import {
  startCallbackAppProcess,
  type CallbackAppProcess,
} from './support/callback-app-process.js';
import {
  firstAuthorizationFields,
  signedBody,
} from './support/gateway-bodies.js';
import {
  createTestDatabase,
  testDatabaseKind,
  type TestDatabase,
} from './support/test-database.js';

const DB = testDatabaseKind();
const LEASE_MS = 1_000;

// The outbox's promise, shown with a real crash: the app process is killed (SIGKILL) after the apply
// transaction commits and before the event is published; after a restart the event is delivered,
// once, with the same eventId.
describe(`events survive a crash between commit and publish (${DB})`, () => {
  let db: TestDatabase | undefined;
  let options: DataSourceOptions;
  let sqliteDir: string | undefined;
  const started: CallbackAppProcess[] = [];

  beforeAll(async () => {
    if (DB === 'sqlite') {
      sqliteDir = mkdtempSync(join(tmpdir(), 'twpay-crash-'));
      options = { type: 'better-sqlite3', database: join(sqliteDir, 'db') };
    } else {
      db = await createTestDatabase();
      options = db.options;
    }
  });
  afterAll(async () => {
    for (const app of started) app.child.kill('SIGKILL');
    await Promise.all(started.map((app) => app.exited));
    await db?.drop();
    if (sqliteDir) rmSync(sqliteDir, { recursive: true, force: true });
  });

  function start(crashAfterCommit: boolean) {
    const app = startCallbackAppProcess({
      db: options,
      crashAfterCommit,
      createSubscription: crashAfterCommit,
      claimLeaseMs: LEASE_MS,
      reapplyIntervalMs: crashAfterCommit ? 0 : 200,
    });
    started.push(app);
    return app;
  }

  it('delivers the committed events after a restart, once each, with their eventIds', async () => {
    const crashing = start(true);
    const merchantTradeNo = await crashing.waitFor('SUBSCRIPTION ');
    const port = await crashing.waitFor('LISTENING ');
    const answer = await fetch(
      `http://127.0.0.1:${port}/payments/notify/return`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: signedBody(
          firstAuthorizationFields({ merchantTradeNo, amount: 299, gwsr: '1' }),
        ),
      },
    ).then(
      () => 'answered',
      () => 'connection lost',
    );
    expect(answer).toBe('connection lost');
    expect(await crashing.exited).toBe('SIGKILL');
    const committed = (await crashing.waitFor('COMMITTED ')).split(',');
    expect(crashing.lines.some((line) => line.startsWith('EVENT '))).toBe(
      false,
    );

    const dataSource = await new DataSource({
      ...options,
      entities: PAYMENTS_ENTITIES,
    }).initialize();
    try {
      expect(
        await dataSource.getRepository(PeriodAuthorizationEntity).count(),
      ).toBe(1);
      const unsent = await dataSource
        .getRepository(OutboxEventEntity)
        .findBy({ id: In(committed) });
      expect(unsent.map((row) => row.sentAt)).toEqual(
        committed.map(() => null),
      );

      const restarted = start(false);
      await restarted.waitFor('LISTENING ');
      await restarted.waitFor(`EVENT ${PAYMENTS_EVENTS.PERIOD_SUCCEEDED} `);
      // Several more re-dispatch passes, to see that none publishes it again.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      restarted.child.kill('SIGTERM');
      await restarted.exited;

      const delivered = restarted.lines
        .filter((line) => line.startsWith('EVENT '))
        .map((line) => line.split(' ')[2]);
      expect(delivered.sort()).toEqual([...committed].sort());
      const sent = await dataSource
        .getRepository(OutboxEventEntity)
        .findBy({ id: In(committed) });
      expect(sent.every((row) => row.sentAt !== null)).toBe(true);
    } finally {
      await dataSource.destroy();
    }
  }, 180_000);
});
