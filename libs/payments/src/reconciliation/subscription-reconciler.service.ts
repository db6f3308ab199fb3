import { Inject, Injectable } from '@nestjs/common';
import {
  EntityNotFoundError,
  type DataSource,
  type EntityManager,
} from 'typeorm';
import { selectOneForUpdate } from '../persistence/compiled-statements.js';
import type { PendingEvent } from '../domain/apply-result.js';
import {
  driftRepairedSomething,
  type SubscriptionDrift,
} from '../domain/subscription-drift.js';
import {
  FINAL_SUBSCRIPTION_STATUSES,
  type SubscriptionStatus,
} from '../domain/subscription-status.js';
import { PaymentsOutbox } from '../events/payments-outbox.service.js';
import {
  PAYMENTS_EVENTS,
  type ReconciliationRepairedEvent,
  type SubscriptionEvent,
} from '../events/payments-events.js';
import { GatewayClient } from '../gateway-client/gateway-client.js';
import type {
  CreditCardPeriodInfo,
  PeriodExecution,
} from '../gateway-client/period-info.js';
import { PAYMENTS_DATA_SOURCE } from '../payments.constants.js';
import { PaymentSubscriptionEntity } from '../subscriptions/entities/payment-subscription.entity.js';
import { PeriodAuthorizationEntity } from '../subscriptions/entities/period-authorization.entity.js';
import { SubscriptionLedgerService } from '../subscriptions/subscription-ledger.service.js';
import { writeSubscriptionColumns } from '../subscriptions/write-subscription-columns.js';

/**
 * A subscription with what the gateway answered about it (QueryCreditCardPeriodInfo; `null`: the
 * gateway has no periodic agreement under its MerchantTradeNo).
 * @internal
 */
export interface GatewayCheck {
  subscription: Pick<
    PaymentSubscriptionEntity,
    'id' | 'merchantId' | 'merchantTradeNo'
  >;
  info: CreditCardPeriodInfo | null;
}

/**
 * What repairing one checked subscription came to: its drift (`null` when everything agreed), or
 * the error that rolled its repair back.
 * @internal
 */
export type RepairOutcome =
  { drift: SubscriptionDrift | null } | { error: unknown };

/**
 * Compares subscriptions with their agreements at the gateway (QueryCreditCardPeriodInfo,
 * docs/gateway-protocol.md §7.1, §12.2) and repairs what differs, each with its row locked, as a
 * notification would be applied:
 *
 * - every ExecLog authorization the ledger lacks is recorded through the ledger's own apply path
 *   (same idempotency keys, same state machine, same events), with source `reconciliation`;
 * - back-office edits of the amount and of ExecTimes are taken over and reported;
 * - ExecStatus `2` (finished) makes it `completed`, ExecStatus `0` (stopped) `terminated` unless it
 *   is already final (our own cancel leaves it `cancelled`).
 *
 * @internal
 */
@Injectable()
export class SubscriptionReconciler {
  constructor(
    @Inject(PAYMENTS_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly gateway: GatewayClient,
    private readonly ledger: SubscriptionLedgerService,
    private readonly outbox: PaymentsOutbox,
  ) {}

  /** Asks the gateway for the subscription's agreement. */
  async check(
    subscription: GatewayCheck['subscription'],
  ): Promise<GatewayCheck> {
    const info = await this.gateway.queryPeriodInfo(
      subscription.merchantTradeNo,
      { merchantId: subscription.merchantId },
    );
    return { subscription, info };
  }

  /**
   * Repairs a batch of checked subscriptions in one transaction (one commit for the batch, not one
   * per subscription: on SQLite each commit is a disk sync), each in its own savepoint, so one that
   * fails is rolled back alone and reported as its error. The events of every repair are written to
   * the outbox in one statement of that transaction and published after the commit. Throws when
   * the transaction itself fails: then nothing of the batch was written.
   */
  async repairAll(
    checks: readonly GatewayCheck[],
    runId: string,
  ): Promise<RepairOutcome[]> {
    if (checks.length === 0) return [];
    const { outcomes, committed } = await this.dataSource.transaction(
      async (manager) => {
        const events: PendingEvent[] = [];
        const outcomes: RepairOutcome[] = [];
        for (const { subscription, info } of checks) {
          try {
            const repair = await manager.transaction((savepoint) =>
              this.repair(savepoint, subscription.id, info, runId),
            );
            events.push(...repair.events);
            outcomes.push({ drift: repair.drift });
          } catch (error) {
            outcomes.push({ error });
          }
        }
        return {
          outcomes,
          committed: await this.outbox.enqueue(manager, events, null),
        };
      },
    );
    this.outbox.publishCommitted(committed);
    return outcomes;
  }

  private async repair(
    manager: EntityManager,
    subscriptionId: string,
    info: CreditCardPeriodInfo | null,
    runId: string,
  ): Promise<{ drift: SubscriptionDrift | null; events: PendingEvent[] }> {
    const subscription = await selectOneForUpdate(
      manager,
      PaymentSubscriptionEntity,
      'id',
      subscriptionId,
    );
    if (!subscription) {
      throw new EntityNotFoundError(PaymentSubscriptionEntity, {
        id: subscriptionId,
      });
    }
    const drift: SubscriptionDrift = {
      subscriptionId: subscription.id,
      merchantTradeNo: subscription.merchantTradeNo,
      backfilled: [],
    };
    if (info === null) {
      // A failed first authorization never enters the gateway's schedule (§12.6): nothing to copy.
      return subscription.status === 'pending'
        ? { drift: { ...drift, notAtGateway: true }, events: [] }
        : { drift: null, events: [] };
    }
    const startStatus = subscription.status;
    const events: PendingEvent[] = [];

    if (info.periodAmount !== subscription.periodAmount) {
      drift.periodAmount = {
        from: subscription.periodAmount,
        to: info.periodAmount,
      };
      subscription.periodAmount = info.periodAmount;
    }
    if (info.execTimes !== subscription.execTimes) {
      drift.execTimes = { from: subscription.execTimes, to: info.execTimes };
      subscription.execTimes = info.execTimes;
    }

    const recorded = await manager
      .getRepository(PeriodAuthorizationEntity)
      .find({
        select: { gwsr: true, tradeNo: true },
        where: { subscriptionId: subscription.id },
      });
    const known = new Set(
      recorded.flatMap((r) =>
        [r.gwsr, r.tradeNo].filter((k) => k !== null).map(lowerKey),
      ),
    );
    let successes = 0;
    for (const [index, execution] of info.executions.entries()) {
      if (execution.succeeded) successes += 1;
      if (known.has(lowerKey(execution.gwsr))) continue;
      if (known.has(lowerKey(execution.tradeNo))) continue;
      const first =
        index === 0 || lowerKey(execution.tradeNo) === lowerKey(info.tradeNo);
      const result = await this.ledger.recordAuthorization(
        manager,
        subscription,
        {
          first,
          source: 'reconciliation',
          notificationId: null,
          rtnCode: execution.rtnCode,
          rtnMsg: execution.rtnMsg ?? '',
          amount: execution.amount,
          processedAt: execution.processedAt,
          gwsr: execution.gwsr,
          tradeNo: execution.tradeNo,
          authCode: execution.authCode,
          totalSuccessTimes: successes,
          simulated: false,
          cardLast4: first ? info.card4no : null,
          cardFirst6: first ? info.card6no : null,
        },
      );
      if (result.outcome !== 'applied') continue;
      events.push(...result.events);
      drift.backfilled.push(backfilled(execution, subscription, successes));
    }

    const stop = gatewayStop(subscription.status, info);
    if (stop) {
      events.push(subscriptionEvent(subscription, stop.event, stop.to));
      subscription.status = stop.to;
    }
    if (subscription.status !== startStatus) {
      drift.status = { from: startStatus, to: subscription.status };
    }
    if (!driftRepairedSomething(drift)) return { drift: null, events: [] };

    // The ledger wrote what the back-filled authorizations changed; what the gateway itself changed
    // (a back-office edit, the end of the agreement) is written here, over the same version.
    if (drift.periodAmount || drift.execTimes || stop) {
      await writeSubscriptionColumns(manager, subscription, {
        periodAmount: subscription.periodAmount,
        execTimes: subscription.execTimes,
        status: subscription.status,
      });
    }
    const repaired: Omit<ReconciliationRepairedEvent, 'eventId'> = {
      subscriptionId: subscription.id,
      merchantTradeNo: subscription.merchantTradeNo,
      customerId: subscription.customerId,
      runId,
      drift,
    };
    events.push({
      name: PAYMENTS_EVENTS.RECONCILIATION_REPAIRED,
      payload: repaired,
    });
    return { drift, events };
  }
}

/** Where the gateway's ExecStatus moves a subscription that is not final yet; `null` when it stays. */
function gatewayStop(
  status: SubscriptionStatus,
  info: CreditCardPeriodInfo,
): {
  to: SubscriptionStatus;
  event:
    | typeof PAYMENTS_EVENTS.SUBSCRIPTION_COMPLETED
    | typeof PAYMENTS_EVENTS.SUBSCRIPTION_TERMINATED;
} | null {
  if (FINAL_SUBSCRIPTION_STATUSES.has(status)) return null;
  if (info.execStatus === 'finished') {
    return { to: 'completed', event: PAYMENTS_EVENTS.SUBSCRIPTION_COMPLETED };
  }
  // Stopped while not cancelled here: the gateway ended it (six failures, its back office).
  if (info.execStatus === 'stopped') {
    return { to: 'terminated', event: PAYMENTS_EVENTS.SUBSCRIPTION_TERMINATED };
  }
  return null;
}

function subscriptionEvent(
  subscription: PaymentSubscriptionEntity,
  name: string,
  to: SubscriptionStatus,
): PendingEvent {
  const payload: Omit<SubscriptionEvent, 'eventId'> = {
    subscriptionId: subscription.id,
    merchantTradeNo: subscription.merchantTradeNo,
    customerId: subscription.customerId,
    status: to,
    previousStatus: subscription.status,
    totalSuccessTimes: subscription.totalSuccessTimes,
    execTimes: subscription.execTimes,
  };
  return { name, payload };
}

function backfilled(
  execution: PeriodExecution,
  subscription: PaymentSubscriptionEntity,
  successes: number,
): SubscriptionDrift['backfilled'][number] {
  return {
    gwsr: execution.gwsr,
    tradeNo: execution.tradeNo,
    sequence: execution.succeeded
      ? successes
      : subscription.totalSuccessTimes + 1,
    success: execution.succeeded,
    amount: execution.amount,
    processedAt: execution.processedAt,
  };
}

/** Idempotency keys compare case-blind: the gateway's MAC does not authenticate case. */
function lowerKey(key: string): string {
  return key.toLowerCase();
}
