import type {
  EntityManager,
  EntityTarget,
  ObjectLiteral,
  QueryDeepPartialEntity,
} from 'typeorm';

/**
 * Inserts a row unless it would break a unique constraint, in one statement, and says whether it was
 * inserted: `ON CONFLICT DO NOTHING` on PostgreSQL and SQLite, `INSERT IGNORE` on MySQL/MariaDB. This
 * is how a ledger row is both written and recognised as a duplicate, with no read before it.
 *
 * Runs on the transaction's own query runner, because the affected-row count is only reported there.
 *
 * @internal
 */
export async function insertIfAbsent<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  values: QueryDeepPartialEntity<T>,
): Promise<boolean> {
  if (!manager.queryRunner) {
    throw new Error('insertIfAbsent() must run inside a transaction');
  }
  const [sql, parameters] = manager
    .createQueryBuilder()
    .insert()
    .into(entity)
    .values(values)
    .orIgnore()
    .updateEntity(false)
    .getQueryAndParameters();
  const result = await manager.queryRunner.query(sql, parameters, true);
  return result.affected === 1;
}
