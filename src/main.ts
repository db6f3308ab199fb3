import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from './app.module.js';
import { setupApiDocs } from './config/api-docs.js';
import { loadAppConfig } from './config/load-app-config.js';

async function bootstrap(): Promise<void> {
  const config = await loadAppConfig();
  if (config.database.type === 'better-sqlite3')
    mkdirSync(join(process.cwd(), 'data'), { recursive: true });
  // rawBody: the callback routes recompute the CheckMacValue over the exact bytes received.
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(config),
    { rawBody: true, logger: config.logLevels },
  );
  app.enableShutdownHooks();
  setupApiDocs(app);
  await app.listen(config.port);
  const logger = new Logger('Shop');
  logger.log(
    `Example shop on ${config.publicUrl} (gateway: ${config.gateway}, ${config.gatewayUrl ?? 'built-in simulator'}); API docs at ${config.publicUrl}/api/docs, health at ${config.publicUrl}/health`,
  );
}

void bootstrap();
