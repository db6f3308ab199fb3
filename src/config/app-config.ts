import { ALLPAY_PROFILE, ECPAY_PROFILE, type GatewayName } from 'nestjs-twpay';
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
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${port}`;
  const gatewayUrl = env.TWPAY_GATEWAY_URL || undefined;
  // Checked here so a mistake is reported under the variable the operator set, not as the module
  // option it feeds (PUBLIC_URL also becomes `gatewayBaseUrl` when the simulator is built in).
  httpUrl('PUBLIC_URL', publicUrl);
  if (gatewayUrl !== undefined) httpUrl('TWPAY_GATEWAY_URL', gatewayUrl);
  return {
    port,
    publicUrl,
    database: databaseOptions(env.DATABASE_URL),
    gateway,
    merchant: {
      merchantId: env.TWPAY_MERCHANT_ID ?? stage.merchantId,
      hashKey: env.TWPAY_HASH_KEY ?? stage.hashKey,
      hashIV: env.TWPAY_HASH_IV ?? stage.hashIV,
    },
    gatewayUrl,
  };
}

/** Throws unless `value` is an absolute http(s) URL, naming the environment variable it came from. */
function httpUrl(variable: string, value: string): void {
  let protocol: string | undefined;
  try {
    protocol = new URL(value).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new Error(
      `${variable} must be an absolute http(s) URL such as https://shop.example.com (got "${value}")`,
    );
  }
}
