import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';

/**
 * TypeORM connection options from one `DATABASE_URL`, the way the example shop and the operator
 * commands (`twpay subscriptions`, `inbox`, `replay`, `reconcile`) read it, so both reach the same
 * database: `postgres://…`, `mysql://…` / `mariadb://…`, or a SQLite file (`sqlite:path` or a plain
 * path); unset means `./data/shop.sqlite` under the working directory.
 *
 * @publicApi
 */
export function databaseOptionsFromUrl(
  url: string | undefined,
): DataSourceOptions {
  if (!url)
    return {
      type: 'better-sqlite3',
      database: join(process.cwd(), 'data', 'shop.sqlite'),
    };
  if (/^postgres(ql)?:\/\//.test(url)) return { type: 'postgres', url };
  if (/^(mysql|mariadb):\/\//.test(url)) {
    return {
      type: 'mariadb',
      url: url.replace(/^mariadb:/, 'mysql:'),
      timezone: 'Z',
    };
  }
  return {
    type: 'better-sqlite3',
    database: url.replace(/^sqlite:(\/\/)?/, ''),
  };
}
