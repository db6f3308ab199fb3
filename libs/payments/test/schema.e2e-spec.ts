import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  createTestDatabase,
  type TestDatabase,
} from './support/test-database.js';
import { PAYMENTS_ENTITIES } from '../src/entities.js';
import { GatewayNotificationEntity } from '../src/notifications/gateway-notification.entity.js';
import { PAYMENTS_MIGRATIONS } from '../src/migrations/index.js';

describe(`schema smoke test on ${process.env.TWPAY_TEST_DB ?? 'sqlite'}`, () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = new DataSource({
      ...db.options,
      entities: PAYMENTS_ENTITIES,
      migrations: PAYMENTS_MIGRATIONS,
      migrationsTableName: 'twpay_migrations',
    });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('connects, runs the migrations, and the entities match the migrated schema', async () => {
    const ran = await dataSource.runMigrations();
    expect(ran.map((m) => m.name)).toEqual([
      'CreatePaymentsSchema1732240000000',
      'CreateBnplApplication1732240000001',
      'AddNotificationReasonCode1732240000002',
      'CreateOutbox1732240000003',
      'AddSubscriptionCancellation1733100000000',
      'CreateReconciliationTables1733200000000',
      'CaseInsensitiveMerchantTradeNo1764633600000',
      'KeepNotificationBytes1764720000000',
    ]);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('writes and reads a row', async () => {
    const repository = dataSource.getRepository(GatewayNotificationEntity);
    const id = randomUUID();
    const receivedAt = new Date('2024-03-01T02:00:05.000Z');
    await repository.insert({
      id,
      channel: 'period',
      rawBody: 'MerchantID=3002607&RtnMsg=%E4%BA%A4%E6%98%93%E6%88%90%E5%8A%9F',
      rawBytes: Buffer.from([0x4d, 0x00, 0xff, 0x3d]),
      rawLength: 9,
      remoteAddress: '127.0.0.1',
      receivedAt,
      outcome: 'received',
    });
    const row = await repository.findOneByOrFail({ id });
    expect(row.rawBody).toBe(
      'MerchantID=3002607&RtnMsg=%E4%BA%A4%E6%98%93%E6%88%90%E5%8A%9F',
    );
    expect(row.rawBytes).toEqual(Buffer.from([0x4d, 0x00, 0xff, 0x3d]));
    expect(row.rawLength).toBe(9);
    expect(row.receivedAt.toISOString()).toBe(receivedAt.toISOString());
    expect(row.attempts).toBe(0);
  });

  it('reverts the migrations', async () => {
    const queryRunner = dataSource.createQueryRunner();
    await dataSource.undoLastMigration();
    expect(
      await queryRunner.hasColumn('twpay_gateway_notification', 'raw_bytes'),
    ).toBe(false);
    await dataSource.undoLastMigration();
    expect(
      await queryRunner.hasColumn(
        'twpay_subscription',
        'merchant_trade_no_key',
      ),
    ).toBe(false);
    await dataSource.undoLastMigration();
    expect(await queryRunner.hasTable('twpay_reconciliation_report')).toBe(
      false,
    );
    expect(await queryRunner.hasTable('twpay_reconciliation_lease')).toBe(
      false,
    );
    await dataSource.undoLastMigration();
    expect(
      await queryRunner.hasColumn('twpay_subscription', 'cancelled_at'),
    ).toBe(false);
    await dataSource.undoLastMigration();
    expect(await queryRunner.hasTable('twpay_outbox_event')).toBe(false);
    expect(
      await queryRunner.hasColumn(
        'twpay_gateway_notification',
        'claimed_until',
      ),
    ).toBe(false);
    await dataSource.undoLastMigration();
    expect(
      await queryRunner.hasColumn('twpay_gateway_notification', 'reason_code'),
    ).toBe(false);
    await dataSource.undoLastMigration();
    expect(await queryRunner.hasTable('twpay_bnpl_application')).toBe(false);
    expect(await queryRunner.hasTable('twpay_subscription')).toBe(true);
    await dataSource.undoLastMigration();
    expect(await queryRunner.hasTable('twpay_subscription')).toBe(false);
    await queryRunner.release();
  });
});
