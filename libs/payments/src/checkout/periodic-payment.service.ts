import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type FindOptionsWhere } from 'typeorm';
import { isUniqueViolation } from '../database-errors.js';
import {
  PaymentsNotFoundError,
  PaymentsValidationError,
} from '../errors/payments.error.js';
import type {
  PaymentsMerchantOptions,
  ResolvedPaymentsOptions,
} from '../interfaces/payments-module-options.interface.js';
import {
  PAYMENTS_DATA_SOURCE,
  PAYMENTS_RESOLVED_OPTIONS,
} from '../payments.constants.js';
import { callbackUrls, type PaymentsCallbackUrls } from '../payments-routes.js';
import {
  GATEWAY_PROFILES,
  gatewayApiUrl,
  type GatewayProfile,
} from '../protocol/gateway-profile.js';
import { PaymentSubscriptionEntity } from '../subscriptions/entities/payment-subscription.entity.js';
import type { PeriodAuthorizationEntity } from '../subscriptions/entities/period-authorization.entity.js';
import type { SubscriptionStatus } from '../subscriptions/subscription-status.js';
import { buildPeriodicCheckoutFields } from './build-periodic-checkout-fields.js';
import { signCheckoutForm, type CheckoutForm } from './checkout-form.js';
import { CreatePeriodicPaymentDto } from './dto/create-periodic-payment.dto.js';
import { generateMerchantTradeNo } from './merchant-trade-no.js';
import { validateCheckoutRequest } from './validate-checkout-request.js';

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
 * A subscription with its ledger, oldest authorization first.
 *
 * @publicApi
 */
export interface SubscriptionWithPeriods extends PaymentSubscriptionEntity {
  periods: PeriodAuthorizationEntity[];
}

/**
 * Filters and paging for {@link PeriodicPaymentService.listSubscriptions}.
 *
 * @publicApi
 */
export interface ListSubscriptionsQuery {
  status?: SubscriptionStatus;
  customerId?: string;
  /** 1-based. @default 1 */
  page?: number;
  /** @default 20, at most 100 */
  pageSize?: number;
}

/** @publicApi */
export interface SubscriptionPage {
  items: PaymentSubscriptionEntity[];
  total: number;
  page: number;
  pageSize: number;
}

/** A generated MerchantTradeNo collides with probability ~1e-9; a few tries make it certain. */
const MERCHANT_TRADE_NO_ATTEMPTS = 3;

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
    const merchant = this.merchant(request.merchantId);
    const repository = this.dataSource.getRepository(PaymentSubscriptionEntity);
    for (let attempt = 1; ; attempt++) {
      const merchantTradeNo =
        request.merchantTradeNo ??
        generateMerchantTradeNo(this.options.merchantTradeNoPrefix);
      const urls = this.callbackUrls();
      const fields = buildPeriodicCheckoutFields(request, {
        profile: this.profile,
        merchantId: merchant.merchantId,
        platformId: merchant.platformId,
        merchantTradeNo,
        tradeDate: new Date(),
        returnUrl: urls.returnUrl,
        periodReturnUrl: urls.periodReturnUrl,
        orderResultUrl: urls.orderResultUrl,
      });
      const subscription = repository.create({
        id: randomUUID(),
        gateway: this.options.gateway,
        merchantId: merchant.merchantId,
        merchantTradeNo,
        status: 'pending',
        periodAmount: request.periodAmount,
        periodType: request.periodType,
        frequency: request.frequency,
        execTimes: request.execTimes,
        totalSuccessTimes: 0,
        amountCollected: 0,
        consecutiveFailures: 0,
        itemName: request.itemName,
        firstTradeNo: null,
        firstAuthorizedAt: null,
        lastAuthorizedAt: null,
        customerId: request.customerId ?? null,
        metadata: request.metadata ?? null,
      });
      try {
        await repository.insert(subscription);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        if (request.merchantTradeNo) {
          throw new PaymentsValidationError([
            {
              field: 'merchantTradeNo',
              rule: 'unique',
              message: `merchantTradeNo ${merchantTradeNo} is already used; the gateway never accepts a MerchantTradeNo twice`,
            },
          ]);
        }
        if (attempt >= MERCHANT_TRADE_NO_ATTEMPTS) throw error;
        continue;
      }
      const action = gatewayApiUrl(
        this.profile,
        'aioCheckOut',
        this.gatewayTarget(),
      ) as string;
      return {
        subscription: await repository.findOneByOrFail({ id: subscription.id }),
        checkout: signCheckoutForm(action, fields, merchant),
      };
    }
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
    const page = Math.max(1, Math.floor(query.page ?? 1));
    const pageSize = Math.min(
      100,
      Math.max(1, Math.floor(query.pageSize ?? 20)),
    );
    const where: FindOptionsWhere<PaymentSubscriptionEntity> = {};
    if (query.status) where.status = query.status;
    if (query.customerId) where.customerId = query.customerId;
    const [items, total] = await this.dataSource
      .getRepository(PaymentSubscriptionEntity)
      .findAndCount({
        where,
        order: { createdAt: 'DESC', id: 'ASC' },
        skip: (page - 1) * pageSize,
        take: pageSize,
      });
    return { items, total, page, pageSize };
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
        `No subscription with ${Object.entries(where)
          .map(([k, v]) => `${k} ${String(v)}`)
          .join(', ')}`,
      );
    }
    return subscription as SubscriptionWithPeriods;
  }

  private merchant(merchantId: string | undefined): PaymentsMerchantOptions {
    if (merchantId === undefined) return this.options.merchants[0];
    const merchant = this.options.merchants.find(
      (m) => m.merchantId === merchantId,
    );
    if (!merchant) {
      throw new PaymentsValidationError([
        {
          field: 'merchantId',
          rule: 'configured',
          message: `merchantId ${merchantId} is not one of the configured merchants`,
        },
      ]);
    }
    return merchant;
  }

  private gatewayTarget() {
    return this.options.gatewayBaseUrl
      ? { baseUrl: this.options.gatewayBaseUrl }
      : { environment: this.options.environment };
  }
}
