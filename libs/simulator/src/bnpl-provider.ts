import {
  GATEWAY_ERROR_CODES as CODES,
  gatewayError,
} from './gateway-errors.js';
import { bnplApplicationFields } from './notification-builder.js';
import {
  browserPost,
  deliveryTarget,
  notifyPaymentResult,
  openOrder,
  type SimulatorContext,
} from './simulator-context.js';
import type { PaymentResult } from './simulator-model.js';
import type { PaymentOutcome } from './simulator-outcomes.js';

/** BNPL instalment counts offered on the simulated application page (docs/gateway-protocol.md §8: unconfirmed). */
export const BNPL_INSTALLMENTS: readonly number[] = [3, 6, 9, 12, 18, 24];

/**
 * The buyer applies for BNPL instalments: the application result (RtnCode=2, 申請中) goes to
 * PaymentInfoURL (awaited, re-sent like ReturnURL) and to ClientRedirectURL in the browser
 * (docs/gateway-protocol.md §8). The payment result follows {@link decideBnplApplication}.
 */
export async function applyForBnpl(
  context: SimulatorContext,
  orderId: string,
  installment: number,
): Promise<PaymentOutcome> {
  const order = openOrder(context, orderId, 'awaiting-payment');
  if ('error' in order) return order;
  if (order.payment !== 'BNPL') {
    return {
      ok: false,
      error: gatewayError(CODES.UNSUPPORTED, 'This order is paid by card'),
      order,
    };
  }
  if (!BNPL_INSTALLMENTS.includes(installment)) {
    return {
      ok: false,
      error: gatewayError(
        CODES.MALFORMED_FIELD,
        `Choose ${BNPL_INSTALLMENTS.join(', ')} instalments`,
      ),
      order,
    };
  }
  const now = context.clock.now();
  order.bnpl = {
    bnplTradeNo: context.state.nextBnplTradeNo(now),
    installment,
    appliedAt: now,
  };
  order.status = 'bnpl-applying';
  const mark = context.deliveries.mark();
  const fields = bnplApplicationFields(order);
  if (order.urls.paymentInfoUrl) {
    await context.deliveries.submit({
      ...deliveryTarget(order),
      channel: 'PaymentInfoURL',
      url: order.urls.paymentInfoUrl,
      fields,
    });
  }
  return {
    ok: true,
    order,
    result: {
      rtnCode: '2',
      rtnMsg: fields.RtnMsg,
      amount: order.totalAmount,
      processedAt: now,
      simulatePaid: false,
    },
    deliveries: context.deliveries.touchedSince(mark),
    browserPost: order.urls.clientRedirectUrl
      ? browserPost(context, order, order.urls.clientRedirectUrl, fields)
      : undefined,
  };
}

/**
 * The BNPL provider's decision on an application: approved sends RtnCode=1 with PaymentType
 * BNPL_URICH to ReturnURL, rejected sends RtnCode 10100058 (docs/gateway-protocol.md §8).
 */
export async function decideBnplApplication(
  context: SimulatorContext,
  orderId: string,
  approve: boolean,
): Promise<PaymentOutcome> {
  const order = openOrder(context, orderId, 'bnpl-applying');
  if ('error' in order) return order;
  const result: PaymentResult = {
    rtnCode: approve ? '1' : '10100058',
    rtnMsg: approve ? '交易成功' : '分期申請未通過',
    amount: order.totalAmount,
    processedAt: context.clock.now(),
    simulatePaid: approve && context.faults.take('simulatePaidNext'),
  };
  order.bnpl!.result = result;
  order.status = approve ? 'paid' : 'failed';
  const mark = context.deliveries.mark();
  await notifyPaymentResult(context, order, result);
  return {
    ok: true,
    order,
    result,
    deliveries: context.deliveries.touchedSince(mark),
  };
}
