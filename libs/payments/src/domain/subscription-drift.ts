import type { SubscriptionStatus } from './subscription-status.js';

/**
 * One authorization reconciliation found in the gateway's ExecLog and wrote into the ledger because
 * its post never arrived.
 *
 * @publicApi
 */
export interface BackfilledAuthorization {
  gwsr: string;
  tradeNo: string;
  sequence: number;
  success: boolean;
  amount: number;
  processedAt: Date;
}

/**
 * What differed between one subscription here and its agreement at the gateway, and what
 * reconciliation changed to repair it. A field is absent when that part agreed.
 *
 * @publicApi
 */
export interface SubscriptionDrift {
  subscriptionId: string;
  merchantTradeNo: string;
  /** Authorizations the gateway performed that the ledger lacked, now recorded (source `reconciliation`). */
  backfilled: BackfilledAuthorization[];
  /** The status moved: to `completed` (ExecStatus 2), `terminated` (ExecStatus 0 without our cancel), or by a back-filled period. */
  status?: { from: SubscriptionStatus; to: SubscriptionStatus };
  /** The amount was edited in the gateway's back office; the subscription now carries the gateway's. */
  periodAmount?: { from: number; to: number };
  /** ExecTimes was edited in the gateway's back office; the subscription now carries the gateway's. */
  execTimes?: { from: number; to: number };
  /** The gateway has no periodic agreement under this MerchantTradeNo (nothing repaired). */
  notAtGateway?: true;
}

/** Whether a drift changed anything here (a bare `notAtGateway` is reported, not repaired). */
export function driftRepairedSomething(drift: SubscriptionDrift): boolean {
  return (
    drift.backfilled.length > 0 ||
    drift.status !== undefined ||
    drift.periodAmount !== undefined ||
    drift.execTimes !== undefined
  );
}
