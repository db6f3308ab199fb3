import { Injectable } from '@nestjs/common';
import { BnplResultRecorder } from '../../bnpl/bnpl-result-applier.service.js';
import { BnplApplicationEntity } from '../../bnpl/entities/bnpl-order.entity.js';
import { BnplApplicationNotificationDto } from '../../gateway-messages/dto/bnpl-application-notification.dto.js';
import { readNotification } from '../../gateway-messages/read-notification.js';
import type {
  HandlerResult,
  NotificationContext,
  NotificationHandler,
} from './notification-handler.js';
import { assertAmount, lockOrder } from '../../checkout/lock-order.js';

/** RtnCode of a BNPL application the provider is processing (申請中); any other code is a failure. */
const BNPL_APPLYING = '2';

/**
 * The BNPL application result (REFERENCE.md 8, vector V8), on PaymentInfoURL or, when the gateway
 * posts it there, on ReturnURL: `RtnCode=2` → `applying`, anything else → `failed`. It never means
 * approved or paid: that is the payment result's to say.
 *
 * @internal
 */
@Injectable()
export class BnplApplicationHandler implements NotificationHandler {
  constructor(private readonly recorder: BnplResultRecorder) {}

  async handle({
    manager,
    notification,
    fields,
    merchant,
  }: NotificationContext): Promise<HandlerResult> {
    const value = readNotification(BnplApplicationNotificationDto, fields);
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
    return this.recorder.record(manager, order, {
      kind: 'application',
      applying: value.RtnCode === BNPL_APPLYING,
      rtnCode: value.RtnCode,
      rtnMsg: value.RtnMsg ?? '',
      tradeNo: value.TradeNo || null,
      bnplTradeNo: value.BNPLTradeNo || null,
      installments: value.BNPLInstallment
        ? Number(value.BNPLInstallment)
        : null,
      paymentType: value.PaymentType,
      receivedAt: notification.receivedAt,
    });
  }
}
