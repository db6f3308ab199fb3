import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';

/**
 * `postgres://…`, `mysql://…` / `mariadb://…`, or a SQLite file (`sqlite:path` or a plain path);
 * default `./data/shop.sqlite`.
 */
export function databaseOptions(url: string | undefined): DataSourceOptions {
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
