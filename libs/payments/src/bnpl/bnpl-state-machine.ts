import { COLUMN_LENGTHS } from '../domain/column-lengths.js';
import { PAYMENTS_EVENTS } from '../events/payments-events.js';
import type { BnplOrderEntity } from './entities/bnpl-order.entity.js';
import type { BnplStatus } from '../domain/bnpl-status.js';

/**
 * The application result (PaymentInfoURL, docs/gateway-protocol.md section 8), in the module's own terms.
 * @internal
 */
export interface BnplApplicationResult {
  kind: 'application';
  /** `RtnCode=2`: the provider is processing the application. Any other code: it failed. */
  applying: boolean;
  rtnCode: string;
  rtnMsg: string;
  tradeNo: string | null;
  bnplTradeNo: string | null;
  installments: number | null;
  paymentType: string | null;
  receivedAt: Date;
}

/**
 * The payment result (ReturnURL), in the module's own terms.
 * @internal
 */
export interface BnplPaymentResult {
  kind: 'payment';
  /** `RtnCode=1`. */
  paid: boolean;
  /** `SimulatePaid=1`; the caller has already applied the module's policy to it. */
  simulated: boolean;
  rtnCode: string;
  rtnMsg: string;
  tradeNo: string | null;
  bnplTradeNo: string | null;
  installments: number | null;
  paymentType: string | null;
  paidAt: Date | null;
}

/** @internal */
export type BnplResult = BnplApplicationResult | BnplPaymentResult;

/** @internal */
export type BnplEventName =
  | typeof PAYMENTS_EVENTS.BNPL_APPLICATION_RECEIVED
  | typeof PAYMENTS_EVENTS.BNPL_APPLICATION_FAILED
  | typeof PAYMENTS_EVENTS.BNPL_PAID
  | typeof PAYMENTS_EVENTS.BNPL_FAILED;

/**
 * What a result does to an order: the columns to write and the events that follow.
 * @internal
 */
export interface BnplTransition {
  from: BnplStatus;
  to: BnplStatus;
  changes: Partial<BnplOrderEntity>;
  events: BnplEventName[];
}

/**
 * Statuses in the only order an order moves through them. `failed` ranks below `paid` because the
 * payment result on ReturnURL is the one the gateway says counts (docs/gateway-protocol.md section 8: "付款結果請依
 * ReturnURL付款結果通知為主"): money received after a failed application is still money received.
 */
const RANK: Readonly<Record<BnplStatus, number>> = {
  created: 0,
  applying: 1,
  failed: 2,
  paid: 3,
};

/**
 * Decides what one gateway result does to a BNPL order, without touching it: `null` when it changes
 * nothing.
 *
 * The status only moves forward (`created` → `applying` → `failed` → `paid`, steps may be skipped), so:
 * - a re-sent or duplicated result finds the order already in the status it leads to, and is a no-op:
 *   the status itself is the idempotency key, guarded by the row lock and the version compare-and-set
 *   of the caller;
 * - a late result (an application result after the payment result) never moves the order back;
 * - `paid` is final; `failed` can only become `paid`.
 *
 * @internal
 */
export function decideBnplResult(
  order: Pick<
    BnplOrderEntity,
    'status' | 'tradeNo' | 'bnplTradeNo' | 'installments' | 'paymentType'
  >,
  result: BnplResult,
): BnplTransition | null {
  const to = targetStatus(result);
  if (RANK[to] <= RANK[order.status]) return null;
  const changes: Partial<BnplOrderEntity> = {
    status: to,
    rtnCode: result.rtnCode,
    rtnMsg: result.rtnMsg.slice(0, COLUMN_LENGTHS.rtnMsg),
    // A failure may leave these out; what an earlier result told is kept then.
    tradeNo: result.tradeNo ?? order.tradeNo,
    bnplTradeNo: result.bnplTradeNo ?? order.bnplTradeNo,
    installments: result.installments ?? order.installments,
    paymentType: result.paymentType ?? order.paymentType,
  };
  if (result.kind === 'application' && result.applying)
    changes.appliedAt = result.receivedAt;
  if (result.kind === 'payment' && result.paid) {
    changes.paidAt = result.paidAt;
    changes.simulated = result.simulated;
  }
  return { from: order.status, to, changes, events: eventsOf(result, to) };
}

function targetStatus(result: BnplResult): BnplStatus {
  if (result.kind === 'application')
    return result.applying ? 'applying' : 'failed';
  return result.paid ? 'paid' : 'failed';
}

function eventsOf(result: BnplResult, to: BnplStatus): BnplEventName[] {
  switch (to) {
    case 'applying':
      return [PAYMENTS_EVENTS.BNPL_APPLICATION_RECEIVED];
    case 'paid':
      return [PAYMENTS_EVENTS.BNPL_PAID];
    case 'failed':
      return result.kind === 'application'
        ? [PAYMENTS_EVENTS.BNPL_APPLICATION_FAILED, PAYMENTS_EVENTS.BNPL_FAILED]
        : [PAYMENTS_EVENTS.BNPL_FAILED];
    case 'created':
      return [];
  }
}
