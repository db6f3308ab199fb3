import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  GatewayNotificationEntity,
  PAYMENTS_ENTITIES,
  PAYMENTS_EVENTS,
  PeriodAuthorizationEntity,
} from 'nestjs-twpay';
import {
  startCallbackAppProcess,
  type CallbackAppProcess,
} from './support/callback-app-process.js';
import {
  monthlyProcessDate,
  periodFields,
  signedBody,
} from './support/gateway-bodies.js';
import {
  createTestDatabase,
  testDatabaseKind,
  type TestDatabase,
} from './support/test-database.js';

const DB = testDatabaseKind();
const STORED = 300;

// Two app processes on one PostgreSQL, both running the re-apply job over the same stored
// notifications: each is applied exactly once, and each is worked on by one process only.
(DB === 'postgres' ? describe : describe.skip)(
  'two replicas re-applying stored notifications (postgres)',
  () => {
    let db: TestDatabase;
    const started: CallbackAppProcess[] = [];

    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(async () => {
      for (const app of started) app.child.kill('SIGKILL');
      await Promise.all(started.map((app) => app.exited));
      await db?.drop();
    });

    function start(createSubscription: boolean) {
      const app = startCallbackAppProcess({
        db: db.options,
        crashAfterCommit: false,
        createSubscription,
        claimLeaseMs: 60_000,
        reapplyIntervalMs: 100,
      });
      started.push(app);
      return app;
    }

    it('applies each once, each by one of them, and both take a share', async () => {
      // The first one runs the migrations and creates the subscription; then the second starts.
      const first = start(true);
      const merchantTradeNo = await first.waitFor('SUBSCRIPTION ');
      await first.waitFor('LISTENING ');
      const second = start(false);
      await second.waitFor('LISTENING ');

      const dataSource = await new DataSource({
        ...db.options,
        entities: PAYMENTS_ENTITIES,
      }).initialize();
      try {
        // Stored notifications whose first apply failed, as a database outage leaves them.
        const receivedAt = new Date();
        const rows = Array.from({ length: STORED }, (_, i) => ({
          id: randomUUID(),
          channel: 'period' as const,
          rawBody: signedBody(
            periodFields({
              merchantTradeNo,
              amount: 299,
              gwsr: String(10_000 + i),
              totalSuccessTimes: i + 2,
              processDate: monthlyProcessDate(1),
            }),
          ),
          receivedAt: new Date(receivedAt.getTime() + i),
          merchantTradeNo,
          outcome: 'failed' as const,
          verification: 'valid' as const,
          error: 'database unavailable',
          attempts: 1,
        }));
        await dataSource.getRepository(GatewayNotificationEntity).insert(rows);

        const deadline = Date.now() + 120_000;
        const reapplied = () =>
          [first, second].flatMap((app) =>
            app.lines.filter((line) => line.startsWith('REAPPLIED ')),
          );
        while (reapplied().length < STORED && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        // A few more passes of both timers, to see that nothing is taken twice.
        await new Promise((resolve) => setTimeout(resolve, 1_000));

        const idsOf = (app: CallbackAppProcess) =>
          app.lines
            .filter((line) => line.startsWith('REAPPLIED '))
            .map((line) => line.split(' ')[1]);
        const byFirst = idsOf(first);
        const bySecond = idsOf(second);
        expect(byFirst.length + bySecond.length).toBe(STORED);
        expect(new Set([...byFirst, ...bySecond]).size).toBe(STORED);
        expect(byFirst.length).toBeGreaterThan(0);
        expect(bySecond.length).toBeGreaterThan(0);
        expect(reapplied().every((line) => line.endsWith(' applied'))).toBe(
          true,
        );

        const ledger = await dataSource
          .getRepository(PeriodAuthorizationEntity)
          .find();
        expect(ledger).toHaveLength(STORED);
        expect(new Set(ledger.map((row) => row.gwsr)).size).toBe(STORED);
        const succeeded = [first, second].flatMap((app) =>
          app.lines.filter((line) =>
            line.startsWith(`EVENT ${PAYMENTS_EVENTS.PERIOD_SUCCEEDED} `),
          ),
        );
        expect(succeeded).toHaveLength(STORED);
        expect(
          await dataSource
            .getRepository(GatewayNotificationEntity)
            .countBy({ outcome: 'applied' }),
        ).toBe(STORED);
      } finally {
        await dataSource.destroy();
      }
    }, 240_000);
  },
);
