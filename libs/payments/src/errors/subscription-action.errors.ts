import { PaymentsErrorCode } from './payments-error-code.js';
import { PaymentsError } from './payments.error.js';

/**
 * A subscription action that its current status does not allow: cancelling an agreement that never
 * started or already ended, re-authorizing when the latest charge did not fail.
 *
 * @publicApi
 */
export class SubscriptionStateError extends PaymentsError {
  constructor(
    readonly subscriptionId: string,
    /** The subscription's status when the action was asked for. */
    readonly status: string,
    message: string,
  ) {
    super(PaymentsErrorCode.INVALID_REQUEST, message);
  }
}
