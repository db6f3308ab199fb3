import { Controller, Param, Post, Req, Res } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import {
  maskedCanonicalMacString,
  type GatewayName,
} from 'nestjs-twpay/protocol';
import { GatewaySimulator } from '../gateway-simulator.js';
import { GatewayApis } from '../gateway-apis.js';
import { GATEWAY_ERROR_CODES } from '../gateway-errors.js';
import { htmlAnswer, sendAnswer } from '../http/http-answer.js';
import {
  mountRoot,
  readFormFields,
  type SimulatorRequest,
} from '../http/simulator-request.js';
import { renderErrorPage } from '../pages/error-page.js';
import { checkoutView } from './checkout-view.js';

/** The AioCheckOut version in the path decides the dialect: V4 is AllPay, V5 is ECPay. */
const DIALECTS: Readonly<Record<string, GatewayName>> = {
  V4: 'allpay',
  V5: 'ecpay',
};

/**
 * The gateway's own routes, as the merchant's code calls them (docs/gateway-protocol.md section 1): the browser
 * checkout form post and the server-to-server query and action APIs. All read the exact posted
 * fields from the raw body.
 */
@Controller('Cashier')
export class CashierController {
  constructor(
    private readonly simulator: GatewaySimulator,
    private readonly apis: GatewayApis,
  ) {}

  /** The browser's form post: the order is checked, then the payment page is shown. */
  @Post('AioCheckOut/:version')
  checkout(
    @Param('version') version: string,
    @Req() req: SimulatorRequest,
    @Res() res: ServerResponse,
  ): void {
    const gateway = DIALECTS[version];
    if (!gateway)
      return sendAnswer(
        res,
        htmlAnswer(renderErrorPage(notFound(version)), 404),
      );
    const fields = readFormFields(req);
    const created = this.simulator.createOrder(gateway, fields);
    if (!created.ok) {
      const canonical =
        created.error.code === GATEWAY_ERROR_CODES.CHECK_MAC_VALUE
          ? maskedCanonicalMacString(fields)
          : undefined;
      return sendAnswer(
        res,
        htmlAnswer(renderErrorPage(created.error, canonical)),
      );
    }
    const root = mountRoot(req, `/Cashier/AioCheckOut/${version}`);
    sendAnswer(
      res,
      htmlAnswer(checkoutView(this.simulator, created.order, root)),
    );
  }

  @Post('QueryCreditCardPeriodInfo')
  queryCreditCardPeriodInfo(
    @Req() req: SimulatorRequest,
    @Res() res: ServerResponse,
  ): void {
    sendAnswer(res, this.apis.queryCreditCardPeriodInfo(readFormFields(req)));
  }

  @Post('CreditCardPeriodAction')
  creditCardPeriodAction(
    @Req() req: SimulatorRequest,
    @Res() res: ServerResponse,
  ): void {
    sendAnswer(res, this.apis.creditCardPeriodAction(readFormFields(req)));
  }

  @Post('QueryTradeInfo/:version')
  queryTradeInfo(
    @Param('version') version: string,
    @Req() req: SimulatorRequest,
    @Res() res: ServerResponse,
  ): void {
    const gateway = DIALECTS[version];
    if (!gateway)
      return sendAnswer(
        res,
        htmlAnswer(renderErrorPage(notFound(version)), 404),
      );
    sendAnswer(res, this.apis.queryTradeInfo(gateway, readFormFields(req)));
  }
}

function notFound(version: string) {
  return {
    code: '404',
    message: `No such API version ${version}: use V4 (AllPay) or V5 (ECPay)`,
  };
}
