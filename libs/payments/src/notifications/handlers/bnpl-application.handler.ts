import { Injectable } from '@nestjs/common';
import { BnplResultApplier } from '../../bnpl/bnpl-result-applier.service.js';
import type { ApplyResult } from '../../domain/apply-result.js';
import { BnplApplicationNotificationDto } from '../../gateway-messages/dto/bnpl-application-notification.dto.js';
import type {
  NotificationContext,
  NotificationHandler,
} from './notification-handler.js';
import { BNPL_ORDER, readLockedOrder } from './read-locked-order.js';

/** RtnCode of a BNPL application the provider is processing (申請中); any other code is a failure. */
const BNPL_APPLYING = '2';

/**
 * The BNPL application result (docs/gateway-protocol.md §8, vector V8), on PaymentInfoURL or, when
 * the gateway posts it there, on ReturnURL: `RtnCode=2` → `applying`, anything else → `failed`. It
 * never means approved or paid: that is the payment result's to say.
 *
 * @internal
 */
@Injectable()
export class BnplApplicationHandler implements NotificationHandler {
  constructor(private readonly applier: BnplResultApplier) {}

  async handle(context: NotificationContext): Promise<ApplyResult> {
    const { value, order } = await readLockedOrder(
      context,
      BnplApplicationNotificationDto,
      'TradeAmt',
      BNPL_ORDER,
    );
    return this.applier.applyResult(context.manager, order, {
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
      receivedAt: context.notification.receivedAt,
    });
  }
}
