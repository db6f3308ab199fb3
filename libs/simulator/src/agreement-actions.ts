import {
  GATEWAY_ERROR_CODES as CODES,
  gatewayError,
  type GatewayError,
} from './gateway-errors.js';
import type { SimulatorContext } from './simulator-context.js';
import type { SimulatedOrder } from './simulator-model.js';

/**
 * CreditCardPeriodAction `Cancel`: stops every future charge, for good (docs/gateway-protocol.md §7.2).
 * Synchronous, so a merchant may cancel from inside a notification handler.
 */
export function cancelAgreement(
  order: SimulatedOrder,
): GatewayError | undefined {
  const error = runningAgreementError(order);
  if (error) return error;
  Object.assign(order.agreement!, {
    execStatus: '0',
    stoppedBecause: 'cancelled',
    nextDueAt: undefined,
    reauthRequestedAt: undefined,
  });
  return undefined;
}

/**
 * CreditCardPeriodAction `ReAuth`: accepted only for the latest charge, only when it failed, only
 * while the agreement runs (docs/gateway-protocol.md §7.2). The gateway's scheduler performs it, so the
 * simulator performs it at the next clock advance (`{ minutes: 0 }` is enough), and its result goes
 * to PeriodReturnURL like any periodic charge.
 */
export function requestReAuth(
  context: SimulatorContext,
  order: SimulatedOrder,
): GatewayError | undefined {
  const error = runningAgreementError(order);
  if (error) return error;
  const agreement = order.agreement!;
  if (order.authorizations.at(-1)!.rtnCode === '1') {
    return gatewayError(
      CODES.ACTION_NOT_ALLOWED,
      'ReAuth Error: the latest charge succeeded; only the latest failed charge can be re-authorized',
    );
  }
  if (agreement.reauthRequestedAt) {
    return gatewayError(
      CODES.ACTION_NOT_ALLOWED,
      'ReAuth Error: a ReAuth is already pending',
    );
  }
  agreement.reauthRequestedAt = context.clock.now();
  return undefined;
}

function runningAgreementError(
  order: SimulatedOrder,
): GatewayError | undefined {
  if (!order.period) {
    return gatewayError(
      CODES.NOT_PERIODIC,
      'This order is not a periodic (定期定額) order',
    );
  }
  if (!order.agreement) {
    return gatewayError(
      CODES.ACTION_NOT_ALLOWED,
      'The order has not been authorized yet',
    );
  }
  if (order.agreement.execStatus === '0') {
    // The captured answer to a second action after Cancel (docs/gateway-protocol.md §12.1).
    return gatewayError(CODES.AGREEMENT_STOPPED, '該訂單狀態為停用中');
  }
  if (order.agreement.execStatus === '2') {
    return gatewayError(
      CODES.ACTION_NOT_ALLOWED,
      'The periodic order is already finished',
    );
  }
  return undefined;
}
