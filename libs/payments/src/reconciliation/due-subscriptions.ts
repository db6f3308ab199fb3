import type { DataSource } from 'typeorm';
import { In, MoreThanOrEqual } from 'typeorm';
import type { SubscriptionStatus } from '../domain/subscription-status.js';
import type { ResolvedPaymentsOptions } from '../interfaces/payments-module-options.interface.js';
import { PaymentSubscriptionEntity } from '../subscriptions/entities/payment-subscription.entity.js';
import { nextChargeAt } from '../subscriptions/next-charge-date.js';

/**
 * What the selection reads of a subscription: enough to decide due-ness and to name it.
 * @internal
 */
export type ReconciliationCandidate = Pick<
  PaymentSubscriptionEntity,
  | 'id'
  | 'merchantId'
  | 'merchantTradeNo'
  | 'status'
  | 'periodType'
  | 'frequency'
  | 'execTimes'
  | 'totalSuccessTimes'
  | 'firstAuthorizedAt'
  | 'createdAt'
>;

/** Statuses the gateway may still change behind our back. */
const OPEN_STATUSES: SubscriptionStatus[] = ['pending', 'active', 'past_due'];

/**
 * Whether a subscription needs reconciling at `now` (the module's clock):
 * - `active` / `past_due`: its next charge is overdue by `graceMs` (the post should have arrived);
 * - `pending`: no first authorization `pendingGraceMs` after checkout was created;
 * - `cancelled`: always, while it is recent (the selection's query decides that).
 *
 * @internal
 */
export function isDueForReconciliation(
  subscription: ReconciliationCandidate,
  now: Date,
  settings: { graceMs: number; pendingGraceMs: number },
): boolean {
  switch (subscription.status) {
    case 'pending':
      return (
        subscription.createdAt.getTime() + settings.pendingGraceMs <=
        now.getTime()
      );
    case 'active':
    case 'past_due': {
      const next = nextChargeAt({
        ...subscription,
        lastPeriod: subscription.totalSuccessTimes,
        running: true,
      });
      return (
        next !== null && next.getTime() + settings.graceMs <= now.getTime()
      );
    }
    case 'cancelled':
      return true;
    default:
      return false;
  }
}

/**
 * The subscriptions a run checks, oldest first: every open one (pending, active, past_due) plus the
 * recently cancelled, filtered to the due ones when `dueOnly`.
 *
 * `recentlyCancelledMs` is measured on `updatedAt`, a database (real-time) timestamp.
 *
 * @internal
 */
export async function selectSubscriptionsToReconcile(
  dataSource: DataSource,
  options: Pick<ResolvedPaymentsOptions, 'clock' | 'reconciliation'>,
  dueOnly: boolean,
): Promise<ReconciliationCandidate[]> {
  const settings = options.reconciliation;
  const candidates = await dataSource
    .getRepository(PaymentSubscriptionEntity)
    .find({
      select: {
        id: true,
        merchantId: true,
        merchantTradeNo: true,
        status: true,
        periodType: true,
        frequency: true,
        execTimes: true,
        totalSuccessTimes: true,
        firstAuthorizedAt: true,
        createdAt: true,
      },
      where: [
        { status: In(OPEN_STATUSES) },
        {
          status: 'cancelled',
          updatedAt: MoreThanOrEqual(
            new Date(Date.now() - settings.recentlyCancelledMs),
          ),
        },
      ],
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  if (!dueOnly) return candidates;
  const now = options.clock();
  return candidates.filter((s) => isDueForReconciliation(s, now, settings));
}
