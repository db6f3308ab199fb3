import { decideCharge } from './card-authorizer.js';
import type { SimulatorContext } from './simulator-context.js';
import type { Authorization, SimulatedOrder } from './simulator-model.js';

/** The auth code the stage gateway gives every approved charge (vector V7, docs/gateway-protocol.md §7.1). */
const STAGE_AUTH_CODE = '777777';

/**
 * One card charge on the order's card at the clock's current time, recorded on the order: the first
 * authorization at checkout, a scheduled period, or a ReAuth.
 */
export function chargeCard(
  context: SimulatorContext,
  order: SimulatedOrder,
  sequence: number,
  kind: Authorization['kind'],
): Authorization {
  const { clock, faults, state } = context;
  const at = clock.now();
  const decision = decideCharge(order.card!, at, faults);
  const approved = decision.rtnCode === '1';
  const authorization: Authorization = {
    ...decision,
    sequence,
    kind,
    // The first authorization is the order's TradeNo; each later one gets its own (docs/gateway-protocol.md §12.2).
    tradeNo: kind === 'first' ? order.tradeNo : state.nextChargeTradeNo(at),
    gwsr: state.nextGwsr(),
    amount: order.period?.periodAmount ?? order.totalAmount,
    authCode: approved ? STAGE_AUTH_CODE : '',
    processedAt: at,
    simulatePaid: approved && faults.take('simulatePaidNext'),
  };
  order.authorizations.push(authorization);
  return authorization;
}
