import { Injectable } from '@nestjs/common';
import { BnplOrderEntity } from '../../bnpl/entities/bnpl-order.entity.js';
import { merchantTradeNoKey } from '../../checkout/merchant-trade-no.js';
import type { NotificationFields } from '../../gateway-messages/notification-fields.js';
import { BnplApplicationHandler } from './bnpl-application.handler.js';
import { BnplPaymentHandler } from './bnpl-payment.handler.js';
import type { ApplyResult } from '../../domain/apply-result.js';
import type {
  NotificationContext,
  NotificationHandler,
} from './notification-handler.js';
import { FirstAuthorizationHandler } from './first-authorization.handler.js';

/** Fields only a payment result has (docs/gateway-protocol.md §6.1); the application result lists none (section 8). */
const PAYMENT_RESULT_ONLY = [
  'PaymentDate',
  'PaymentTypeChargeFee',
  'SimulatePaid',
];

/**
 * Whether a ReturnURL body is a BNPL application result rather than a payment result.
 *
 * Why: the ECPay guides disagree on whether the application result can arrive on ReturnURL, and
 * RtnCode alone cannot tell (`2` is also "ATM number issued", docs/gateway-protocol.md §8 and 9). So it is told by
 * what the body is: a `BNPL_*` PaymentType, a BNPLTradeNo, and none of the fields only a payment result
 * carries. A BNPL payment result may carry BNPLTradeNo too (the simulator sends it), so BNPLTradeNo
 * alone would mistake a failed payment for a failed application.
 *
 * @internal
 */
export function isBnplApplicationResult(fields: NotificationFields): boolean {
  return (
    // Letter case is not authenticated (docs/gateway-protocol.md §2): `bnpl_urich` is `BNPL_URICH`.
    (fields.get('PaymentType') ?? '').toUpperCase().startsWith('BNPL_') &&
    fields.has('BNPLTradeNo') &&
    fields.get('RtnCode') !== '1' &&
    !PAYMENT_RESULT_ONLY.some((name) => fields.has(name))
  );
}

/**
 * ReturnURL (`notify/return`) receives three kinds of body; this hands each to its handler:
 * a BNPL application result → {@link BnplApplicationHandler}; a result for a BNPL order →
 * {@link BnplPaymentHandler}; anything else → the periodic first authorization
 * ({@link FirstAuthorizationHandler}), which rejects an unknown order.
 *
 * @internal
 */
@Injectable()
export class ReturnNotificationRouter implements NotificationHandler {
  constructor(
    private readonly periodic: FirstAuthorizationHandler,
    private readonly bnplApplication: BnplApplicationHandler,
    private readonly bnplPayment: BnplPaymentHandler,
  ) {}

  /** A BNPL payment result is validated as a payment result here, and as a BNPL one when applied. */
  validate(fields: NotificationFields): void {
    (isBnplApplicationResult(fields)
      ? this.bnplApplication
      : this.periodic
    ).validate(fields);
  }

  async handle(context: NotificationContext): Promise<ApplyResult> {
    return (await this.route(context)).handle(context);
  }

  private async route({
    manager,
    fields,
  }: NotificationContext): Promise<NotificationHandler> {
    if (isBnplApplicationResult(fields)) return this.bnplApplication;
    const merchantTradeNo = fields.get('MerchantTradeNo');
    const bnplOrder =
      merchantTradeNo !== undefined &&
      (await manager
        .getRepository(BnplOrderEntity)
        .existsBy({ merchantTradeNoKey: merchantTradeNoKey(merchantTradeNo) }));
    return bnplOrder ? this.bnplPayment : this.periodic;
  }
}
