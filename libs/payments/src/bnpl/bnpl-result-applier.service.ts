import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { BnplEvent } from '../events/payments-events.js';
import type { ResolvedPaymentsOptions } from '../interfaces/payments-module-options.interface.js';
import type { HandlerResult } from '../notifications/handlers/notification-handler.js';
import { PAYMENTS_RESOLVED_OPTIONS } from '../payments.constants.js';
import { countsAsPaid } from '../domain/simulated-payment-policy.js';
import { decideBnplResult, type BnplResult } from './bnpl-state-machine.js';
import { BnplApplicationEntity } from './entities/bnpl-order.entity.js';

/**
 * Applies one gateway result to a BNPL order inside the caller's transaction, with the order's row
 * already locked by the caller: the SimulatePaid policy, the state machine, the write, and the events
 * to publish once the transaction has committed.
 *
 * @internal
 */
@Injectable()
export class BnplResultRecorder {
  constructor(
    @Inject(PAYMENTS_RESOLVED_OPTIONS)
    private readonly options: ResolvedPaymentsOptions,
  ) {}

  async record(
    manager: EntityManager,
    order: BnplApplicationEntity,
    result: BnplResult,
  ): Promise<HandlerResult> {
    if (
      result.kind === 'payment' &&
      result.paid &&
      !countsAsPaid(result.simulated, this.options)
    ) {
      // Kept in the inbox only: no money moved (REFERENCE.md section 9).
      return {
        outcome: 'ignored',
        reason: `SimulatePaid=1 does not count as paid under simulatedPayments "${this.options.simulatedPayments}" in ${this.options.environment}`,
      };
    }
    const transition = decideBnplResult(order, result);
    if (!transition) {
      return {
        outcome: 'duplicate',
        reason: `the ${result.kind} result (RtnCode ${result.rtnCode}) changes nothing: the order is already ${order.status}`,
      };
    }
    // Written over the version the decision was made on. The row lock makes this always hold on
    // PostgreSQL and MariaDB, and SQLite has one writer; should it ever not hold, the notification
    // is re-applied against the new state instead of overwriting it.
    const { affected } = await manager
      .getRepository(BnplApplicationEntity)
      .update({ id: order.id, version: order.version }, transition.changes);
    if (affected !== 1) {
      throw new Error(
        `BNPL order ${order.merchantTradeNo} changed while this notification was applied`,
      );
    }
    Object.assign(order, transition.changes);
    const payload: BnplEvent = {
      bnplApplicationId: order.id,
      merchantTradeNo: order.merchantTradeNo,
      customerId: order.customerId,
      status: transition.to,
      previousStatus: transition.from,
      result: result.kind,
      totalAmount: order.totalAmount,
      tradeNo: order.tradeNo,
      bnplTradeNo: order.bnplTradeNo,
      installments: order.installments,
      rtnCode: result.rtnCode,
      rtnMsg: order.rtnMsg ?? '',
      simulated: order.simulated,
    };
    return {
      outcome: 'applied',
      events: transition.events.map((name) => ({ name, payload })),
    };
  }
}
