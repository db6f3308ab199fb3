import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ApplyResult } from '../domain/apply-result.js';
import { countsAsPaid } from '../domain/simulated-payment-policy.js';
import { ConcurrentUpdateError } from '../errors/payments.error.js';
import { PAYMENTS_MESSAGES } from '../errors/payments.messages.js';
import type { BnplEvent } from '../events/payments-events.js';
import type { ResolvedPaymentsOptions } from '../interfaces/payments-module-options.interface.js';
import { PAYMENTS_RESOLVED_OPTIONS } from '../payments.constants.js';
import { decideBnplResult, type BnplResult } from './bnpl-state-machine.js';
import { BnplOrderEntity } from './entities/bnpl-order.entity.js';

/**
 * Applies one gateway result to a BNPL order inside the caller's transaction, with the order's row
 * already locked by the caller: the SimulatePaid policy, the state machine, the write, and the events
 * to publish once the transaction has committed.
 *
 * @internal
 */
@Injectable()
export class BnplResultApplier {
  constructor(
    @Inject(PAYMENTS_RESOLVED_OPTIONS)
    private readonly options: ResolvedPaymentsOptions,
  ) {}

  async applyResult(
    manager: EntityManager,
    order: BnplOrderEntity,
    result: BnplResult,
  ): Promise<ApplyResult> {
    if (
      result.kind === 'payment' &&
      result.paid &&
      !countsAsPaid(result.simulated, this.options)
    ) {
      // Kept in the inbox only: no money moved (docs/gateway-protocol.md section 9).
      return {
        outcome: 'ignored',
        reason: PAYMENTS_MESSAGES.simulatedNotCounted(
          this.options.simulatedPayments,
          this.options.environment,
        ),
      };
    }
    const transition = decideBnplResult(order, result);
    if (!transition) {
      return {
        outcome: 'duplicate',
        reason: PAYMENTS_MESSAGES.bnplResultChangesNothing(
          result.kind,
          result.rtnCode,
          order.status,
        ),
      };
    }
    // Written over the version the decision was made on. The row lock makes this always hold on
    // PostgreSQL and MariaDB, and SQLite has one writer; should it ever not hold, the notification
    // is re-applied against the new state instead of overwriting it.
    const { affected } = await manager
      .getRepository(BnplOrderEntity)
      .update({ id: order.id, version: order.version }, transition.changes);
    if (affected !== 1) {
      throw new ConcurrentUpdateError(
        PAYMENTS_MESSAGES.orderChanged('BNPL order', order.merchantTradeNo),
      );
    }
    Object.assign(order, transition.changes);
    const payload: Omit<BnplEvent, 'eventId'> = {
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
