import type { MacKeys } from '../protocol/check-mac-value.js';
import type {
  GatewayEnvironment,
  GatewayName,
} from '../protocol/gateway-profile.js';

/**
 * A merchant the client may call the gateway for. The keys sign requests and verify signed answers;
 * they never appear in a log line or an error.
 *
 * @publicApi
 */
export interface GatewayClientMerchant extends MacKeys {
  merchantId: string;
  /** Sent as `PlatformID` when set (platform merchants only). */
  platformId?: string;
}

/**
 * How the client treats a slow or failing gateway.
 *
 * @publicApi
 */
export interface GatewayHttpPolicy {
  /** How long one attempt may take before it is aborted. @default 10000 */
  timeoutMs: number;
  /** Attempts per call, the first one included, on network errors, timeouts and 5xx. @default 4 */
  maxAttempts: number;
  /** The back-off before the second attempt; it doubles per attempt, with full jitter. @default 500 */
  retryBaseDelayMs: number;
  /** The longest back-off between two attempts. @default 8000 */
  retryMaxDelayMs: number;
  /**
   * After an HTTP 403 ("too fast"), how long the client sends nothing to the gateway. ECPay asks for
   * 30 minutes (docs/gateway-protocol.md §10, pitfall 12). @default 1800000
   */
  rateLimitBackoffMs: number;
}

/** @publicApi */
export const DEFAULT_GATEWAY_HTTP_POLICY: Readonly<GatewayHttpPolicy> =
  Object.freeze({
    timeoutMs: 10_000,
    maxAttempts: 4,
    retryBaseDelayMs: 500,
    retryMaxDelayMs: 8_000,
    rateLimitBackoffMs: 30 * 60_000,
  });

/**
 * What the gateway client needs. The module's resolved options fit as they are (gateway,
 * environment, gatewayBaseUrl, merchants); the CLI builds the same object from its flags.
 *
 * @publicApi
 */
export interface GatewayClientOptions {
  gateway: GatewayName;
  environment: GatewayEnvironment;
  /** Calls go here instead of the environment's host (the local simulator, a proxy). */
  gatewayBaseUrl?: string | undefined;
  /** The first one is used unless a call names another `merchantId`. */
  merchants: readonly GatewayClientMerchant[];
  http?: Partial<GatewayHttpPolicy>;
  /** The HTTP function; Node's global `fetch` by default (tests may pass another). */
  fetch?: typeof fetch;
  /** Returns a number in [0, 1) for the back-off jitter; `Math.random` by default. */
  random?: () => number;
}

/**
 * The injection token of {@link GatewayClientOptions}: the payments module provides it from its
 * resolved options.
 *
 * @publicApi
 */
export const GATEWAY_CLIENT_OPTIONS = 'TWPAY_GATEWAY_CLIENT_OPTIONS';
