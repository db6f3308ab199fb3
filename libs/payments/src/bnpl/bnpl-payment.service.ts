import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type FindOptionsWhere } from 'typeorm';
import type { CheckoutForm } from '../checkout/checkout-form.js';
import { CheckoutIssuer } from '../checkout/checkout-issuer.js';
import {
  findPage,
  type PageQuery,
  type PaymentsPage,
} from '../checkout/order-page.js';
import { validateCheckoutRequest } from '../checkout/validate-checkout-request.js';
import {
  PaymentsNotFoundError,
  UnsupportedByGatewayError,
} from '../errors/payments.error.js';
import { PAYMENTS_MESSAGES } from '../errors/payments.messages.js';
import type { ResolvedPaymentsOptions } from '../interfaces/payments-module-options.interface.js';
import {
  PAYMENTS_DATA_SOURCE,
  PAYMENTS_RESOLVED_OPTIONS,
} from '../payments.constants.js';
import { callbackUrls } from '../payments-routes.js';
import { buildBnplCheckoutFields } from '../protocol/build-bnpl-checkout-fields.js';
import { GATEWAY_PROFILES } from '../protocol/gateway-profile.js';
import type { BnplStatus } from '../domain/bnpl-status.js';
import { CreateBnplOrderDto } from './dto/create-bnpl-order.dto.js';
import { BnplOrderEntity } from './entities/bnpl-order.entity.js';

/**
 * A new BNPL order and the checkout the buyer's browser must submit.
 *
 * @publicApi
 */
export interface CreatedBnplOrder {
  order: BnplOrderEntity;
  checkout: CheckoutForm;
}

/**
 * Filters and paging for {@link BnplPaymentService.listOrders}.
 *
 * @publicApi
 */
export interface ListBnplOrdersQuery extends PageQuery {
  status?: BnplStatus;
  customerId?: string;
}

/** @publicApi */
export type BnplOrderPage = PaymentsPage<BnplOrderEntity>;

/**
 * Starts ECPay card-less instalment orders (無卡分期, `ChoosePayment=BNPL`) and reads them back. The
 * callback routes move them: the application result to `applying` or `failed`, the payment result to
 * `paid` or `failed` (docs/gateway-protocol.md section 8).
 *
 * @publicApi
 */
@Injectable()
export class BnplPaymentService {
  constructor(
    @Inject(PAYMENTS_RESOLVED_OPTIONS)
    private readonly options: ResolvedPaymentsOptions,
    @Inject(PAYMENTS_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly issuer: CheckoutIssuer,
  ) {}

  /**
   * Validates the request, stores a `created` order and returns the signed checkout form.
   *
   * @throws UnsupportedByGatewayError when the module is configured for AllPay, before anything else
   * @throws PaymentsValidationError naming each field and rule broken (e.g. totalAmount below 3,000)
   */
  async createOrder(
    input: CreateBnplOrderDto | Record<string, unknown>,
  ): Promise<CreatedBnplOrder> {
    const profile = GATEWAY_PROFILES[this.options.gateway];
    if (!profile.supportsBnpl) {
      throw new UnsupportedByGatewayError(
        PAYMENTS_MESSAGES.bnplUnsupported(profile.displayName),
      );
    }
    const request = validateCheckoutRequest(
      CreateBnplOrderDto,
      input,
      this.options.gateway,
    );
    const merchant = this.issuer.merchant(request.merchantId);
    const urls = callbackUrls(this.options);
    const repository = this.dataSource.getRepository(BnplOrderEntity);
    return this.issuer.issue(
      BnplOrderEntity,
      merchant,
      request.merchantTradeNo,
      (merchantTradeNo) => ({
        order: repository.create({
          ...this.issuer.newOrderColumns(merchant, merchantTradeNo, request),
          status: 'created',
          totalAmount: request.totalAmount,
          paymentType: null,
          bnplTradeNo: null,
          installments: null,
          tradeNo: null,
          rtnCode: null,
          rtnMsg: null,
          simulated: false,
          appliedAt: null,
          paidAt: null,
        }),
        fields: buildBnplCheckoutFields(request, {
          merchantId: merchant.merchantId,
          platformId: merchant.platformId,
          merchantTradeNo,
          tradeDate: new Date(),
          returnUrl: urls.returnUrl,
          paymentInfoUrl: urls.paymentInfoUrl,
          clientRedirectUrl: urls.clientRedirectUrl,
        }),
      }),
    );
  }

  /** One BNPL order. Throws {@link PaymentsNotFoundError} when there is none. */
  async getOrder(id: string): Promise<BnplOrderEntity> {
    return this.findOne({ id });
  }

  /** One BNPL order by its MerchantTradeNo. */
  async getOrderByMerchantTradeNo(
    merchantTradeNo: string,
  ): Promise<BnplOrderEntity> {
    return this.findOne({ merchantTradeNo });
  }

  /** A page of BNPL orders, newest first, optionally filtered by status and customer. */
  async listOrders(query: ListBnplOrdersQuery = {}): Promise<BnplOrderPage> {
    const where: FindOptionsWhere<BnplOrderEntity> = {};
    if (query.status) where.status = query.status;
    if (query.customerId) where.customerId = query.customerId;
    return findPage(
      this.dataSource.getRepository(BnplOrderEntity),
      where,
      query,
    );
  }

  private async findOne(
    where: FindOptionsWhere<BnplOrderEntity>,
  ): Promise<BnplOrderEntity> {
    const order = await this.dataSource
      .getRepository(BnplOrderEntity)
      .findOneBy(where);
    if (!order) {
      throw new PaymentsNotFoundError(
        PAYMENTS_MESSAGES.notFound('BNPL order', where),
      );
    }
    return order;
  }
}
