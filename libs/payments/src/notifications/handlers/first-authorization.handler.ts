import { Injectable } from '@nestjs/common';
import type { ApplyResult } from '../../domain/apply-result.js';
import { PaymentsErrorCode } from '../../errors/payments-error-code.js';
import { NotificationRejectedError } from '../../errors/payments.error.js';
import { PAYMENTS_MESSAGES } from '../../errors/payments.messages.js';
import { ReturnNotificationDto } from '../../gateway-messages/dto/return-notification.dto.js';
import { readNotificationDate } from '../../gateway-messages/read-notification-date.js';
import { SubscriptionLedgerService } from '../../subscriptions/subscription-ledger.service.js';
import type {
  NotificationContext,
  NotificationHandler,
} from './notification-handler.js';
import { readLockedOrder, SUBSCRIPTION_ORDER } from './read-locked-order.js';

/**
 * ReturnURL for a periodic order: the subscription's first authorization (docs/gateway-protocol.md
 * §6.1). Re-sends carry `RtnMsg=paid` and the same TradeNo / gwsr, so they land on the ledger's
 * idempotency key.
 *
 * @internal
 */
@Injectable()
export class FirstAuthorizationHandler implements NotificationHandler {
  constructor(private readonly ledger: SubscriptionLedgerService) {}

  async handle(context: NotificationContext): Promise<ApplyResult> {
    const { value, order, amount } = await readLockedOrder(
      context,
      ReturnNotificationDto,
      'TradeAmt',
      SUBSCRIPTION_ORDER,
    );
    // A failed first authorization may carry no PaymentDate; process_date or TradeDate then dates it.
    const [dateField, dateText] = value.process_date
      ? ['process_date', value.process_date]
      : value.PaymentDate
        ? ['PaymentDate', value.PaymentDate]
        : ['TradeDate', value.TradeDate];
    const processedAt = dateText
      ? readNotificationDate(dateField, dateText)
      : context.notification.receivedAt;
    if (!value.TradeNo && !value.gwsr) {
      throw new NotificationRejectedError(
        PaymentsErrorCode.MALFORMED_NOTIFICATION,
        PAYMENTS_MESSAGES.noAuthorizationKey(),
      );
    }

    return this.ledger.recordAuthorization(context.manager, order, {
      first: true,
      source: 'return_url',
      notificationId: context.notification.id,
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
