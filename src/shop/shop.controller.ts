import {
  Body,
  Controller,
  Get,
  Optional,
  Param,
  Post,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';
import {
  BnplPaymentService,
  InjectPaymentsOptions,
  PaymentsError,
  PaymentsErrorCode,
  PaymentsNotFoundError,
  PeriodicPaymentService,
  type BnplOrderEntity,
  type PaymentsOptionsView,
} from 'nestjs-twpay';
import { GatewaySimulator } from 'nestjs-twpay/simulator';
import { renderBnplOrderPage } from './pages/bnpl-order-page.js';
import { renderHomePage } from './pages/home-page.js';
import { renderMessagePage } from './pages/message-page.js';
import type { ShopContext } from './pages/shop-context.js';
import { renderSubscriptionListPage } from './pages/subscription-list-page.js';
import { renderSubscriptionPage } from './pages/subscription-page.js';
import { BNPL_PRODUCT, DEMO_CUSTOMER_ID, findPlan } from './shop-plans.js';

/** Months the "Advance" buttons may move the simulator's clock by. */
const ADVANCE_MONTHS = new Set([1, 3, 12]);

/**
 * The example shop's pages, rendered on the server: the plans, Subscribe (which hands the browser
 * the signed auto-submit checkout form), each subscription's status and timeline, on ECPay a BNPL
 * (無卡分期) purchase and its order page, and, when the gateway simulator runs in this process,
 * buttons that move its virtual clock and decide BNPL applications.
 */
@Controller()
export class ShopController {
  constructor(
    private readonly payments: PeriodicPaymentService,
    private readonly bnpl: BnplPaymentService,
    @InjectPaymentsOptions() private readonly options: PaymentsOptionsView,
    /** Present only when the simulator is mounted in this app (no TWPAY_GATEWAY_URL). */
    @Optional() private readonly simulator?: GatewaySimulator,
  ) {}

  @Get()
  home(@Res() res: Response): void {
    sendHtml(res, 200, renderHomePage(this.context()));
  }

  /** Starts a subscription for a plan and answers the page that posts it to the gateway's checkout. */
  @Post('shop/subscribe')
  async subscribe(
    @Body() body: Record<string, unknown> | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const plan = findPlan(body?.plan);
    if (!plan) {
      sendHtml(
        res,
        400,
        renderMessagePage(
          'Unknown plan',
          'Choose one of the plans on the home page.',
          this.context(),
        ),
      );
      return;
    }
    const { checkout } = await this.payments.createSubscription({
      periodAmount: plan.periodAmount,
      periodType: plan.periodType,
      frequency: plan.frequency,
      execTimes: plan.execTimes,
      itemName: `${plan.name} plan`,
      customerId: DEMO_CUSTOMER_ID,
      metadata: { plan: plan.id },
      // NeedExtraPaidInfo=Y: the first notification also carries the gwsr and the card's
      // first 6 / last 4 digits, so the timeline and the page can show them.
      needExtraPaidInfo: true,
    });
    // The signed form posts itself to the gateway's AioCheckOut page (the simulator's, by default).
    sendHtml(res, 200, checkout.html);
  }

  /**
   * Starts a BNPL order for the shop's BNPL product and answers the page that posts it to the
   * gateway's checkout, where the buyer applies. On AllPay the home page offers no such button; a
   * post anyway gets a 400 page.
   */
  @Post('shop/bnpl')
  async buyWithBnpl(@Res() res: Response): Promise<void> {
    if (this.options.gateway !== 'ecpay') {
      sendHtml(
        res,
        400,
        renderMessagePage(
          'BNPL unavailable',
          'BNPL (無卡分期) is offered by ECPay only: run the shop with TWPAY_GATEWAY=ecpay.',
          this.context(),
        ),
      );
      return;
    }
    const { checkout } = await this.bnpl.createOrder({
      totalAmount: BNPL_PRODUCT.price,
      itemName: BNPL_PRODUCT.name,
      customerId: DEMO_CUSTOMER_ID,
    });
    sendHtml(res, 200, checkout.html);
  }

  /** Where the gateway's ClientRedirectURL browser post ends (the module answers 303 to here). */
  @Get('bnpl-orders/:id')
  async showBnplOrder(
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    const order = await this.findBnplOrder(id, res);
    if (order) sendHtml(res, 200, renderBnplOrderPage(order, this.context()));
  }

  /**
   * The simulator's BNPL provider approves or rejects the order's application (in process, like
   * the advance button); the resulting ReturnURL notification reaches this app before the browser
   * is sent back to the order page.
   */
  @Post('shop/simulator/bnpl/:id/:decision')
  async decideBnpl(
    @Param('id') id: string,
    @Param('decision') decision: string,
    @Res() res: Response,
  ): Promise<void> {
    if (!this.simulator) {
      this.noSimulator(res);
      return;
    }
    if (decision !== 'approve' && decision !== 'reject') {
      sendHtml(
        res,
        404,
        renderMessagePage(
          'Not found',
          'The decision must be approve or reject.',
          this.context(),
        ),
      );
      return;
    }
    const order = await this.findBnplOrder(id, res);
    if (!order) return;
    const simulated = this.simulator.state
      .withMerchantTradeNo(order.merchantTradeNo)
      .find((o) => o.merchantId === order.merchantId);
    const outcome = simulated
      ? await this.simulator.decideBnpl(simulated.id, decision === 'approve')
      : undefined;
    if (!outcome?.ok) {
      sendHtml(
        res,
        409,
        renderMessagePage(
          'Cannot decide this application',
          outcome
            ? `The simulator answered ${outcome.error.code} ${outcome.error.message}.`
            : `The simulator has no order ${order.merchantTradeNo}.`,
          this.context(),
        ),
      );
      return;
    }
    res.redirect(303, `/bnpl-orders/${encodeURIComponent(order.id)}`);
  }

  @Get('subscriptions')
  async list(@Res() res: Response): Promise<void> {
    const page = await this.payments.listSubscriptions({
      customerId: DEMO_CUSTOMER_ID,
      pageSize: 50,
    });
    sendHtml(
      res,
      200,
      renderSubscriptionListPage(page.items, page.total, this.context()),
    );
  }

  /** Where the gateway's OrderResultURL browser post ends (the module answers 303 to here). */
  @Get('subscriptions/:id')
  async show(@Param('id') id: string, @Res() res: Response): Promise<void> {
    try {
      const subscription = await this.payments.getSubscription(id);
      sendHtml(res, 200, renderSubscriptionPage(subscription, this.context()));
    } catch (error) {
      if (!(error instanceof PaymentsNotFoundError)) throw error;
      sendHtml(
        res,
        404,
        renderMessagePage(
          'Subscription not found',
          `There is no subscription ${id}.`,
          this.context(),
        ),
      );
    }
  }

  /**
   * The page's Cancel button (ECPay): the gateway stops the agreement, then the browser goes back to
   * the page, which shows `cancelled`. A refusal (AllPay, or nothing left to cancel) gets a 4xx page.
   */
  @Post('shop/subscriptions/:id/cancel')
  async cancel(
    @Param('id') id: string,
    @Body() body: Record<string, unknown> | undefined,
    @Res() res: Response,
  ): Promise<void> {
    try {
      await this.payments.cancel(id, {
        atPeriodEnd: body?.atPeriodEnd !== 'false',
      });
    } catch (error) {
      if (!(error instanceof PaymentsError)) throw error;
      const notFound = error instanceof PaymentsNotFoundError;
      const gatewayDown =
        error.code === PaymentsErrorCode.GATEWAY_REQUEST_FAILED;
      sendHtml(
        res,
        notFound ? 404 : gatewayDown ? 502 : 409,
        renderMessagePage(
          notFound ? 'Subscription not found' : 'Cannot cancel',
          error.message,
          this.context(),
        ),
      );
      return;
    }
    res.redirect(303, `/subscriptions/${encodeURIComponent(id)}`);
  }

  /**
   * Moves the in-process simulator's virtual clock (`{ months, returnTo }`); the charges that fall
   * due are notified to this app's callback routes before the browser is sent back.
   */
  @Post('shop/simulator/advance')
  async advance(
    @Body() body: Record<string, unknown> | undefined,
    @Res() res: Response,
  ): Promise<void> {
    if (!this.simulator) {
      this.noSimulator(res);
      return;
    }
    const months = Number(body?.months ?? 1);
    if (!ADVANCE_MONTHS.has(months)) {
      sendHtml(
        res,
        400,
        renderMessagePage(
          'Bad request',
          'months must be 1, 3 or 12.',
          this.context(),
        ),
      );
      return;
    }
    await this.simulator.advance({ months });
    res.redirect(303, safeReturnPath(body?.returnTo));
  }

  /** The BNPL order, or undefined after answering the 404 page. */
  private async findBnplOrder(
    id: string,
    res: Response,
  ): Promise<BnplOrderEntity | undefined> {
    try {
      return await this.bnpl.getOrder(id);
    } catch (error) {
      if (!(error instanceof PaymentsNotFoundError)) throw error;
      sendHtml(
        res,
        404,
        renderMessagePage(
          'Order not found',
          `There is no BNPL order ${id}.`,
          this.context(),
        ),
      );
      return undefined;
    }
  }

  private noSimulator(res: Response): void {
    sendHtml(
      res,
      404,
      renderMessagePage(
        'No simulator',
        'This shop talks to an external gateway (TWPAY_GATEWAY_URL): the simulator cannot be driven from here.',
        this.context(),
      ),
    );
  }

  private context(): ShopContext {
    return {
      gateway: this.options.gateway,
      simulator: this.simulator !== undefined,
      simulatorClock: this.simulator?.clock.now(),
    };
  }
}

/** Only the shop's own subscription pages: never an open redirect. */
function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/subscriptions(\/[\w-]+)?$/.test(value)
    ? value
    : '/subscriptions';
}

function sendHtml(res: Response, status: number, body: string): void {
  res.status(status).type('html').send(body);
}
