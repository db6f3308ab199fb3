import { PAYMENTS_MESSAGES } from './payments.messages.js';
import {
  GatewayRequestError,
  UnsupportedByGatewayError,
} from './payments.error.js';

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
    super(PAYMENTS_MESSAGES.gatewayRateLimited(retryAt));
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
    super(PAYMENTS_MESSAGES.gatewayAnswerSignature(api, reason));
  }
}

/**
 * The gateway has no periodic action API (AllPay: no documented CreditCardPeriodAction), so a
 * subscription can be neither cancelled nor re-authorized through it. Says what the merchant does
 * instead.
 *
 * @publicApi
 */
export class PeriodActionsUnsupportedError extends UnsupportedByGatewayError {
  constructor(gatewayDisplayName: string) {
    super(PAYMENTS_MESSAGES.periodActionsUnsupported(gatewayDisplayName));
  }
}
