import { Injectable } from '@nestjs/common';
import { parseTaipeiDateTime } from '../../protocol/taipei-time.js';
import { PaymentSubscriptionEntity } from '../../subscriptions/entities/payment-subscription.entity.js';
import { SubscriptionLedgerService } from '../../subscriptions/subscription-ledger.service.js';
import { PeriodNotificationDto } from '../../gateway-messages/dto/period-notification.dto.js';
import { NotificationRejection } from '../notification-rejection.js';
import { readNotification } from '../../gateway-messages/read-notification.js';
import type {
  HandlerResult,
  NotificationContext,
  NotificationHandler,
} from './notification-handler.js';
import { assertAmount, lockOrder } from '../../checkout/lock-order.js';

/**
 * PeriodReturnURL: every authorization after the first (REFERENCE.md 6.2). Sent once by the gateway,
 * never re-sent, which is why the inbox keeps it even when applying fails.
 *
 * @internal
 */
@Injectable()
export class PeriodNotificationHandler implements NotificationHandler {
  constructor(private readonly ledger: SubscriptionLedgerService) {}

  async handle({
    manager,
    notification,
    fields,
    merchant,
  }: NotificationContext): Promise<HandlerResult> {
    const value = readNotification(PeriodNotificationDto, fields);
    const subscription = await lockOrder(manager, PaymentSubscriptionEntity, {
      merchantTradeNo: value.MerchantTradeNo,
      merchantId: merchant.merchantId,
    });
    const amount = Number(value.Amount);
    assertAmount(
      'Amount',
      amount,
      subscription.periodAmount,
      "the subscription's PeriodAmount",
    );
    const processedAt = parseTaipeiDateTime(value.ProcessDate);
    if (!processedAt)
      throw new NotificationRejection(
        `malformed: ProcessDate ${value.ProcessDate} is not a real date`,
      );

    return this.ledger.record(manager, subscription, {
      first: false,
      source: 'period_return_url',
      notificationId: notification.id,
      rtnCode: value.RtnCode,
      rtnMsg: value.RtnMsg ?? '',
      amount,
      processedAt,
      gwsr: value.Gwsr,
      tradeNo: null,
      authCode: value.AuthCode || null,
      totalSuccessTimes: Number(value.TotalSuccessTimes),
      simulated: value.SimulatePaid === '1',
      cardLast4: null,
      cardFirst6: null,
    });
  }
}
