import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { fieldListToRecord, renderAutoSubmitForm } from 'nestjs-twpay/protocol';
import { GatewaySimulator } from '../gateway-simulator.js';
import { GATEWAY_ERROR_CODES, gatewayError } from '../gateway-errors.js';
import { htmlAnswer, sendAnswer } from '../http/http-answer.js';
import {
  mountRoot,
  readFormFields,
  type SimulatorRequest,
} from '../http/simulator-request.js';
import { renderErrorPage } from '../pages/error-page.js';
import { renderResultPage } from '../pages/result-page.js';
import type { PaymentResult, SimulatedOrder } from '../simulator-model.js';
import { checkoutView } from './checkout-view.js';

/** Input the buyer can correct on the same page; anything else ends on the error page. */
const CORRECTABLE: readonly string[] = [
  GATEWAY_ERROR_CODES.CARD_REJECTED,
  GATEWAY_ERROR_CODES.MALFORMED_FIELD,
];

/**
 * The buyer's side of the gateway: the payment page and its submission. After a payment the browser
 * is sent on as the gateway sends it: an auto-submitted POST to OrderResultURL (or, for a BNPL
 * application, ClientRedirectURL) when the order named one, else the gateway's result page with a
 * link to ClientBackURL (docs/gateway-protocol.md §6.5, 10 pitfall 15).
 */
@Controller('simulator/checkout')
export class CheckoutController {
  constructor(private readonly simulator: GatewaySimulator) {}

  @Get(':id')
  show(
    @Param('id') id: string,
    @Req() req: SimulatorRequest,
    @Res() res: ServerResponse,
  ): void {
    const order = this.simulator.state.get(id);
    if (!order)
      return sendAnswer(res, htmlAnswer(renderErrorPage(orderNotFound()), 404));
    const result = latestResult(order);
    const root = mountRoot(req, `/simulator/checkout/${id}`);
    sendAnswer(
      res,
      htmlAnswer(
        result
          ? renderResultPage(order, result)
          : checkoutView(this.simulator, order, root),
      ),
    );
  }

  @Post(':id/pay')
  async pay(
    @Param('id') id: string,
    @Req() req: SimulatorRequest,
    @Res() res: ServerResponse,
  ): Promise<void> {
    const order = this.simulator.state.get(id);
    if (!order)
      return sendAnswer(res, htmlAnswer(renderErrorPage(orderNotFound()), 404));
    const { record: form } = fieldListToRecord(readFormFields(req));
    const outcome =
      order.payment === 'BNPL'
        ? await this.simulator.applyBnpl(id, Number(form.installment))
        : await this.simulator.pay(id, {
            number: form.cardNumber ?? '',
            expiry: form.expiry ?? '',
            cvv: form.cvv ?? '',
          });
    if (!outcome.ok) {
      const root = mountRoot(req, `/simulator/checkout/${id}/pay`);
      return sendAnswer(
        res,
        htmlAnswer(
          CORRECTABLE.includes(outcome.error.code) &&
            order.status === 'awaiting-payment'
            ? checkoutView(this.simulator, order, root, outcome.error.message)
            : renderErrorPage(outcome.error),
        ),
      );
    }
    sendAnswer(
      res,
      htmlAnswer(
        outcome.browserPost
          ? renderAutoSubmitForm(
              outcome.browserPost.url,
              outcome.browserPost.fields,
            )
          : renderResultPage(outcome.order, outcome.result),
      ),
    );
  }
}

function orderNotFound() {
  return gatewayError(GATEWAY_ERROR_CODES.ORDER_NOT_FOUND, 'Order not found');
}

/** What the page shows once the buyer is done: the first authorization, or the BNPL step reached. */
function latestResult(order: SimulatedOrder): PaymentResult | undefined {
  if (order.payment === 'Credit') return order.authorizations[0];
  if (!order.bnpl) return undefined;
  return (
    order.bnpl.result ?? {
      rtnCode: '2',
      rtnMsg: '申請中',
      amount: order.totalAmount,
      processedAt: order.bnpl.appliedAt,
      simulatePaid: false,
    }
  );
}
