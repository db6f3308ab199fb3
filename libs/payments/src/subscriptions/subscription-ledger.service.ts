import { COLUMN_LENGTHS } from '../domain/column-lengths.js';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { ApplyResult, PendingEvent } from '../domain/apply-result.js';
import { countsAsPaid } from '../domain/simulated-payment-policy.js';
import { PAYMENTS_MESSAGES } from '../errors/payments.messages.js';
import { insertRows } from '../persistence/compiled-statements.js';
import {
  PAYMENTS_EVENTS,
  type PeriodEvent,
  type SubscriptionEvent,
} from '../events/payments-events.js';
import type { ResolvedPaymentsOptions } from '../interfaces/payments-module-options.interface.js';
import { PAYMENTS_RESOLVED_OPTIONS } from '../payments.constants.js';
import { PaymentSubscriptionEntity } from './entities/payment-subscription.entity.js';
import {
  PeriodAuthorizationEntity,
  type AuthorizationSource,
} from './entities/period-authorization.entity.js';
import { applyAuthorization } from './subscription-state-machine.js';
import { writeSubscriptionColumns } from './write-subscription-columns.js';

/**
 * One authorization reported by the gateway, in the module's own terms.
 * @internal
 */
export interface AuthorizationReport {
  first: boolean;
  source: AuthorizationSource;
  notificationId: string | null;
  rtnCode: string;
  rtnMsg: string;
  amount: number;
  processedAt: Date;
  gwsr: string | null;
  tradeNo: string | null;
  authCode: string | null;
  totalSuccessTimes: number | undefined;
  simulated: boolean;
  cardLast4: string | null;
  cardFirst6: string | null;
}

/**
 * Writes one authorization into the ledger and moves the subscription, inside the caller's
 * transaction, with the subscription row already locked by the caller.
 *
 * @internal
 */
@Injectable()
export class SubscriptionLedgerService {
  constructor(
    @Inject(PAYMENTS_RESOLVED_OPTIONS)
    private readonly options: ResolvedPaymentsOptions,
  ) {}

  async recordAuthorization(
    manager: EntityManager,
    subscription: PaymentSubscriptionEntity,
    report: AuthorizationReport,
  ): Promise<ApplyResult> {
    const success = report.rtnCode === '1';
    const paid = success && countsAsPaid(report.simulated, this.options);
    const transitions = applyAuthorization(subscription, {
      first: report.first,
      success,
      countsAsPaid: paid,
      amount: report.amount,
      processedAt: report.processedAt,
      totalSuccessTimes: report.totalSuccessTimes,
    });
    if (report.first && report.tradeNo)
      subscription.firstTradeNo ??= report.tradeNo;

    const period = manager.getRepository(PeriodAuthorizationEntity).create({
      id: randomUUID(),
      subscriptionId: subscription.id,
      sequence: success
        ? (report.totalSuccessTimes ?? subscription.totalSuccessTimes)
        : subscription.totalSuccessTimes + 1,
      gwsr: report.gwsr,
      tradeNo: report.tradeNo,
      amount: report.amount,
      success,
      rtnCode: report.rtnCode,
      rtnMsg: report.rtnMsg.slice(0, COLUMN_LENGTHS.rtnMsg),
      authCode: report.authCode,
      processedAt: report.processedAt,
      simulated: report.simulated,
      countsAsPaid: paid,
      cardLast4: report.cardLast4,
      cardFirst6: report.cardFirst6,
      source: report.source,
      notificationId: report.notificationId,
    });
    // The ledger's unique keys are the idempotency key: a copy already applied inserts nothing, and
    // the in-memory changes to the subscription are dropped with it.
    const inserted = await insertRows(
      manager,
      PeriodAuthorizationEntity,
      [period],
      { ignoreDuplicates: true },
    );
    if (inserted === 0) {
      return {
        outcome: 'duplicate',
        reason: PAYMENTS_MESSAGES.alreadyApplied(
          report.gwsr ? `gwsr ${report.gwsr}` : `TradeNo ${report.tradeNo}`,
        ),
      };
    }
    await this.writeState(manager, subscription);

    const events: PendingEvent[] = [];
    const periodEvent: Omit<PeriodEvent, 'eventId'> = {
      subscriptionId: subscription.id,
      merchantTradeNo: subscription.merchantTradeNo,
      customerId: subscription.customerId,
      periodId: period.id,
      sequence: period.sequence,
      amount: period.amount,
      gwsr: period.gwsr,
      processedAt: period.processedAt,
      rtnCode: period.rtnCode,
      rtnMsg: period.rtnMsg,
      simulated: period.simulated,
    };
    if (paid)
      events.push({
        name: PAYMENTS_EVENTS.PERIOD_SUCCEEDED,
        payload: periodEvent,
      });
    else if (!success && !report.first)
      events.push({
        name: PAYMENTS_EVENTS.PERIOD_FAILED,
        payload: periodEvent,
      });
    for (const { event, from, to } of transitions) {
      const payload: Omit<SubscriptionEvent, 'eventId'> = {
        subscriptionId: subscription.id,
        merchantTradeNo: subscription.merchantTradeNo,
        customerId: subscription.customerId,
        status: to,
        previousStatus: from,
        totalSuccessTimes: subscription.totalSuccessTimes,
        execTimes: subscription.execTimes,
      };
      events.push({ name: event, payload });
    }
    return { outcome: 'applied', events };
  }

  /** Writes the columns an authorization changes (a back-fill writes one subscription several times). */
  private writeState(
    manager: EntityManager,
    subscription: PaymentSubscriptionEntity,
  ): Promise<void> {
    return writeSubscriptionColumns(manager, subscription, {
      status: subscription.status,
      totalSuccessTimes: subscription.totalSuccessTimes,
      amountCollected: subscription.amountCollected,
      consecutiveFailures: subscription.consecutiveFailures,
      firstTradeNo: subscription.firstTradeNo,
      firstAuthorizedAt: subscription.firstAuthorizedAt,
      lastAuthorizedAt: subscription.lastAuthorizedAt,
    });
  }
}
