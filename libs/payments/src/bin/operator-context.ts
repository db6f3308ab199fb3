import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CliUsageError } from '../cli/cli-command.js';
import type { OperatorServices } from '../cli/operator-services.js';
import { HASH_IV_ENV, HASH_KEY_ENV } from '../cli/secret-redactor.js';
import { databaseOptionsFromUrl } from '../database-url.js';
import { PAYMENTS_ENTITIES } from '../entities.js';
import { NotificationProcessor } from '../notifications/notification-processor.service.js';
import { PaymentsModule } from '../payments.module.js';
import { PAYMENTS_DATA_SOURCE } from '../payments.constants.js';
import {
  GATEWAY_PROFILES,
  type GatewayName,
} from '../protocol/gateway-profile.js';
import { ReconciliationService } from '../reconciliation/reconciliation.service.js';

/**
 * The payments module as the operator commands use it: the app's database (`DATABASE_URL`) and
 * gateway settings (`TWPAY_GATEWAY`, `TWPAY_GATEWAY_URL`, `TWPAY_MERCHANT_ID`, `TWPAY_HASH_KEY`,
 * `TWPAY_HASH_IV`, with the example shop's defaults), no HTTP server, no timers, no log lines (the
 * commands' own output must stay parseable). Loaded only by the commands that need it: Nest and
 * TypeORM would slow every `twpay mac`.
 *
 * @internal
 */
export async function openOperatorServices(
  env: Readonly<Record<string, string | undefined>>,
): Promise<OperatorServices> {
  const gateway = (env.TWPAY_GATEWAY ?? 'allpay') as GatewayName;
  if (gateway !== 'allpay' && gateway !== 'ecpay') {
    throw new CliUsageError(
      `TWPAY_GATEWAY must be "allpay" or "ecpay" (got "${gateway}")`,
    );
  }
  // Defaults: the gateway's public stage test merchant, as the example shop's.
  const stage = GATEWAY_PROFILES[gateway].stageTestMerchant;
  @Module({
    imports: [
      TypeOrmModule.forRoot({
        ...databaseOptionsFromUrl(env.DATABASE_URL),
        entities: PAYMENTS_ENTITIES,
      }),
      PaymentsModule.forRoot({
        gateway,
        environment:
          env.TWPAY_ENVIRONMENT === 'production' ? 'production' : 'stage',
        gatewayBaseUrl: env.TWPAY_GATEWAY_URL || undefined,
        merchants: [
          {
            merchantId: env.TWPAY_MERCHANT_ID ?? stage.merchantId,
            hashKey: env[HASH_KEY_ENV] ?? stage.hashKey,
            hashIV: env[HASH_IV_ENV] ?? stage.hashIV,
          },
        ],
        // Never reached: the commands serve no callback.
        publicUrl: env.PUBLIC_URL ?? 'http://localhost',
        reapplyIntervalMs: 0,
        reconciliation: false,
      }),
    ],
  })
  class OperatorModule {}
  const app: INestApplicationContext =
    await NestFactory.createApplicationContext(OperatorModule, {
      logger: false,
      abortOnError: false,
    });
  return {
    reconciliation: app.get(ReconciliationService),
    processor: app.get(NotificationProcessor),
    dataSource: app.get(PAYMENTS_DATA_SOURCE),
    close: () => app.close(),
  };
}
