import { GatewayRequestError } from './payments.error.js';

/**
 * The gateway answered HTTP 403, which it uses for "too fast" (docs/gateway-protocol.md §10, pitfall
 * 12). The client then sends nothing to that gateway until `retryAt` and fails fast with this error,
 * so a job can skip its remaining work and come back later.
 *
 * @publicApi
 */
export class GatewayRateLimitedError extends GatewayRequestError {
  constructor(
    /** The first moment the client will call the gateway again. */
    readonly retryAt: Date,
  ) {
    super(
      `The gateway answered HTTP 403 ("too fast"); no request is sent before ${retryAt.toISOString()}. ` +
        'Space out queries and actions (reconciliation: lower its concurrency) and try again then.',
    );
  }
}

/**
 * A signed gateway answer did not verify against the merchant's keys (or carried no CheckMacValue),
 * so nothing in it can be trusted. Usually the HashKey/HashIV configured for the merchant are not the
 * ones of the environment called, or something between the app and the gateway altered the answer.
 *
 * @publicApi
 */
export class GatewayAnswerSignatureError extends GatewayRequestError {
  constructor(
    /** The API whose answer failed verification, e.g. `CreditCardPeriodAction`. */
    readonly api: string,
    /** `missing`: no CheckMacValue at all; `mismatch` or `malformed`: it does not verify. */
    readonly reason: 'missing' | 'malformed' | 'mismatch',
  ) {
    super(
      `The ${api} answer's CheckMacValue is ${reason === 'missing' ? 'missing' : 'wrong'}, so the answer ` +
        'was not trusted. Check that the merchant\u2019s HashKey and HashIV belong to the gateway environment ' +
        'being called (stage keys do not sign production answers).',
    );
  }
}
