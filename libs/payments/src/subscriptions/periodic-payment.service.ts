import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type FindOptionsWhere } from 'typeorm';
import {
  PaymentsNotFoundError,
  PaymentsValidationError,
} from '../errors/payments.error.js';
import { PAYMENTS_MESSAGES } from '../errors/payments.messages.js';
import type { ResolvedPaymentsOptions } from '../interfaces/payments-module-options.interface.js';
import {
  PAYMENTS_DATA_SOURCE,
  PAYMENTS_RESOLVED_OPTIONS,
} from '../payments.constants.js';
import { callbackUrls, type PaymentsCallbackUrls } from '../payments-routes.js';
import {
  GATEWAY_PROFILES,
  type GatewayProfile,
} from '../protocol/gateway-profile.js';
import { PaymentSubscriptionEntity } from './entities/payment-subscription.entity.js';
import { PeriodAuthorizationEntity } from './entities/period-authorization.entity.js';
import type { PeriodActionResult } from '../gateway-client/period-action.js';
import type { CreditCardPeriodInfo } from '../gateway-client/period-info.js';
import {
  SubscriptionActionsService,
  type CancelSubscriptionOptions,
} from './subscription-actions.service.js';
import {
  subscriptionSchedule,
  type SubscriptionSchedule,
} from './subscription-schedule.js';
import type { SubscriptionStatus } from '../domain/subscription-status.js';
import { buildPeriodicCheckoutFields } from '../protocol/build-periodic-checkout-fields.js';
import type { CheckoutForm } from '../checkout/checkout-form.js';
import { CheckoutIssuer } from '../checkout/checkout-issuer.js';
import { CreatePeriodicPaymentDto } from './dto/create-periodic-payment.dto.js';
import {
  findPage,
  type PageQuery,
  type PaymentsPage,
} from '../checkout/order-page.js';
import { validateCheckoutRequest } from '../checkout/validate-checkout-request.js';

/**
 * A new subscription and the checkout the buyer's browser must submit.
 *
 * @publicApi
 */
export interface CreatedSubscription {
  subscription: PaymentSubscriptionEntity;
  checkout: CheckoutForm;
}

/**
 * A subscription with its ledger, oldest authorization first, and its schedule.
 *
 * @publicApi
 */
export interface SubscriptionWithPeriods
  extends PaymentSubscriptionEntity, SubscriptionSchedule {
  periods: PeriodAuthorizationEntity[];
}

/**
 * Filters and paging for {@link PeriodicPaymentService.listSubscriptions}.
 *
 * @publicApi
 */
export interface ListSubscriptionsQuery extends PageQuery {
  status?: SubscriptionStatus;
  customerId?: string;
}

/** @publicApi */
export type SubscriptionPage = PaymentsPage<
  PaymentSubscriptionEntity & SubscriptionSchedule
>;

/**
 * A platform merchant's requests are signed with the platform's keys, so the request's own
 * `platformId` must be the configured one when both are set (docs/gateway-protocol.md section 10,
 * pitfall 16); the form posts the configured one.
 */
function checkPlatformId(
  requested: string | undefined,
  configured: string | undefined,
): void {
  if (
    requested !== undefined &&
    configured !== undefined &&
    requested !== configured
  ) {
    throw new PaymentsValidationError([
      {
        field: 'platformId',
        rule: 'matchesConfiguredPlatform',
        message: PAYMENTS_MESSAGES.platformIdMismatch(configured),
      },
    ]);
  }
}

/**
 * Starts credit-card periodic fixed-amount subscriptions (信用卡定期定額) and reads them back.
 *
 * @publicApi
 */
@Injectable()
export class PeriodicPaymentService {
  private readonly profile: GatewayProfile;

  constructor(
    @Inject(PAYMENTS_RESOLVED_OPTIONS)
    private readonly options: ResolvedPaymentsOptions,
    @Inject(PAYMENTS_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly issuer: CheckoutIssuer,
    private readonly actions: SubscriptionActionsService,
  ) {
    this.profile = GATEWAY_PROFILES[options.gateway];
  }

  /**
   * Validates the request against the gateway's rules, stores a `pending` subscription and returns the
   * signed checkout form. Throws {@link PaymentsValidationError} naming each field and rule broken.
   */
  async createSubscription(
    input: CreatePeriodicPaymentDto | Record<string, unknown>,
  ): Promise<CreatedSubscription> {
    const request = validateCheckoutRequest(
      CreatePeriodicPaymentDto,
      input,
      this.options.gateway,
    );
    const merchant = this.issuer.merchant(request.merchantId);
    checkPlatformId(request.platformId, merchant.platformId);
    const urls = this.callbackUrls();
    const repository = this.dataSource.getRepository(PaymentSubscriptionEntity);
    const { order, checkout } = await this.issuer.issue(
      PaymentSubscriptionEntity,
      merchant,
      request.merchantTradeNo,
      (merchantTradeNo) => ({
        order: repository.create({
          ...this.issuer.newOrderColumns(merchant, merchantTradeNo, request),
          status: 'pending',
          periodAmount: request.periodAmount,
          periodType: request.periodType,
          frequency: request.frequency,
          execTimes: request.execTimes,
          totalSuccessTimes: 0,
          amountCollected: 0,
          consecutiveFailures: 0,
          firstTradeNo: null,
          firstAuthorizedAt: null,
          lastAuthorizedAt: null,
        }),
        fields: buildPeriodicCheckoutFields(request, {
          profile: this.profile,
          merchantId: merchant.merchantId,
          platformId: merchant.platformId,
          merchantTradeNo,
          tradeDate: new Date(),
          returnUrl: urls.returnUrl,
          periodReturnUrl: urls.periodReturnUrl,
          orderResultUrl: urls.orderResultUrl,
        }),
      }),
    );
    return { subscription: order, checkout };
  }

  /** One subscription with its ledger. Throws {@link PaymentsNotFoundError} when there is none. */
  async getSubscription(id: string): Promise<SubscriptionWithPeriods> {
    return this.findOne({ id });
  }

  /** One subscription by its MerchantTradeNo, with its ledger. */
  async getSubscriptionByMerchantTradeNo(
    merchantTradeNo: string,
  ): Promise<SubscriptionWithPeriods> {
    return this.findOne({ merchantTradeNo });
  }

  /** A page of subscriptions, newest first, optionally filtered by status and customer. */
  async listSubscriptions(
    query: ListSubscriptionsQuery = {},
  ): Promise<SubscriptionPage> {
    const where: FindOptionsWhere<PaymentSubscriptionEntity> = {};
    if (query.status) where.status = query.status;
    if (query.customerId) where.customerId = query.customerId;
    const page = await findPage(
      this.dataSource.getRepository(PaymentSubscriptionEntity),
      where,
      query,
    );
    const periods = page.items.length
      ? await this.dataSource.getRepository(PeriodAuthorizationEntity).find({
          select: {
            subscriptionId: true,
            processedAt: true,
            countsAsPaid: true,
          },
          where: { subscriptionId: In(page.items.map((s) => s.id)) },
        })
      : [];
    return {
      ...page,
      items: page.items.map((subscription) =>
        Object.assign(
          subscription,
          subscriptionSchedule(
            subscription,
            periods.filter((p) => p.subscriptionId === subscription.id),
          ),
        ),
      ),
    };
  }

  /**
   * Cancels a subscription (ECPay): the gateway stops the agreement first, immediately and for good,
   * then the subscription becomes `cancelled` and `twpay.subscription.cancelled` is emitted once.
   * With `atPeriodEnd` (the default) `accessUntil` stays the end of the paid period; without it,
   * access ends now. Repeated calls are safe. On AllPay, which has no periodic action API, it throws
   * an {@link UnsupportedByGatewayError} saying what to do instead.
   */
  async cancel(
    id: string,
    options: CancelSubscriptionOptions = {},
  ): Promise<SubscriptionWithPeriods> {
    await this.actions.cancel(await this.getSubscription(id), options);
    return this.getSubscription(id);
  }

  /**
   * Asks the gateway (ECPay) to charge the latest failed period of a `past_due` subscription again.
   * The result arrives later on PeriodReturnURL and moves the subscription like any period result.
   */
  async reAuthorize(id: string): Promise<PeriodActionResult> {
    return this.actions.reAuthorize(await this.getSubscription(id));
  }

  /**
   * The agreement as the gateway reports it (QueryCreditCardPeriodInfo): counters, ExecStatus and
   * every authorization; `null` when the gateway has no agreement under this subscription's order.
   */
  async queryGateway(id: string): Promise<CreditCardPeriodInfo | null> {
    return this.actions.queryGateway(await this.getSubscription(id));
  }

  /** The callback URLs to register with the gateway. */
  callbackUrls(): PaymentsCallbackUrls {
    return callbackUrls(this.options);
  }

  private async findOne(
    where: FindOptionsWhere<PaymentSubscriptionEntity>,
  ): Promise<SubscriptionWithPeriods> {
    const subscription = await this.dataSource
      .getRepository(PaymentSubscriptionEntity)
      .findOne({
        where,
        relations: { periods: true },
        order: { periods: { processedAt: 'ASC', sequence: 'ASC' } },
      });
    if (!subscription) {
      throw new PaymentsNotFoundError(
        PAYMENTS_MESSAGES.notFound('subscription', where),
      );
    }
    return Object.assign(
      subscription,
      subscriptionSchedule(subscription, subscription.periods),
    ) as SubscriptionWithPeriods;
  }
}
