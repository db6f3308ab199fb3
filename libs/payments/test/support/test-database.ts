import { randomBytes } from 'node:crypto';
import { DataSource, type DataSourceOptions } from 'typeorm';

/** The databases the e2e suites run on; `TWPAY_TEST_DB` picks one (default SQLite, no server). */
export type TestDatabaseKind = 'sqlite' | 'postgres' | 'mariadb';

export interface TestDatabase {
  kind: TestDatabaseKind;
  /** TypeORM options for a fresh, empty database (no entities or migrations set). */
  options: DataSourceOptions;
  /** Drops the throwaway database (a no-op for in-memory SQLite). */
  drop(): Promise<void>;
}

export function testDatabaseKind(): TestDatabaseKind {
  const kind = process.env.TWPAY_TEST_DB ?? 'sqlite';
  if (kind !== 'sqlite' && kind !== 'postgres' && kind !== 'mariadb') {
    throw new Error(
      `TWPAY_TEST_DB must be sqlite, postgres or mariadb (got "${kind}")`,
    );
  }
  return kind;
}

const POSTGRES_URL =
  process.env.TWPAY_TEST_POSTGRES_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const MARIADB_URL =
  process.env.TWPAY_TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306/mysql';

/**
 * Creates an empty throwaway database on the selected server, one per test file, so suites can run
 * in parallel and leave nothing behind.
 */
export async function createTestDatabase(
  kind: TestDatabaseKind = testDatabaseKind(),
): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    return {
      kind,
      options: { type: 'better-sqlite3', database: ':memory:' },
      drop: async () => {},
    };
  }
  const name = `twpay_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new DataSource(
    kind === 'postgres'
      ? { type: 'postgres', url: POSTGRES_URL }
      : { type: 'mariadb', url: MARIADB_URL },
  );
  await admin.initialize();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.destroy();
  const url = new URL(kind === 'postgres' ? POSTGRES_URL : MARIADB_URL);
  url.pathname = `/${name}`;
  const options: DataSourceOptions =
    kind === 'postgres'
      ? { type: 'postgres', url: url.toString() }
      : { type: 'mariadb', url: url.toString(), timezone: 'Z' };
  return {
    kind,
    options,
    drop: async () => {
      const again = new DataSource(
        kind === 'postgres'
          ? { type: 'postgres', url: POSTGRES_URL }
          : { type: 'mariadb', url: MARIADB_URL },
      );
      await again.initialize();
      if (kind === 'postgres') {
        await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } else {
        await again.query(`DROP DATABASE IF EXISTS ${name}`);
      }
      await again.destroy();
    },
  };
}
