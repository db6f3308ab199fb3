import type { DataSourceOptions } from 'typeorm';
import { databaseOptionsFromUrl } from 'nestjs-twpay';

/**
 * `postgres://…`, `mysql://…` / `mariadb://…`, or a SQLite file (`sqlite:path` or a plain path);
 * default `./data/shop.sqlite`. The library's reading, so `twpay` commands reach the same database.
 */
export function databaseOptions(url: string | undefined): DataSourceOptions {
  return databaseOptionsFromUrl(url);
}
