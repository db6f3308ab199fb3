import type {
  DataSource,
  EntityManager,
  EntityMetadata,
  EntityTarget,
  ObjectLiteral,
  QueryResult,
  QueryRunner,
} from 'typeorm';

/**
 * The statements of the callback path, compiled once per data source from the entities' metadata and
 * then run with positional parameters on the transaction's query runner.
 *
 * Why not the query builder: it rebuilds, re-escapes and re-parameterises the SQL on every call, and
 * on the callback path that cost more CPU per notification than the database's own work (README,
 * Benchmarks). The SQL here is what the query builder writes for the same call; values are converted
 * for their column exactly as TypeORM converts them (`driver.preparePersistentValue`, transformers
 * included) and rows read back are hydrated the same way (`driver.prepareHydratedValue`), so the
 * entities, the stored values and the statement log are the same.
 *
 * @internal
 */

type Column = EntityMetadata['columns'][number];

/** One compiled statement: its SQL and the columns whose values fill its placeholders, in order. */
interface Compiled {
  sql: string;
  /**
   * In placeholder order: one row's for an insert (repeated per row), the `set` ones and then the
   * `where` ones for an update.
   */
  columns: Column[];
}

const compiledBySource = new WeakMap<DataSource, Map<string, Compiled>>();

function compiled(
  dataSource: DataSource,
  key: string,
  compile: () => Compiled,
): Compiled {
  let statements = compiledBySource.get(dataSource);
  if (!statements) {
    statements = new Map();
    compiledBySource.set(dataSource, statements);
  }
  let statement = statements.get(key);
  if (!statement) {
    statement = compile();
    statements.set(key, statement);
  }
  return statement;
}

/**
 * Inserts `rows` in one statement and returns how many were inserted. With `ignoreDuplicates`, a row
 * that would break a unique constraint is skipped instead of failing the statement: `ON CONFLICT DO
 * NOTHING` on PostgreSQL and SQLite, `INSERT IGNORE` on MySQL/MariaDB. That is how a ledger row is both
 * written and recognised as a duplicate with no read before it.
 *
 * Every column is written except the create and update dates, which take the column's default.
 */
export async function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: readonly T[],
  options: { ignoreDuplicates?: boolean } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const ignore = options.ignoreDuplicates ?? false;
  const metadata = manager.connection.getMetadata(entity);
  const statement = compiled(
    manager.connection,
    `insert ${metadata.name} ${rows.length} ${ignore}`,
    () => compileInsert(manager.connection, metadata, rows.length, ignore),
  );
  const parameters = rows.flatMap((row) =>
    persistentValues(manager.connection, statement.columns, row),
  );
  const result = await run(manager, async (queryRunner) => {
    for (const row of rows) {
      await queryRunner.broadcaster.broadcast('BeforeInsert', metadata, row);
    }
    const inserted = await queryRunner.query(statement.sql, parameters, true);
    for (const row of rows) {
      await queryRunner.broadcaster.broadcast('AfterInsert', metadata, row);
    }
    return inserted;
  });
  return result.affected ?? 0;
}

/**
 * Updates the `set` columns of the rows that match `where` (equality on each of its columns) and
 * returns how many were updated. As TypeORM's `update()` does, the version column is incremented and
 * the update date set to `CURRENT_TIMESTAMP`, where the entity has them.
 */
export async function updateRows<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  set: Partial<T>,
  where: Partial<T>,
): Promise<number> {
  const metadata = manager.connection.getMetadata(entity);
  const setProperties = Object.keys(set);
  const whereProperties = Object.keys(where);
  const statement = compiled(
    manager.connection,
    `update ${metadata.name} ${setProperties.join(',')} ${whereProperties.join(',')}`,
    () =>
      compileUpdate(
        manager.connection,
        metadata,
        setProperties,
        whereProperties,
      ),
  );
  const setCount = setProperties.length;
  const parameters = [
    ...persistentValues(
      manager.connection,
      statement.columns.slice(0, setCount),
      set,
    ),
    ...persistentValues(
      manager.connection,
      statement.columns.slice(setCount),
      where,
    ),
  ];
  const result = await run(manager, async (queryRunner) => {
    await queryRunner.broadcaster.broadcast('BeforeUpdate', metadata, set);
    const updated = await queryRunner.query(statement.sql, parameters, true);
    await queryRunner.broadcaster.broadcast('AfterUpdate', metadata, set);
    return updated;
  });
  return result.affected ?? 0;
}

/**
 * Reads the one row whose `property` column equals `value`, as an entity, locked for the rest of the
 * transaction (`FOR UPDATE`) where the database has row locks; SQLite has none and needs none, as it
 * allows one writer at a time. `null` when there is no such row.
 */
export async function selectOneForUpdate<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  property: keyof T & string,
  value: unknown,
): Promise<T | null> {
  const metadata = manager.connection.getMetadata(entity);
  const statement = compiled(
    manager.connection,
    `select ${metadata.name} ${property}`,
    () => compileSelectForUpdate(manager.connection, metadata, property),
  );
  const parameters = persistentValues(manager.connection, statement.columns, {
    [property]: value,
  });
  const result = await run(manager, (queryRunner) =>
    queryRunner.query(statement.sql, parameters, true),
  );
  const [raw] = result.records as Record<string, unknown>[];
  return raw === undefined
    ? null
    : hydrate<T>(manager.connection, metadata, raw);
}

function compileInsert(
  dataSource: DataSource,
  metadata: EntityMetadata,
  rowCount: number,
  ignoreDuplicates: boolean,
): Compiled {
  const columns = metadata.columns.filter(
    (column) =>
      column.isInsert &&
      !column.isVirtual &&
      !column.isCreateDate &&
      !column.isUpdateDate,
  );
  const placeholder = placeholders(dataSource);
  const rowSql = () => `(${columns.map(() => placeholder()).join(', ')})`;
  const type = dataSource.driver.options.type;
  const mysql = type === 'mysql' || type === 'mariadb';
  const verb = ignoreDuplicates && mysql ? 'INSERT IGNORE' : 'INSERT';
  const sql =
    `${verb} INTO ${table(dataSource, metadata)}` +
    `(${columns.map((column) => escape(dataSource, column.databaseName)).join(', ')}) ` +
    `VALUES ${Array.from({ length: rowCount }, rowSql).join(', ')}` +
    (ignoreDuplicates && !mysql ? ' ON CONFLICT DO NOTHING' : '');
  return {
    sql,
    columns,
  };
}

function compileUpdate(
  dataSource: DataSource,
  metadata: EntityMetadata,
  setProperties: string[],
  whereProperties: string[],
): Compiled {
  const placeholder = placeholders(dataSource);
  const assignments = setProperties.map(
    (property) =>
      `${columnName(dataSource, metadata, property)} = ${placeholder()}`,
  );
  const { versionColumn, updateDateColumn } = metadata;
  if (versionColumn) {
    const version = escape(dataSource, versionColumn.databaseName);
    assignments.push(`${version} = ${version} + 1`);
  }
  if (updateDateColumn) {
    assignments.push(
      `${escape(dataSource, updateDateColumn.databaseName)} = CURRENT_TIMESTAMP`,
    );
  }
  const conditions = whereProperties.map(
    (property) =>
      `${columnName(dataSource, metadata, property)} = ${placeholder()}`,
  );
  return {
    sql: `UPDATE ${table(dataSource, metadata)} SET ${assignments.join(', ')} WHERE ${conditions.join(' AND ')}`,
    columns: [...setProperties, ...whereProperties].map((property) =>
      columnOf(metadata, property),
    ),
  };
}

function compileSelectForUpdate(
  dataSource: DataSource,
  metadata: EntityMetadata,
  property: string,
): Compiled {
  const placeholder = placeholders(dataSource);
  const columns = metadata.columns
    .filter((column) => !column.isVirtual)
    .map((column) => escape(dataSource, column.databaseName));
  const lock =
    dataSource.driver.options.type === 'better-sqlite3' ? '' : ' FOR UPDATE';
  return {
    sql:
      `SELECT ${columns.join(', ')} FROM ${table(dataSource, metadata)} ` +
      `WHERE ${columnName(dataSource, metadata, property)} = ${placeholder()}${lock}`,
    columns: [columnOf(metadata, property)],
  };
}

/** The values of `row` for `columns`, in order, converted for each column as TypeORM converts them. */
function persistentValues(
  dataSource: DataSource,
  columns: readonly Column[],
  row: object,
): unknown[] {
  return columns.map((column) =>
    dataSource.driver.preparePersistentValue(
      column.getEntityValue(row as ObjectLiteral) ?? null,
      column,
    ),
  );
}

function hydrate<T>(
  dataSource: DataSource,
  metadata: EntityMetadata,
  raw: Record<string, unknown>,
): T {
  const entity = metadata.create() as T & ObjectLiteral;
  for (const column of metadata.columns) {
    if (column.isVirtual) continue;
    column.setEntityValue(
      entity,
      dataSource.driver.prepareHydratedValue(raw[column.databaseName], column),
    );
  }
  return entity;
}

/**
 * Runs `work` on the transaction's query runner (the affected-row count is only reported there), or
 * on a new one. Inserts and updates tell the entity subscribers and listeners, as the query builder
 * does (`BeforeInsert`/`AfterInsert` per row, `BeforeUpdate`/`AfterUpdate` with the values set).
 */
async function run(
  manager: EntityManager,
  work: (queryRunner: QueryRunner) => Promise<QueryResult>,
): Promise<QueryResult> {
  if (manager.queryRunner) return work(manager.queryRunner);
  const queryRunner = manager.connection.createQueryRunner();
  try {
    return await work(queryRunner);
  } finally {
    await queryRunner.release();
  }
}

/** A function returning the driver's next placeholder: `$1, $2…` on PostgreSQL, `?` elsewhere. */
function placeholders(dataSource: DataSource): () => string {
  let index = 0;
  return () => dataSource.driver.createParameter(`p${index}`, index++);
}

function table(dataSource: DataSource, metadata: EntityMetadata): string {
  return metadata.tablePath
    .split('.')
    .map((part) => escape(dataSource, part))
    .join('.');
}

function columnName(
  dataSource: DataSource,
  metadata: EntityMetadata,
  property: string,
): string {
  return escape(dataSource, columnOf(metadata, property).databaseName);
}

function columnOf(metadata: EntityMetadata, property: string): Column {
  const column = metadata.findColumnWithPropertyPath(property);
  if (!column) {
    throw new Error(`${metadata.name} has no column for ${property}`);
  }
  return column;
}

function escape(dataSource: DataSource, name: string): string {
  return dataSource.driver.escape(name);
}
