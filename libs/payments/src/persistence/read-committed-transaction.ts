import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` in a transaction that reads committed rows, for the background jobs' statements
 * (claims and "sent" stamps) that run beside the callback transactions. MariaDB's default, REPEATABLE
 * READ, takes next-key locks on every row a statement scans, and an `UPDATE ... WHERE id IN (...)`
 * over a small table is a full scan: it locked the gaps the callback transactions' inserts needed and
 * deadlocked one of them in the benchmark. So MySQL and MariaDB are asked for READ COMMITTED;
 * PostgreSQL reads committed by default (asking would cost a `SET TRANSACTION` round trip), and
 * SQLite has one writer at a time and no isolation levels to choose.
 *
 * @internal
 */
export function readCommittedTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const { type } = dataSource.options;
  return type === 'mysql' || type === 'mariadb'
    ? dataSource.transaction('READ COMMITTED', work)
    : dataSource.transaction(work);
}
