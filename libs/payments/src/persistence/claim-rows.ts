import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { readCommittedTransaction } from './read-committed-transaction.js';

/** What to claim: rows of `entity` (aliased `alias`) matching `due`, oldest by `order` first. */
export interface ClaimQuery {
  alias: string;
  /** SQL condition on the alias's properties, e.g. `event.sentAt IS NULL`. */
  due: string;
  parameters: Record<string, unknown>;
  /** The property that orders the rows, e.g. `event.createdAt`. */
  order: string;
  limit: number;
  /** How long the claim holds; then another process may claim the row again. */
  leaseMs: number;
}

/**
 * Claims up to `limit` due rows for this process: rows whose `claimedUntil` lease is unset or has run
 * out get a new lease, in one short transaction, and are returned. Replicas running the same job share
 * the rows instead of repeating each other's work. PostgreSQL and MariaDB read the candidates with
 * `FOR UPDATE SKIP LOCKED`, so concurrent claimers pass over each other's rows without waiting; SQLite
 * has one writer at a time and needs no row locks. The transaction reads committed rows only, so the scan
 * locks no gaps that concurrent inserts need (see {@link readCommittedTransaction}).
 *
 * @internal
 */
export async function claimRows<T extends ObjectLiteral & { id: string }>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  query: ClaimQuery,
): Promise<T[]> {
  const sqlite = dataSource.options.type === 'better-sqlite3';
  return readCommittedTransaction(dataSource, async (manager) => {
    const now = new Date();
    let candidates = manager
      .getRepository(entity)
      .createQueryBuilder(query.alias)
      .where(query.due, query.parameters)
      .andWhere(
        `(${query.alias}.claimedUntil IS NULL OR ${query.alias}.claimedUntil < :claimNow)`,
        { claimNow: now },
      )
      .orderBy(query.order, 'ASC')
      .limit(query.limit);
    if (!sqlite) {
      candidates = candidates
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked');
    }
    const rows = await candidates.getMany();
    if (rows.length === 0) return [];
    const claimedUntil = new Date(now.getTime() + query.leaseMs);
    await manager
      .createQueryBuilder()
      .update(entity)
      .set({ claimedUntil } as never)
      .whereInIds(rows.map((row) => row.id))
      .updateEntity(false)
      .execute();
    return rows.map((row) => ({ ...row, claimedUntil }));
  });
}
