import {
  ALLPAY_PROFILE,
  ECPAY_PROFILE,
  type GatewayName,
} from 'nestjs-twpay/protocol';
import type { DataSourceOptions } from 'typeorm';
import { databaseOptions } from './database-options.js';

/** The example shop's settings, read once from the environment (DESIGN.md "Contract"). */
export interface AppConfig {
  port: number;
  publicUrl: string;
  database: DataSourceOptions;
  gateway: GatewayName;
  merchant: { merchantId: string; hashKey: string; hashIV: string };
  /** Where gateway calls go; `undefined` means the simulator mounted in this process. */
  gatewayUrl: string | undefined;
}

export function readAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number (got "${env.PORT}")`);
  }
  const gateway = (env.TWPAY_GATEWAY ?? 'allpay') as GatewayName;
  if (gateway !== 'allpay' && gateway !== 'ecpay') {
    throw new Error(
      `TWPAY_GATEWAY must be "allpay" or "ecpay" (got "${env.TWPAY_GATEWAY}")`,
    );
  }
  // Defaults: the gateway's public stage test merchant (REFERENCE.md section 4), not a secret.
  const stage = (gateway === 'ecpay' ? ECPAY_PROFILE : ALLPAY_PROFILE)
    .stageTestMerchant;
  return {
    port,
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${port}`,
    database: databaseOptions(env.DATABASE_URL),
    gateway,
    merchant: {
      merchantId: env.TWPAY_MERCHANT_ID ?? stage.merchantId,
      hashKey: env.TWPAY_HASH_KEY ?? stage.hashKey,
      hashIV: env.TWPAY_HASH_IV ?? stage.hashIV,
    },
    gatewayUrl: env.TWPAY_GATEWAY_URL || undefined,
  };
}
