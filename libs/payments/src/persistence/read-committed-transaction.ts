import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` in a transaction at READ COMMITTED, for the background jobs' statements (claims and
 * "sent" stamps) that run beside the callback transactions. PostgreSQL reads committed by default;
 * MariaDB's default, REPEATABLE READ, takes next-key locks on every row a statement scans, and an
 * `UPDATE ... WHERE id IN (...)` over a small table is a full scan: it locked the gaps the callback
 * transactions' inserts needed and deadlocked one of them in the benchmark. SQLite has one writer at
 * a time and no isolation levels to choose.
 *
 * @internal
 */
export function readCommittedTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.options.type === 'better-sqlite3'
    ? dataSource.transaction(work)
    : dataSource.transaction('READ COMMITTED', work);
}
