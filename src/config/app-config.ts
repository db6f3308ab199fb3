import {
  ALLPAY_PROFILE,
  ECPAY_PROFILE,
  type GatewayName,
} from 'nestjs-twpay/protocol';
import { join } from 'node:path';
import type { LogLevel } from '@nestjs/common';
import type { DataSourceOptions } from 'typeorm';
import { databaseOptions } from './database-options.js';

/** The example shop's settings, read once from the environment. */
export interface AppConfig {
  port: number;
  publicUrl: string;
  database: DataSourceOptions;
  gateway: GatewayName;
  merchant: { merchantId: string; hashKey: string; hashIV: string };
  /** Where gateway calls go; `undefined` means the simulator mounted in this process. */
  gatewayUrl: string | undefined;
  /**
   * Where the mounted simulator keeps its agreements across restarts (`TWPAY_SIMULATOR_STATE`,
   * default `./data/simulator-state.json`); `undefined`: kept in memory only.
   */
  simulatorStateFile: string | undefined;
  /**
   * The levels the log prints (`LOG_LEVEL`: the lowest one shown, default `debug`, so a developer
   * watching the terminal sees every applied notification and event; production runs `log`).
   */
  logLevels: LogLevel[];
}

/** Nest's log levels, most severe first: `LOG_LEVEL=x` prints x and everything before it. */
const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'log',
  'debug',
  'verbose',
];

/**
 * The shop's settings from environment variables, every one checked. A bad value is reported under
 * the variable's own name (`PUBLIC_URL`, not the payments option it feeds), all problems at once.
 */
export function readAppConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): AppConfig {
  const problems: string[] = [];
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT must be a port number (got "${env.PORT}")`);
  const gateway = (env.TWPAY_GATEWAY ?? 'allpay') as GatewayName;
  if (gateway !== 'allpay' && gateway !== 'ecpay')
    problems.push(
      `TWPAY_GATEWAY must be "allpay" or "ecpay" (got "${env.TWPAY_GATEWAY}")`,
    );
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${port}`;
  if (!isHttpUrl(publicUrl))
    problems.push(
      `PUBLIC_URL must be the shop's absolute http(s) URL, e.g. https://shop.example.com (got "${env.PUBLIC_URL}")`,
    );
  const gatewayUrl = env.TWPAY_GATEWAY_URL || undefined;
  if (gatewayUrl !== undefined && !isHttpUrl(gatewayUrl))
    problems.push(
      `TWPAY_GATEWAY_URL must be an absolute http(s) URL (got "${gatewayUrl}")`,
    );
  const lowestLevel = LOG_LEVELS.indexOf(
    (env.LOG_LEVEL ?? 'debug') as LogLevel,
  );
  if (lowestLevel < 0)
    problems.push(
      `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${env.LOG_LEVEL}")`,
    );
  if (problems.length > 0)
    throw new Error(`Invalid shop settings: ${problems.join('; ')}`);

  // Defaults: the gateway's public stage test merchant, not a secret.
  const stage = (gateway === 'ecpay' ? ECPAY_PROFILE : ALLPAY_PROFILE)
    .stageTestMerchant;
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
    simulatorStateFile:
      env.TWPAY_SIMULATOR_STATE ??
      join(process.cwd(), 'data', 'simulator-state.json'),
    logLevels: LOG_LEVELS.slice(0, lowestLevel + 1),
  };
}

function isHttpUrl(text: string): boolean {
  return URL.canParse(text) && /^https?:$/.test(new URL(text).protocol);
}
