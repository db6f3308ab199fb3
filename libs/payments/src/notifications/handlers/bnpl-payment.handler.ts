import { Injectable } from '@nestjs/common';
import { BnplResultApplier } from '../../bnpl/bnpl-result-applier.service.js';
import type { ApplyResult } from '../../domain/apply-result.js';
import { BnplPaymentNotificationDto } from '../../gateway-messages/dto/bnpl-payment-notification.dto.js';
import { readNotificationDate } from '../../gateway-messages/read-notification-date.js';
import type {
  NotificationContext,
  NotificationHandler,
} from './notification-handler.js';
import { BNPL_ORDER, readLockedOrder } from './read-locked-order.js';

/**
 * A BNPL order's payment result on ReturnURL (docs/gateway-protocol.md §8): `RtnCode=1` → `paid`
 * (subject to the SimulatePaid policy), anything else → `failed`. Re-sends carry `RtnMsg=paid` and
 * find the order already paid.
 *
 * @internal
 */
@Injectable()
export class BnplPaymentHandler implements NotificationHandler {
  constructor(private readonly applier: BnplResultApplier) {}

  async handle(context: NotificationContext): Promise<ApplyResult> {
    const { value, order } = await readLockedOrder(
      context,
      BnplPaymentNotificationDto,
      'TradeAmt',
      BNPL_ORDER,
    );
    const paid = value.RtnCode === '1';
    return this.applier.applyResult(context.manager, order, {
      kind: 'payment',
      paid,
      simulated: value.SimulatePaid === '1',
      rtnCode: value.RtnCode,
      rtnMsg: value.RtnMsg ?? '',
      tradeNo: value.TradeNo || null,
      bnplTradeNo: value.BNPLTradeNo || null,
      installments: value.BNPLInstallment
        ? Number(value.BNPLInstallment)
        : null,
      paymentType: value.PaymentType || null,
      // PaymentDate is required when RtnCode is 1 (ReturnNotificationDto).
      paidAt: paid
        ? readNotificationDate('PaymentDate', value.PaymentDate!)
        : null,
    });
  }
}
