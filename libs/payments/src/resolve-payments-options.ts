import { Logger } from '@nestjs/common';
import { PaymentsConfigError } from './errors/payments.error.js';
import {
  MERCHANT_ID_PATTERN,
  MERCHANT_TRADE_NO_PREFIX_PATTERN,
} from './protocol/identifier-patterns.js';
import type {
  PaymentsModuleOptions,
  ReconciliationOptions,
  ResolvedPaymentsOptions,
} from './interfaces/payments-module-options.interface.js';

const GATEWAYS = ['allpay', 'ecpay'] as const;
const ENVIRONMENTS = ['stage', 'production'] as const;
/** Every HashKey and HashIV the gateways issue has 16 characters (docs/gateway-protocol.md §4). */
const ISSUED_SECRET_LENGTH = 16;
const SIMULATED_PAYMENT_POLICIES = [
  'paid-outside-production',
  'never-paid',
  'paid',
] as const;

/**
 * Applies the defaults and checks every option once, at boot. A broken option fails start-up with a
 * {@link PaymentsConfigError} naming the option and the rule. Secret values are never quoted.
 *
 * @internal
 */
export function resolvePaymentsOptions(
  options: PaymentsModuleOptions | undefined,
  routePrefix: string,
): ResolvedPaymentsOptions {
  if (!options || typeof options !== 'object') {
    throw configError(
      'options',
      'is required: pass an object to forRoot() or return one from useFactory',
    );
  }
  oneOf('gateway', options.gateway, GATEWAYS);
  const environment = options.environment ?? 'stage';
  oneOf('environment', environment, ENVIRONMENTS);
  if (options.gatewayBaseUrl !== undefined)
    httpUrl('gatewayBaseUrl', options.gatewayBaseUrl);
  httpUrl('publicUrl', options.publicUrl);

  if (!Array.isArray(options.merchants) || options.merchants.length === 0) {
    throw configError(
      'merchants',
      'must be a non-empty array of { merchantId, hashKey, hashIV }',
    );
  }
  const seen = new Set<string>();
  options.merchants.forEach((merchant, i) => {
    const at = `merchants[${i}]`;
    if (!merchant || typeof merchant !== 'object')
      throw configError(at, 'must be an object');
    if (
      typeof merchant.merchantId !== 'string' ||
      !MERCHANT_ID_PATTERN.test(merchant.merchantId)
    ) {
      throw configError(
        `${at}.merchantId`,
        'must be 1-10 letters or digits (the MerchantID from the gateway)',
      );
    }
    if (seen.has(merchant.merchantId)) {
      throw configError(
        `${at}.merchantId`,
        `must be unique; ${merchant.merchantId} is configured twice`,
      );
    }
    seen.add(merchant.merchantId);
    secret(`${at}.hashKey`, merchant.hashKey, 'HashKey');
    secret(`${at}.hashIV`, merchant.hashIV, 'HashIV');
    if (
      merchant.platformId !== undefined &&
      !MERCHANT_ID_PATTERN.test(merchant.platformId)
    ) {
      throw configError(
        `${at}.platformId`,
        'must be 1-10 letters or digits when set',
      );
    }
  });

  const simulatedPayments =
    options.simulatedPayments ?? 'paid-outside-production';
  oneOf('simulatedPayments', simulatedPayments, SIMULATED_PAYMENT_POLICIES);
  const merchantTradeNoPrefix = options.merchantTradeNoPrefix ?? 'TW';
  if (!MERCHANT_TRADE_NO_PREFIX_PATTERN.test(merchantTradeNoPrefix)) {
    throw configError(
      'merchantTradeNoPrefix',
      'must be at most 6 letters or digits (MerchantTradeNo allows only those, 20 in all)',
    );
  }
  const browserReturnUrl = options.browserReturnUrl ?? '/';
  if (typeof browserReturnUrl !== 'string' || browserReturnUrl === '') {
    throw configError('browserReturnUrl', 'must be a non-empty URL or path');
  }
  const bnplBrowserReturnUrl = options.bnplBrowserReturnUrl ?? browserReturnUrl;
  if (typeof bnplBrowserReturnUrl !== 'string' || bnplBrowserReturnUrl === '') {
    throw configError(
      'bnplBrowserReturnUrl',
      'must be a non-empty URL or path',
    );
  }

  const reapplyIntervalMs = options.reapplyIntervalMs ?? 60_000;
  if (!Number.isInteger(reapplyIntervalMs) || reapplyIntervalMs < 0) {
    throw configError(
      'reapplyIntervalMs',
      'must be a whole number of milliseconds, 0 or more',
    );
  }
  const claimLeaseMs = options.claimLeaseMs ?? 60_000;
  if (!Number.isInteger(claimLeaseMs) || claimLeaseMs < 1) {
    throw configError(
      'claimLeaseMs',
      'must be a whole number of milliseconds, 1 or more',
    );
  }
  const maxApplyAttempts = options.maxApplyAttempts ?? 20;
  if (!Number.isInteger(maxApplyAttempts) || maxApplyAttempts < 1) {
    throw configError('maxApplyAttempts', 'must be a whole number, 1 or more');
  }
  const maxCallbackBodyBytes = options.maxCallbackBodyBytes ?? 256 * 1024;
  if (!Number.isInteger(maxCallbackBodyBytes) || maxCallbackBodyBytes < 1) {
    throw configError(
      'maxCallbackBodyBytes',
      'must be a whole number of bytes, 1 or more',
    );
  }

  if (options.clock !== undefined && typeof options.clock !== 'function') {
    throw configError('clock', 'must be a function returning the current Date');
  }
  const reconciliation = resolveReconciliation(options.reconciliation);

  return {
    gateway: options.gateway,
    environment,
    gatewayBaseUrl: options.gatewayBaseUrl?.replace(/\/+$/, ''),
    merchants: options.merchants.map((m) => ({ ...m })),
    publicUrl: options.publicUrl.replace(/\/+$/, ''),
    simulatedPayments,
    browserReturnUrl,
    bnplBrowserReturnUrl,
    merchantTradeNoPrefix,
    reapplyIntervalMs,
    maxApplyAttempts,
    claimLeaseMs,
    clock: options.clock ?? (() => new Date()),
    reconciliation,
    maxCallbackBodyBytes,
    routePrefix,
  };
}

const RECONCILIATION_DEFAULTS: Required<ReconciliationOptions> = {
  intervalMs: 15 * 60_000,
  graceMs: 24 * 60 * 60_000,
  pendingGraceMs: 60 * 60_000,
  recentlyCancelledMs: 7 * 24 * 60 * 60_000,
  concurrency: 8,
  leaseMs: 5 * 60_000,
};

function resolveReconciliation(
  given: ReconciliationOptions | false | undefined,
): Required<ReconciliationOptions> {
  if (given === false) return { ...RECONCILIATION_DEFAULTS, intervalMs: 0 };
  if (given !== undefined && (given === null || typeof given !== 'object')) {
    throw configError('reconciliation', 'must be an object or false');
  }
  const resolved = { ...RECONCILIATION_DEFAULTS, ...given };
  for (const [name, value] of Object.entries(resolved)) {
    const positive = name === 'concurrency' || name === 'leaseMs';
    if (!Number.isInteger(value) || value < (positive ? 1 : 0)) {
      throw configError(
        `reconciliation.${name}`,
        `must be a whole number, ${positive ? 1 : 0} or more`,
      );
    }
  }
  return resolved;
}

/**
 * Normalises the callback route prefix given to `forRoot`/`forRootAsync` (`'/payments/'` → `'payments'`).
 *
 * @internal
 */
export function normalizeRoutePrefix(prefix: string | undefined): string {
  const value = (prefix ?? 'payments').replace(/^\/+|\/+$/g, '');
  if (!/^[A-Za-z0-9._~\-/]*$/.test(value)) {
    throw configError(
      'routePrefix',
      'may contain only letters, digits, "/", ".", "_", "~" and "-"',
    );
  }
  return value;
}

function configError(option: string, rule: string): PaymentsConfigError {
  return new PaymentsConfigError(
    option,
    `PaymentsModule option "${option}" ${rule}.`,
  );
}

function oneOf<T extends string>(
  option: string,
  value: unknown,
  allowed: readonly T[],
): void {
  if (!allowed.includes(value as T)) {
    const shown = typeof value === 'string' ? `"${value}"` : String(value);
    throw configError(
      option,
      `must be one of ${allowed.map((a) => `"${a}"`).join(', ')} (got ${shown})`,
    );
  }
}

function httpUrl(option: string, value: unknown): void {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw configError(
      option,
      'is required and must be an absolute http(s) URL, e.g. "https://shop.example.com"',
    );
  }
}

/** Checks a secret without ever quoting its value, not even in part. */
function secret(option: string, value: unknown, what: string): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw configError(
      option,
      `is required: the ${what} from the gateway's merchant back office (value not shown)`,
    );
  }
  if (value.trim() !== value || !/^[\x21-\x7e]+$/.test(value)) {
    throw configError(
      option,
      `must be printable ASCII without spaces; check for a stray space or newline (value not shown)`,
    );
  }
  if (value.length !== ISSUED_SECRET_LENGTH) {
    // A warning, not a refusal: the length is the gateways' practice, not a documented rule. A key cut
    // short or doubled while copying would otherwise only show as every CheckMacValue failing.
    new Logger('PaymentsModule').warn(
      `PaymentsModule option "${option}" has ${value.length} characters; the gateways issue ${what}s of ` +
        `${ISSUED_SECRET_LENGTH}. Check that it was copied whole from the merchant back office (value not shown).`,
    );
  }
}
