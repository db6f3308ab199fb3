import { Injectable } from '@nestjs/common';
import { parseTaipeiDateTime } from '../../protocol/taipei-time.js';
import { PaymentSubscriptionEntity } from '../../subscriptions/entities/payment-subscription.entity.js';
import { SubscriptionLedgerService } from '../../subscriptions/subscription-ledger.service.js';
import { ReturnNotificationDto } from '../../gateway-messages/dto/return-notification.dto.js';
import { NotificationRejection } from '../notification-rejection.js';
import { readNotification } from '../../gateway-messages/read-notification.js';
import type {
  HandlerResult,
  NotificationContext,
  NotificationHandler,
} from './notification-handler.js';
import { assertAmount, lockOrder } from '../../checkout/lock-order.js';

/**
 * ReturnURL for a periodic order: the first authorization (REFERENCE.md 6.1). Re-sends carry
 * `RtnMsg=paid` and the same TradeNo / gwsr, so they land on the ledger's idempotency key.
 *
 * @internal
 */
@Injectable()
export class ReturnNotificationHandler implements NotificationHandler {
  constructor(private readonly ledger: SubscriptionLedgerService) {}

  async handle({
    manager,
    notification,
    fields,
    merchant,
  }: NotificationContext): Promise<HandlerResult> {
    const value = readNotification(ReturnNotificationDto, fields);
    const subscription = await lockOrder(manager, PaymentSubscriptionEntity, {
      merchantTradeNo: value.MerchantTradeNo,
      merchantId: merchant.merchantId,
    });
    const amount = Number(value.TradeAmt);
    assertAmount(
      'TradeAmt',
      amount,
      subscription.periodAmount,
      "the subscription's PeriodAmount",
    );
    // A failed first authorization may carry no PaymentDate; process_date or TradeDate then dates it.
    const dateText = value.process_date || value.PaymentDate || value.TradeDate;
    const processedAt = dateText
      ? parseTaipeiDateTime(dateText)
      : notification.receivedAt;
    if (!processedAt)
      throw new NotificationRejection(
        `malformed: ${dateText} is not a real date`,
      );
    if (!value.TradeNo && !value.gwsr) {
      throw new NotificationRejection(
        'malformed: neither TradeNo nor gwsr identifies the authorization',
      );
    }

    return this.ledger.record(manager, subscription, {
      first: true,
      source: 'return_url',
      notificationId: notification.id,
      rtnCode: value.RtnCode,
      rtnMsg: value.RtnMsg ?? '',
      amount,
      processedAt,
      gwsr: value.gwsr || null,
      tradeNo: value.TradeNo || null,
      authCode: value.auth_code || null,
      totalSuccessTimes: value.TotalSuccessTimes
        ? Number(value.TotalSuccessTimes)
        : undefined,
      simulated: value.SimulatePaid === '1',
      cardLast4: value.card4no || null,
      cardFirst6: value.card6no || null,
    });
  }
}
