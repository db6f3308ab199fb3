import {
  Body,
  Controller,
  Delete,
  Get,
  Param,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { GatewaySimulator } from '../gateway-simulator.js';
import type { PaymentOutcome } from '../simulator-outcomes.js';
import {
  htmlAnswer,
  jsonAnswer,
  redirectAnswer,
  sendAnswer,
  type HttpAnswer,
} from '../http/http-answer.js';
import {
  parseJsonCheckout,
  type JsonCheckoutResult,
} from '../http/json-checkout.js';
import { mountRoot, type SimulatorRequest } from '../http/simulator-request.js';
import { renderErrorPage } from '../pages/error-page.js';
import { SimulatorRequestError } from '../simulator-request-error.js';
import {
  advanceSnapshot,
  clockSnapshot,
  deliverySnapshot,
  simulatorSnapshot,
} from '../simulator-snapshot.js';
import { parseCalendarStep } from '../calendar-step-input.js';

/**
 * The simulator's own control API under `/simulator`: the virtual clock, faults, reset, state, the
 * browserless checkout and the BNPL provider's decision. JSON in and out; the dashboard's HTML forms
 * post the same routes with `redirect=dashboard` and are sent back to the dashboard.
 */
@Controller('simulator')
export class SimulatorControlController {
  constructor(private readonly simulator: GatewaySimulator) {}

  @Get('clock')
  clock(@Res() res: ServerResponse): void {
    sendAnswer(res, jsonAnswer(clockSnapshot(this.simulator.clock.now())));
  }

  /** `{ days?, months?, minutes? }`: moves the clock and runs everything that falls due. */
  @Post('clock/advance')
  advance(
    @Body() body: unknown,
    @Req() req: SimulatorRequest,
    @Res() res: ServerResponse,
  ) {
    return this.respond(
      req,
      res,
      '/simulator/clock/advance',
      async (input) => {
        const step = parseCalendarStep(input);
        if (typeof step === 'string') throw new SimulatorRequestError(step);
        return advanceSnapshot(await this.simulator.advance(step));
      },
      body,
    );
  }

  @Get('faults')
  faults(@Res() res: ServerResponse): void {
    sendAnswer(res, jsonAnswer(this.simulator.faults.current()));
  }

  @Post('faults')
  setFaults(
    @Body() body: unknown,
    @Req() req: SimulatorRequest,
    @Res() res: ServerResponse,
  ) {
    return this.respond(
      req,
      res,
      '/simulator/faults',
      (input) => this.simulator.faults.apply(input),
      body,
    );
  }

  @Delete('faults')
  clearFaults(@Res() res: ServerResponse): void {
    this.simulator.faults.clear();
    sendAnswer(res, jsonAnswer(this.simulator.faults.current()));
  }

  /** Forgets every order, notification and fault; the clock goes back to `startTime`. */
  @Post('reset')
  reset(
    @Body() body: unknown,
    @Req() req: SimulatorRequest,
    @Res() res: ServerResponse,
  ) {
    return this.respond(
      req,
      res,
      '/simulator/reset',
      async () => {
        await this.simulator.reset();
        return { clock: clockSnapshot(this.simulator.clock.now()) };
      },
      body,
    );
  }

  @Get('api/state')
  state(@Res() res: ServerResponse): void {
    sendAnswer(res, jsonAnswer(simulatorSnapshot(this.simulator)));
  }

  /**
   * The checkout without a browser: the same validation as `POST /Cashier/AioCheckOut/V4|V5`, then,
   * with `card` or `bnpl`, the buyer's payment step, its notifications awaited.
   */
  @Post('api/checkout')
  checkout(
    @Body() body: unknown,
    @Req() req: SimulatorRequest,
    @Res() res: ServerResponse,
  ) {
    return this.respond(
      req,
      res,
      '/simulator/api/checkout',
      async (input) => {
        const request = parseJsonCheckout(input);
        const created = this.simulator.createOrder(
          request.gateway,
          request.fields,
        );
        if (!created.ok)
          return { ok: false, error: created.error, deliveries: [] };
        const { order } = created;
        const accepted = {
          checkoutId: order.id,
          checkoutPath: `/simulator/checkout/${order.id}`,
          merchantTradeNo: order.merchantTradeNo,
          tradeNo: order.tradeNo,
        };
        if (request.card) {
          return {
            ...accepted,
            ...outcomeResult(await this.simulator.pay(order.id, request.card)),
          };
        }
        if (request.installment !== undefined) {
          return {
            ...accepted,
            ...outcomeResult(
              await this.simulator.applyBnpl(order.id, request.installment),
            ),
          };
        }
        return { ok: true, ...accepted, deliveries: [] };
      },
      body,
    );
  }

  /**
   * The BNPL provider approves or rejects an application (docs/gateway-protocol.md §8). Give `merchantId` in the
   * body or the query when two merchants share the MerchantTradeNo.
   */
  @Post('bnpl/:merchantTradeNo/:decision')
  decideBnpl(
    @Param('merchantTradeNo') merchantTradeNo: string,
    @Param('decision') decision: string,
    @Body() body: unknown,
    @Req() req: SimulatorRequest,
    @Res() res: ServerResponse,
  ) {
    const route = `/simulator/bnpl/${merchantTradeNo}/${decision}`;
    return this.respond(
      req,
      res,
      route,
      async (input) => {
        if (decision !== 'approve' && decision !== 'reject') {
          throw new SimulatorRequestError(
            'the decision must be approve or reject',
            404,
          );
        }
        const fromBody = isRecord(input) ? input.merchantId : undefined;
        const merchantId =
          (typeof fromBody === 'string' ? fromBody : undefined) ??
          new URL(req.url ?? '', 'http://simulator').searchParams.get(
            'merchantId',
          ) ??
          undefined;
        const orders = this.simulator.state
          .withMerchantTradeNo(merchantTradeNo)
          .filter(
            (o) => merchantId === undefined || o.merchantId === merchantId,
          );
        if (orders.length === 0)
          throw new SimulatorRequestError(`no order ${merchantTradeNo}`, 404);
        if (orders.length > 1) {
          throw new SimulatorRequestError(
            `several merchants have ${merchantTradeNo}: give merchantId`,
            409,
          );
        }
        const [order] = orders;
        return {
          merchantTradeNo,
          ...outcomeResult(
            await this.simulator.decideBnpl(order.id, decision === 'approve'),
          ),
        };
      },
      body,
    );
  }

  /**
   * Runs a control action and answers JSON, or, for a dashboard form (`redirect=dashboard`), sends
   * the browser back to the dashboard. A bad request is a 4xx with `{ error }` (an HTML page for a
   * form).
   */
  private async respond(
    req: SimulatorRequest,
    res: ServerResponse,
    routePath: string,
    action: (input: unknown) => unknown,
    body: unknown,
  ): Promise<void> {
    // Express 5 leaves `body` undefined for a bodiless POST: that is an empty request.
    const input: unknown = body ?? {};
    const fromDashboard = isRecord(input) && input.redirect === 'dashboard';
    if (fromDashboard) delete input.redirect;
    let answer: HttpAnswer;
    try {
      const result = await action(input);
      answer = fromDashboard
        ? redirectAnswer(`${mountRoot(req, routePath)}/simulator`)
        : jsonAnswer(result);
    } catch (error) {
      if (!(error instanceof SimulatorRequestError)) throw error;
      answer = fromDashboard
        ? htmlAnswer(
            renderErrorPage({
              code: String(error.status),
              message: error.message,
            }),
            error.status,
          )
        : jsonAnswer({ error: error.message }, error.status);
    }
    sendAnswer(res, answer);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A payment step's outcome as JSON. */
function outcomeResult(
  outcome: PaymentOutcome,
): Omit<JsonCheckoutResult, 'checkoutId'> {
  if (!outcome.ok) return { ok: false, error: outcome.error, deliveries: [] };
  return {
    ok: true,
    rtnCode: outcome.result.rtnCode,
    rtnMsg: outcome.result.rtnMsg,
    deliveries: outcome.deliveries.map((d) => deliverySnapshot(d)),
    browserPost: outcome.browserPost,
  };
}
