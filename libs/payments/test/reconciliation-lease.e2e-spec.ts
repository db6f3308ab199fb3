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

  /** Takes one subscription's lease: whether `holder` got it. */
  const takeOne = async (
    leases: SubscriptionLeases,
    id: string,
    holder: string,
  ) => (await leases.take([id], holder)).subscriptionIds.has(id);

  it('lets one holder at a time reconcile a subscription, and frees it on release', async () => {
    const leases = new SubscriptionLeases(dataSource, 60_000);
    expect(await takeOne(leases, 'sub-1', 'run-a')).toBe(true);
    expect(await takeOne(leases, 'sub-1', 'run-b')).toBe(false);
    expect(await takeOne(leases, 'sub-2', 'run-b')).toBe(true);
    await leases.release(['sub-1'], 'run-b'); // not its holder: changes nothing
    expect(await takeOne(leases, 'sub-1', 'run-b')).toBe(false);
    await leases.release(['sub-1'], 'run-a');
    expect(await takeOne(leases, 'sub-1', 'run-b')).toBe(true);
  });

  it('hands over a lease whose holder died once it has expired', async () => {
    const leases = new SubscriptionLeases(dataSource, 60_000);
    expect(await takeOne(leases, 'sub-3', 'run-dead')).toBe(true);
    await dataSource
      .getRepository(ReconciliationLeaseEntity)
      .update(
        { subscriptionId: 'sub-3' },
        { expiresAt: new Date(Date.now() - 1) },
      );
    expect(await takeOne(leases, 'sub-3', 'run-c')).toBe(true);
    expect(await takeOne(leases, 'sub-3', 'run-d')).toBe(false);
  });

  it('gives a lease to exactly one of many simultaneous takers', async () => {
    const leases = new SubscriptionLeases(dataSource, 60_000);
    const taken = await Promise.all(
      Array.from({ length: 8 }, (_, i) => takeOne(leases, 'sub-4', `run-${i}`)),
    );
    expect(taken.filter(Boolean)).toHaveLength(1);
  });

  it('takes a batch in one go: the free leases (new, released, expired), not the held ones', async () => {
    const leases = new SubscriptionLeases(dataSource, 60_000);
    expect(await takeOne(leases, 'batch-held', 'run-x')).toBe(true);
    expect(await takeOne(leases, 'batch-released', 'run-x')).toBe(true);
    await leases.release(['batch-released'], 'run-x');
    expect(await takeOne(leases, 'batch-expired', 'run-x')).toBe(true);
    await dataSource
      .getRepository(ReconciliationLeaseEntity)
      .update(
        { subscriptionId: 'batch-expired' },
        { expiresAt: new Date(Date.now() - 1) },
      );
    const ids = ['batch-new', 'batch-held', 'batch-released', 'batch-expired'];
    const taken = await leases.take(ids, 'run-y');
    expect([...taken.subscriptionIds].sort()).toEqual([
      'batch-expired',
      'batch-new',
      'batch-released',
    ]);
    // Two batches racing for the same subscriptions split them: none twice, none lost.
    const racing = Array.from({ length: 40 }, (_, i) => `race-${i}`);
    const [a, b] = await Promise.all([
      leases.take(racing, 'run-a'),
      leases.take([...racing].reverse(), 'run-b'),
    ]);
    expect(a.subscriptionIds.size + b.subscriptionIds.size).toBe(40);
    expect(
      [...a.subscriptionIds].filter((id) => b.subscriptionIds.has(id)),
    ).toEqual([]);
  });
});
