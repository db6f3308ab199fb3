import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createTestDatabase } from '../libs/payments/test/support/test-database.js';
import type { BenchDatabaseKind } from './bench-options.js';

/** A throwaway database for one benchmark run, on the local servers the e2e suites use. */
export interface BenchDatabase {
  kind: BenchDatabaseKind;
  /** What the example app and the bare server get as DATABASE_URL. */
  url: string;
  /** Runs SQL on it from the benchmark process (placeholders: `$1` on PostgreSQL, `?` elsewhere). */
  query<T = Record<string, unknown>>(
    sql: string,
    parameters?: unknown[],
  ): Promise<T[]>;
  /** Closes the connection and drops the database (deletes the file on SQLite). */
  drop(): Promise<void>;
}

export async function createBenchDatabase(
  kind: BenchDatabaseKind,
): Promise<BenchDatabase> {
  if (kind === 'sqlite') {
    // A file, not :memory:, because the app runs in another process.
    const folder = mkdtempSync(join(tmpdir(), 'twpay-bench-'));
    const file = join(folder, 'bench.sqlite');
    const source = new DataSource({ type: 'better-sqlite3', database: file });
    return {
      kind,
      url: `sqlite:${file}`,
      query: (sql, parameters) => lazyQuery(source, sql, parameters),
      drop: async () => {
        if (source.isInitialized) await source.destroy();
        rmSync(folder, { recursive: true, force: true });
      },
    };
  }
  const database = await createTestDatabase(kind);
  const url = (database.options as { url: string }).url;
  const source = new DataSource(database.options);
  return {
    kind,
    url,
    query: (sql, parameters) => lazyQuery(source, sql, parameters),
    drop: async () => {
      if (source.isInitialized) await source.destroy();
      await database.drop();
    },
  };
}

/** Connects on first use: on SQLite the file must not be opened before the app has created it. */
async function lazyQuery<T>(
  source: DataSource,
  sql: string,
  parameters?: unknown[],
): Promise<T[]> {
  if (!source.isInitialized) await source.initialize();
  return (await source.query(sql, parameters)) as T[];
}
