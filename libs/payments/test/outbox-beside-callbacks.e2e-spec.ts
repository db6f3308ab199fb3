import { randomUUID } from 'node:crypto';
import { OutboxEventEntity, PAYMENTS_EVENTS } from 'nestjs-twpay';
import { PaymentsOutbox } from '../src/events/payments-outbox.service.js';
import {
  createPaymentsTestApp,
  type PaymentsTestApp,
} from './fixtures/payments-test-app.js';
import { testDatabaseKind } from './support/test-database.js';

const DB = testDatabaseKind();

function unsentEvent(createdAt: Date, claimedUntil: Date) {
  const id = randomUUID();
  return {
    id,
    name: PAYMENTS_EVENTS.PERIOD_SUCCEEDED,
    payload: JSON.stringify({ eventId: id }),
    notificationId: null,
    createdAt,
    claimedUntil,
    sentAt: null,
  };
}

// The outbox's background statements (claims, "sent" stamps) run while callback transactions insert
// outbox rows. On MariaDB, at its default REPEATABLE READ, an `UPDATE ... WHERE id IN (...)` over most
// of a small table is a full scan that waits on every uncommitted insert and locks the gaps the next
// inserts need; the benchmark saw a callback transaction deadlock on it. SQLite has one writer.
(DB === 'sqlite' ? describe.skip : describe)(
  `the outbox beside an open callback transaction (${DB})`,
  () => {
    let t: PaymentsTestApp;

    beforeAll(async () => {
      t = await createPaymentsTestApp();
    });
    afterAll(async () => {
      await t?.close();
    });

    it('re-dispatches and stamps unsent events without waiting for an uncommitted outbox insert', async () => {
      const outbox = t.dataSource.getRepository(OutboxEventEntity);
      const longAgo = Date.now() - 60_000;
      // Five events a crash left unsent, their leases run out.
      const left = Array.from({ length: 5 }, (_, i) =>
        unsentEvent(new Date(longAgo + i), new Date(longAgo)),
      );
      await outbox.insert(left);

      // A callback transaction in flight: its outbox row is written, not yet committed.
      const callback = t.dataSource.createQueryRunner();
      await callback.connect();
      await callback.startTransaction();
      try {
        await callback.manager
          .getRepository(OutboxEventEntity)
          .insert(unsentEvent(new Date(), new Date(Date.now() + 60_000)));

        // The lock wait on MariaDB is 50 s; a blocked statement is far past this bound.
        const blocked = new Promise<'blocked'>((resolve) =>
          setTimeout(() => resolve('blocked'), 10_000).unref(),
        );
        const redispatched = await Promise.race([
          t.app.get(PaymentsOutbox).redispatchPending(),
          blocked,
        ]);
        expect(redispatched).toBe(5);
      } finally {
        await callback.rollbackTransaction();
        await callback.release();
      }
      const stamped = await outbox.findBy(left.map(({ id }) => ({ id })));
      expect(stamped.filter((row) => row.sentAt !== null)).toHaveLength(5);
      expect(
        t.events.filter(
          (event) => event.name === PAYMENTS_EVENTS.PERIOD_SUCCEEDED,
        ),
      ).toHaveLength(5);
    }, 30_000);
  },
);
