// DataSource for the TypeORM CLI (`npm run migration:run`). It imports the entity and migration lists
// directly, never the library barrel, which pulls in Nest (STYLE.md G6).
import { DataSource } from 'typeorm';
import { databaseOptions } from './src/config/database-options.js';
import { PAYMENTS_ENTITIES } from './libs/payments/src/entities.js';
import { PAYMENTS_MIGRATIONS } from './libs/payments/src/migrations/index.js';

export default new DataSource({
  ...databaseOptions(process.env.DATABASE_URL),
  entities: PAYMENTS_ENTITIES,
  migrations: PAYMENTS_MIGRATIONS,
  migrationsTableName: 'twpay_migrations',
});
