import { periodDueAt } from 'nestjs-twpay/protocol';
import { chargeCard } from './card-charge.js';
import { periodResultFields } from './notification-builder.js';
import { deliveryTarget, type SimulatorContext } from './simulator-context.js';
import type { SimulatedOrder } from './simulator-model.js';
import type { ChargeRecord } from './simulator-outcomes.js';

/** Consecutive failed charges after which the gateway stops an agreement (ECDOC-2868, docs/gateway-protocol.md §5.1). */
const MAX_CONSECUTIVE_FAILURES = 6;

/** Something due on the virtual clock. */
interface DueEvent {
  at: Date;
  /** Tie-break at the same instant: ReAuths, then scheduled charges, then notifications. */
  rank: number;
  run: () => Promise<ChargeRecord | void>;
}

/** When the `sequence`-th charge of a periodic order falls due, counted from its first authorization. */
export function agreementDueAt(
  order: Pick<SimulatedOrder, 'period' | 'authorizations'>,
  sequence: number,
): Date {
  const { periodType, frequency } = order.period!;
  return periodDueAt(
    order.authorizations[0].processedAt,
    sequence,
    periodType,
    frequency,
  );
}

/**
 * The gateway's scheduler: runs, in time order across all orders, everything due up to `limit`
 * (scheduled charges, pending ReAuths, notification re-sends and delayed notifications), moving the
 * virtual clock to each one and awaiting it before the next, so the merchant sees them in order.
 * Returns the charges it made.
 */
export async function runDueEvents(
  context: SimulatorContext,
  limit: Date,
): Promise<ChargeRecord[]> {
  const charges: ChargeRecord[] = [];
  for (
    let event = nextEvent(context, limit);
    event;
    event = nextEvent(context, limit)
  ) {
    if (event.at > context.clock.now()) context.clock.moveTo(event.at);
    const done = await event.run();
    if (done) charges.push(done);
  }
  return charges;
}

/** The earliest thing due by `limit`: a ReAuth, a scheduled charge or a notification attempt. */
function nextEvent(
  context: SimulatorContext,
  limit: Date,
): DueEvent | undefined {
  const candidates: DueEvent[] = [];
  for (const order of context.state.all()) {
    const agreement = order.agreement;
    if (agreement?.execStatus !== '1') continue;
    if (agreement.reauthRequestedAt) {
      candidates.push({
        at: agreement.reauthRequestedAt,
        rank: 0,
        run: () => runCharge(context, order, 'reauth'),
      });
    }
    if (agreement.nextDueAt) {
      candidates.push({
        at: agreement.nextDueAt,
        rank: 1,
        run: () => runCharge(context, order, 'period'),
      });
    }
  }
  const delivery = context.deliveries.nextDue();
  if (delivery) {
    candidates.push({
      at: delivery.nextAttemptAt!,
      rank: 2,
      run: () => context.deliveries.attempt(delivery),
    });
  }
  return candidates
    .filter((c) => c.at.getTime() <= limit.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.rank - b.rank)[0];
}

/** A scheduled charge or a ReAuth, then the agreement's bookkeeping, then PeriodReturnURL. */
async function runCharge(
  context: SimulatorContext,
  order: SimulatedOrder,
  kind: 'period' | 'reauth',
): Promise<ChargeRecord> {
  const agreement = order.agreement!;
  const sequence =
    kind === 'period'
      ? agreement.nextSequence
      : order.authorizations.at(-1)!.sequence;
  if (kind === 'reauth') agreement.reauthRequestedAt = undefined;
  const authorization = chargeCard(context, order, sequence, kind);
  const approved = authorization.rtnCode === '1';
  agreement.consecutiveFailures = approved
    ? 0
    : agreement.consecutiveFailures + 1;
  if (kind === 'period') agreement.nextSequence += 1;
  if (agreement.consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) {
    Object.assign(agreement, {
      execStatus: '0',
      stoppedBecause: 'six-failures',
      nextDueAt: undefined,
    });
  } else if (agreement.nextSequence > order.period!.execTimes) {
    Object.assign(agreement, {
      execStatus: '2',
      stoppedBecause: 'finished',
      nextDueAt: undefined,
    });
  } else {
    agreement.nextDueAt = agreementDueAt(order, agreement.nextSequence);
  }
  if (approved || context.options.postFailedPeriods) {
    await context.deliveries.submit({
      ...deliveryTarget(order),
      channel: 'PeriodReturnURL',
      url: order.period!.periodReturnUrl,
      fields: periodResultFields(order, authorization),
    });
  }
  return { order, authorization };
}
