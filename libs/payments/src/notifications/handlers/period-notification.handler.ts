import { Injectable } from '@nestjs/common';
import type { ApplyResult } from '../../domain/apply-result.js';
import { PeriodNotificationDto } from '../../gateway-messages/dto/period-notification.dto.js';
import { readNotificationDate } from '../../gateway-messages/read-notification-date.js';
import { SubscriptionLedgerService } from '../../subscriptions/subscription-ledger.service.js';
import type {
  NotificationContext,
  NotificationHandler,
} from './notification-handler.js';
import { readLockedOrder, SUBSCRIPTION_ORDER } from './read-locked-order.js';

/**
 * PeriodReturnURL: every authorization after the first (docs/gateway-protocol.md §6.2). Sent once by
 * the gateway, never re-sent, which is why the inbox keeps it even when applying fails.
 *
 * @internal
 */
@Injectable()
export class PeriodNotificationHandler implements NotificationHandler {
  constructor(private readonly ledger: SubscriptionLedgerService) {}

  async handle(context: NotificationContext): Promise<ApplyResult> {
    const { value, order, amount } = await readLockedOrder(
      context,
      PeriodNotificationDto,
      'Amount',
      SUBSCRIPTION_ORDER,
    );
    return this.ledger.recordAuthorization(context.manager, order, {
      first: false,
      source: 'period_return_url',
      notificationId: context.notification.id,
      rtnCode: value.RtnCode,
      rtnMsg: value.RtnMsg ?? '',
      amount,
      processedAt: readNotificationDate('ProcessDate', value.ProcessDate),
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
