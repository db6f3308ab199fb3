import { DataSource } from 'typeorm';
import { PAYMENTS_ENTITIES } from '../src/entities.js';
import { PAYMENTS_MIGRATIONS } from '../src/migrations/index.js';
import { ReconciliationLeaseEntity } from '../src/reconciliation/reconciliation-lease.entity.js';
import { SubscriptionLeases } from '../src/reconciliation/subscription-lease.js';
import {
  createTestDatabase,
  type TestDatabase,
} from './support/test-database.js';

describe(`reconciliation leases on ${process.env.TWPAY_TEST_DB ?? 'sqlite'}`, () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = new DataSource({
      ...db.options,
      entities: PAYMENTS_ENTITIES,
      migrations: PAYMENTS_MIGRATIONS,
      migrationsTableName: 'twpay_migrations',
      migrationsRun: true,
    });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('lets one holder at a time reconcile a subscription, and frees it on release', async () => {
    const leases = new SubscriptionLeases(dataSource, 60_000);
    expect(await leases.take('sub-1', 'run-a')).toBe(true);
    expect(await leases.take('sub-1', 'run-b')).toBe(false);
    expect(await leases.take('sub-2', 'run-b')).toBe(true);
    await leases.release('sub-1', 'run-b'); // not its holder: changes nothing
    expect(await leases.take('sub-1', 'run-b')).toBe(false);
    await leases.release('sub-1', 'run-a');
    expect(await leases.take('sub-1', 'run-b')).toBe(true);
  });

  it('hands over a lease whose holder died once it has expired', async () => {
    const leases = new SubscriptionLeases(dataSource, 60_000);
    expect(await leases.take('sub-3', 'run-dead')).toBe(true);
    await dataSource
      .getRepository(ReconciliationLeaseEntity)
      .update(
        { subscriptionId: 'sub-3' },
        { expiresAt: new Date(Date.now() - 1) },
      );
    expect(await leases.take('sub-3', 'run-c')).toBe(true);
    expect(await leases.take('sub-3', 'run-d')).toBe(false);
  });

  it('gives a lease to exactly one of many simultaneous takers', async () => {
    const leases = new SubscriptionLeases(dataSource, 60_000);
    const taken = await Promise.all(
      Array.from({ length: 8 }, (_, i) => leases.take('sub-4', `run-${i}`)),
    );
    expect(taken.filter(Boolean)).toHaveLength(1);
  });
});
