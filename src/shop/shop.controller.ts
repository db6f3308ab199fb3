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
import { PaymentsNotFoundError, PeriodicPaymentService } from 'nestjs-twpay';
import { GatewaySimulator } from 'nestjs-twpay/simulator';
import {
  renderHomePage,
  renderMessagePage,
  renderSubscriptionListPage,
  renderSubscriptionPage,
  type ShopContext,
} from './shop-pages.js';
import { DEMO_CUSTOMER_ID, findPlan } from './shop-plans.js';

/** Months the "Advance" buttons may move the simulator's clock by. */
const ADVANCE_MONTHS = new Set([1, 3, 12]);

/**
 * The example shop's pages, rendered on the server: the plans, Subscribe (which hands the browser
 * the signed auto-submit checkout form), each subscription's status and timeline, and, when the
 * gateway simulator runs in this process, a button that moves its virtual clock.
 */
@Controller()
export class ShopController {
  constructor(
    private readonly payments: PeriodicPaymentService,
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
   * Moves the in-process simulator's virtual clock (`{ months, returnTo }`); the charges that fall
   * due are notified to this app's callback routes before the browser is sent back.
   */
  @Post('shop/simulator/advance')
  async advance(
    @Body() body: Record<string, unknown> | undefined,
    @Res() res: Response,
  ): Promise<void> {
    if (!this.simulator) {
      sendHtml(
        res,
        404,
        renderMessagePage(
          'No simulator',
          'This shop talks to an external gateway (TWPAY_GATEWAY_URL): its clock cannot be moved from here.',
          this.context(),
        ),
      );
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

  private context(): ShopContext {
    return {
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
