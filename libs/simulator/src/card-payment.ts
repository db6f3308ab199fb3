import { readCard, type CardInput } from './card-authorizer.js';
import { chargeCard } from './card-charge.js';
import {
  GATEWAY_ERROR_CODES as CODES,
  gatewayError,
} from './gateway-errors.js';
import { orderResultFields } from './notification-builder.js';
import { agreementDueAt } from './period-scheduler.js';
import {
  browserPost,
  notifyPaymentResult,
  openOrder,
  type SimulatorContext,
} from './simulator-context.js';
import type { Agreement, Authorization } from './simulator-model.js';
import type { PaymentOutcome } from './simulator-outcomes.js';

/**
 * The buyer pays a card order on the checkout page: the first authorization, the periodic agreement
 * it starts (or not, when declined: a failed first authorization never enters the schedule,
 * docs/gateway-protocol.md §12.6), its ReturnURL notification (awaited), and the browser post to OrderResultURL
 * when the order asked for one. Card input the simulated bank does not accept comes back as a
 * `CARD_REJECTED` error without touching the order.
 */
export async function payByCard(
  context: SimulatorContext,
  orderId: string,
  input: CardInput,
): Promise<PaymentOutcome> {
  const order = openOrder(context, orderId, 'awaiting-payment');
  if ('error' in order) return order;
  if (order.payment !== 'Credit') {
    return {
      ok: false,
      error: gatewayError(CODES.UNSUPPORTED, 'This order is paid by BNPL'),
      order,
    };
  }
  const card = readCard(input, context.clock.now(), context.options);
  if (!card.ok) {
    return {
      ok: false,
      error: gatewayError(CODES.CARD_REJECTED, card.message),
      order,
    };
  }
  order.card = card.card;
  const mark = context.deliveries.mark();
  const authorization = chargeCard(context, order, 1, 'first');
  const approved = authorization.rtnCode === '1';
  order.status = approved ? 'paid' : 'failed';
  if (order.period) order.agreement = startAgreement(order, authorization);
  await notifyPaymentResult(context, order, authorization);
  return {
    ok: true,
    order,
    result: authorization,
    deliveries: context.deliveries.touchedSince(mark),
    browserPost: order.urls.orderResultUrl
      ? browserPost(
          context,
          order,
          order.urls.orderResultUrl,
          orderResultFields(order, authorization),
        )
      : undefined,
  };
}

function startAgreement(
  order: Parameters<typeof agreementDueAt>[0],
  first: Authorization,
): Agreement {
  return first.rtnCode === '1'
    ? {
        execStatus: '1',
        nextSequence: 2,
        nextDueAt: agreementDueAt(order, 2),
        consecutiveFailures: 0,
      }
    : {
        execStatus: '0',
        stoppedBecause: 'first-authorization-failed',
        nextSequence: 2,
        consecutiveFailures: 1,
      };
}
