import type { QueryRunner, TableColumnOptions } from 'typeorm';

/**
 * Column definitions for the migrations, written once for the three supported databases.
 * Only the date type differs: TypeORM maps a `Date` column to `timestamp` on PostgreSQL and to
 * `datetime` on SQLite and MySQL/MariaDB, and the migrations must create exactly what the entities
 * declare so that a schema diff after migrating is empty.
 *
 * @internal
 */
export function migrationColumns(queryRunner: QueryRunner) {
  const dateType =
    queryRunner.connection.driver.options.type === 'postgres'
      ? 'timestamp'
      : 'datetime';
  const isMysql = ['mysql', 'mariadb'].includes(
    queryRunner.connection.driver.options.type,
  );
  const columns = {
    id: (name = 'id'): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: '36',
      isPrimary: true,
    }),
    varchar: (
      name: string,
      length: number,
      nullable = false,
    ): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    }),
    integer: (name: string, defaultValue?: number): TableColumnOptions => ({
      name,
      type: isMysql ? 'int' : 'integer',
      isNullable: false,
      ...(defaultValue === undefined ? {} : { default: defaultValue }),
    }),
    nullableInteger: (name: string): TableColumnOptions => ({
      ...columns.integer(name),
      isNullable: true,
    }),
    boolean: (name: string): TableColumnOptions => ({
      name,
      type: isMysql ? 'tinyint' : 'boolean',
      isNullable: false,
    }),
    text: (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'text',
      isNullable: nullable,
    }),
    date: (
      name: string,
      nullable = false,
      precision?: number,
    ): TableColumnOptions => ({
      name,
      type: dateType,
      isNullable: nullable,
      ...(precision === undefined ? {} : { precision }),
    }),
    /** Like createdAt; MySQL/MariaDB also refresh it on every update, as TypeORM declares it there. */
    updatedAt: (name = 'updated_at'): TableColumnOptions => ({
      ...columns.createdAt(name),
      ...(isMysql ? { onUpdate: 'CURRENT_TIMESTAMP(6)' } : {}),
    }),
    createdAt: (name = 'created_at'): TableColumnOptions => ({
      name,
      type: dateType,
      isNullable: false,
      default: isMysql
        ? 'CURRENT_TIMESTAMP(6)'
        : dateType === 'timestamp'
          ? 'now()'
          : "datetime('now')",
      ...(isMysql ? { precision: 6 } : {}),
    }),
  };
  return columns;
}
