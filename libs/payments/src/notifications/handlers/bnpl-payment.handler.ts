import { Injectable } from '@nestjs/common';
import { BnplResultRecorder } from '../../bnpl/bnpl-result-applier.service.js';
import { BnplApplicationEntity } from '../../bnpl/entities/bnpl-order.entity.js';
import { parseTaipeiDateTime } from '../../protocol/taipei-time.js';
import { BnplPaymentNotificationDto } from '../../gateway-messages/dto/bnpl-payment-notification.dto.js';
import { NotificationRejection } from '../notification-rejection.js';
import { readNotification } from '../../gateway-messages/read-notification.js';
import type {
  HandlerResult,
  NotificationContext,
  NotificationHandler,
} from './notification-handler.js';
import { assertAmount, lockOrder } from '../../checkout/lock-order.js';

/**
 * A BNPL order's payment result on ReturnURL (REFERENCE.md 8): `RtnCode=1` → `paid` (subject to the
 * SimulatePaid policy), anything else → `failed`. Re-sends carry `RtnMsg=paid` and find the order
 * already paid.
 *
 * @internal
 */
@Injectable()
export class BnplPaymentHandler implements NotificationHandler {
  constructor(private readonly recorder: BnplResultRecorder) {}

  async handle({
    manager,
    fields,
    merchant,
  }: NotificationContext): Promise<HandlerResult> {
    const value = readNotification(BnplPaymentNotificationDto, fields);
    const order = await lockOrder(manager, BnplApplicationEntity, {
      merchantTradeNo: value.MerchantTradeNo,
      merchantId: merchant.merchantId,
    });
    assertAmount(
      'TradeAmt',
      Number(value.TradeAmt),
      order.totalAmount,
      "the order's TotalAmount",
    );
    const paid = value.RtnCode === '1';
    const paidAt = paid ? parseTaipeiDateTime(value.PaymentDate!) : null;
    if (paid && !paidAt) {
      throw new NotificationRejection(
        `malformed: PaymentDate ${value.PaymentDate} is not a real date`,
      );
    }
    return this.recorder.record(manager, order, {
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
      paidAt: paidAt ?? null,
    });
  }
}
