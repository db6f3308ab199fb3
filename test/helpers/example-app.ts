import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { createServer, type AddressInfo } from 'node:net';
import { AppModule } from '../../src/app.module.js';
import { setupApiDocs } from '../../src/config/api-docs.js';
import { readAppConfig, type AppConfig } from '../../src/config/app-config.js';
import {
  createTestDatabase,
  type TestDatabase,
  type TestDatabaseKind,
} from '../../libs/payments/test/support/test-database.js';

/** The example shop (`src/`) running as a real HTTP server on 127.0.0.1. */
export interface ExampleApp {
  app: NestExpressApplication;
  /** `http://127.0.0.1:<port>`: also the app's PUBLIC_URL, so gateway posts reach it over loopback. */
  url: string;
  config: AppConfig;
  database: TestDatabase;
  /** Closes the app and drops its throwaway database. */
  close(): Promise<void>;
}

export interface ExampleAppOptions {
  /** Extra environment for `readAppConfig` (PORT, PUBLIC_URL and the database are set here). */
  env?: NodeJS.ProcessEnv;
  /** Which database; default `TWPAY_TEST_DB` (SQLite in memory when unset). */
  databaseKind?: TestDatabaseKind;
  /** A SQLite file instead (for tests where a second process opens the shop's database). */
  sqliteFile?: string;
}

/**
 * Boots `AppModule.register(readAppConfig(...))` as `npm start` does (`rawBody: true`, API docs), on a fresh
 * test database, listening on a free loopback port. The in-process simulator's notifications post
 * to PUBLIC_URL, which must be known before the module is built: a free port is found first, and
 * the start is retried if another process takes it in between.
 */
export async function startExampleApp(
  options: ExampleAppOptions = {},
): Promise<ExampleApp> {
  const database: TestDatabase = options.sqliteFile
    ? {
        kind: 'sqlite',
        options: { type: 'better-sqlite3', database: options.sqliteFile },
        drop: async () => {},
      }
    : await createTestDatabase(options.databaseKind);
  try {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const config: AppConfig = {
        ...readAppConfig({
          ...options.env,
          PORT: String(port),
          PUBLIC_URL: url,
        }),
        database: database.options,
        // Each test starts with an empty gateway, whatever a previous run left under ./data.
        simulatorStateFile: options.env?.TWPAY_SIMULATOR_STATE,
      };
      const app = await NestFactory.create<NestExpressApplication>(
        AppModule.register(config),
        { rawBody: true, logger: false, abortOnError: false },
      );
      setupApiDocs(app);
      try {
        await app.listen(port, '127.0.0.1');
      } catch (error) {
        await app.close();
        if (
          (error as NodeJS.ErrnoException).code !== 'EADDRINUSE' ||
          attempt >= 5
        )
          throw error;
        continue;
      }
      return {
        app,
        url,
        config,
        database,
        close: async () => {
          await app.close();
          await database.drop();
        },
      };
    }
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
