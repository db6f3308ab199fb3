import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { GatewayRateLimitedError } from '../errors/gateway-client.errors.js';
import { GatewayRequestError } from '../errors/payments.error.js';
import { errorMessage } from '../errors/error-message.js';
import { PAYMENTS_MESSAGES } from '../errors/payments.messages.js';
import type { GatewayHttpPolicy } from './gateway-client-options.js';

/** One server-to-server call: where, and how to build its signed body. */
export interface GatewayHttpRequest {
  /** The API's name, for messages: `QueryCreditCardPeriodInfo`, `CreditCardPeriodAction`… */
  api: string;
  url: string;
  /** Builds the form body for each attempt, so every attempt carries a fresh TimeStamp. */
  body: () => string;
  /**
   * Whether the call may be sent again after an attempt that may have reached the gateway (a timeout,
   * a 5xx). A ReAuth is not: only a connection that was never made is retried for it.
   */
  idempotent: boolean;
  /** What the call is about (a MerchantTradeNo), for log lines. */
  subject: string;
}

/** Connection errors raised before any byte was sent: safe to retry for any call. */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * POSTs forms to the gateway with a timeout per attempt, retries with exponential back-off and full
 * jitter on network errors, timeouts and 5xx, and a long pause after HTTP 403 ("too fast"), during
 * which every call fails fast with {@link GatewayRateLimitedError} without touching the network.
 * Log lines and errors name the API, the MerchantTradeNo and the HTTP status, never a body.
 */
export class GatewayHttp {
  private readonly logger = new Logger(GatewayHttp.name);
  private blockedUntil = 0;

  constructor(
    private readonly policy: GatewayHttpPolicy,
    private readonly fetchFn: typeof fetch,
    private readonly random: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Until when the gateway asked us to stay away, if it did and the pause is not over. */
  get rateLimitedUntil(): Date | undefined {
    return this.blockedUntil > this.now()
      ? new Date(this.blockedUntil)
      : undefined;
  }

  /** Sends the request and returns the body of the first 2xx answer. */
  async post(request: GatewayHttpRequest): Promise<string> {
    const { maxAttempts } = this.policy;
    for (let attempt = 1; ; attempt += 1) {
      this.throwIfRateLimited();
      const outcome = await this.attempt(request);
      if ('text' in outcome) return outcome.text;
      if (!outcome.retryable || attempt >= maxAttempts) {
        throw new GatewayRequestError(
          PAYMENTS_MESSAGES.gatewayUnreachable(
            request.api,
            request.subject,
            attempt,
            outcome.failure,
          ),
          undefined,
          undefined,
          { cause: outcome.cause },
        );
      }
      const delay = this.backoff(attempt);
      this.logger.warn(
        `${request.api} for ${request.subject}: attempt ${attempt} of ${maxAttempts} failed (${outcome.failure}); retrying in ${delay} ms`,
      );
      await sleep(delay);
    }
  }

  private async attempt(
    request: GatewayHttpRequest,
  ): Promise<
    { text: string } | { failure: string; retryable: boolean; cause?: unknown }
  > {
    let response: Response;
    let text: string;
    try {
      response = await this.fetchFn(request.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: request.body(),
        signal: AbortSignal.timeout(this.policy.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      return {
        failure: describeNetworkError(error, this.policy.timeoutMs),
        retryable: request.idempotent || neverSent(error),
        cause: error,
      };
    }
    if (response.ok) return { text };
    if (response.status === 403) {
      this.blockedUntil = this.now() + this.policy.rateLimitBackoffMs;
      this.logger.warn(
        `${request.api} for ${request.subject}: HTTP 403 ("too fast"); pausing every gateway call until ${new Date(this.blockedUntil).toISOString()}`,
      );
      throw new GatewayRateLimitedError(new Date(this.blockedUntil));
    }
    if (response.status >= 500) {
      return {
        failure: `HTTP ${response.status}`,
        retryable: request.idempotent,
      };
    }
    throw new GatewayRequestError(
      PAYMENTS_MESSAGES.gatewayHttpStatus(
        request.api,
        request.subject,
        response.status,
      ),
    );
  }

  private throwIfRateLimited(): void {
    const until = this.rateLimitedUntil;
    if (until) throw new GatewayRateLimitedError(until);
  }

  /** Full jitter: a random delay up to the exponential cap (base x 2^(attempt-1), at most the maximum). */
  private backoff(attempt: number): number {
    const cap = Math.min(
      this.policy.retryMaxDelayMs,
      this.policy.retryBaseDelayMs * 2 ** (attempt - 1),
    );
    return Math.floor(this.random() * cap);
  }
}

function neverSent(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } })?.cause?.code;
  return typeof code === 'string' && NEVER_SENT_CODES.has(code);
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  // AbortSignal.timeout rejects with a DOMException, which is not an Error instance on Node 20.
  if ((error as { name?: unknown })?.name === 'TimeoutError') {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })
    ?.cause;
  if (typeof cause?.code === 'string') return `network error ${cause.code}`;
  return `network error (${errorMessage(error)})`;
}
