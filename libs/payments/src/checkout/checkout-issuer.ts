import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  DataSource,
  type EntityTarget,
  type FindOptionsWhere,
  type ObjectLiteral,
} from 'typeorm';
import { isUniqueViolation } from '../persistence/database-errors.js';
import { PaymentsValidationError } from '../errors/payments.error.js';
import { PAYMENTS_MESSAGES } from '../errors/payments.messages.js';
import type {
  PaymentsMerchantOptions,
  ResolvedPaymentsOptions,
} from '../interfaces/payments-module-options.interface.js';
import {
  PAYMENTS_DATA_SOURCE,
  PAYMENTS_RESOLVED_OPTIONS,
} from '../payments.constants.js';
import type { GatewayFieldList } from '../protocol/gateway-fields.js';
import {
  GATEWAY_PROFILES,
  gatewayApiUrl,
} from '../protocol/gateway-profile.js';
import { signCheckoutForm, type CheckoutForm } from './checkout-form.js';
import type { CheckoutOrderDto } from './dto/checkout-order.dto.js';
import type { GatewayOrderEntity } from './gateway-order.entity.js';
import {
  generateMerchantTradeNo,
  merchantTradeNoKey,
} from './merchant-trade-no.js';

/** A generated MerchantTradeNo collides with probability ~1e-9; a few tries make it certain. */
const MERCHANT_TRADE_NO_ATTEMPTS = 3;

/** A new order's row and the AioCheckOut fields for it, both built for one MerchantTradeNo. @internal */
export interface CheckoutDraft<T> {
  order: T;
  fields: GatewayFieldList;
}

/**
 * What every checkout shares, whatever is sold (a subscription, a BNPL order): choosing the merchant,
 * numbering and storing the order, and signing the form for the gateway's AioCheckOut.
 *
 * @internal
 */
@Injectable()
export class CheckoutIssuer {
  constructor(
    @Inject(PAYMENTS_RESOLVED_OPTIONS)
    private readonly options: ResolvedPaymentsOptions,
    @Inject(PAYMENTS_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  /**
   * The configured merchant with that MerchantID, or the first one when none is named.
   * @throws PaymentsValidationError when no such merchant is configured
   */
  merchant(merchantId: string | undefined): PaymentsMerchantOptions {
    if (merchantId === undefined) return this.options.merchants[0];
    const merchant = this.options.merchants.find(
      (m) => m.merchantId === merchantId,
    );
    if (!merchant) {
      throw new PaymentsValidationError([
        {
          field: 'merchantId',
          rule: 'configured',
          message: PAYMENTS_MESSAGES.merchantNotConfigured(merchantId),
        },
      ]);
    }
    return merchant;
  }

  /**
   * Stores a new order under the requested MerchantTradeNo, or a generated one, and returns it as
   * stored with its signed checkout form. `draft` is called again with a fresh number when a generated
   * one is already taken; a requested number that is taken is the caller's error, because the gateway
   * never accepts a MerchantTradeNo twice (docs/gateway-protocol.md section 10, pitfall 8).
   */
  async issue<T extends ObjectLiteral & { id: string }>(
    entity: EntityTarget<T>,
    merchant: PaymentsMerchantOptions,
    requestedMerchantTradeNo: string | undefined,
    draft: (merchantTradeNo: string) => CheckoutDraft<T>,
  ): Promise<{ order: T; checkout: CheckoutForm }> {
    const repository = this.dataSource.getRepository(entity);
    for (let attempt = 1; ; attempt++) {
      const merchantTradeNo =
        requestedMerchantTradeNo ??
        generateMerchantTradeNo(this.options.merchantTradeNoPrefix);
      const { order, fields } = draft(merchantTradeNo);
      try {
        await repository.insert(order);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        if (requestedMerchantTradeNo) {
          throw new PaymentsValidationError([
            {
              field: 'merchantTradeNo',
              rule: 'unique',
              message: PAYMENTS_MESSAGES.merchantTradeNoTaken(merchantTradeNo),
            },
          ]);
        }
        if (attempt >= MERCHANT_TRADE_NO_ATTEMPTS) throw error;
        continue;
      }
      return {
        order: await repository.findOneByOrFail({
          id: order.id,
        } as FindOptionsWhere<T>),
        checkout: signCheckoutForm(this.aioCheckOutUrl(), fields, merchant),
      };
    }
  }

  /**
   * The columns every new order starts with ({@link GatewayOrderEntity}'s), for the request's order
   * under `merchantTradeNo`; createdAt, updatedAt and version are the database's.
   */
  newOrderColumns(
    merchant: PaymentsMerchantOptions,
    merchantTradeNo: string,
    request: CheckoutOrderDto,
  ): Omit<GatewayOrderEntity, 'createdAt' | 'updatedAt' | 'version'> {
    return {
      id: randomUUID(),
      gateway: this.options.gateway,
      merchantId: merchant.merchantId,
      merchantTradeNo,
      merchantTradeNoKey: merchantTradeNoKey(merchantTradeNo),
      itemName: request.itemName,
      customerId: request.customerId ?? null,
      metadata: request.metadata ?? null,
    };
  }

  private aioCheckOutUrl(): string {
    const target = this.options.gatewayBaseUrl
      ? { baseUrl: this.options.gatewayBaseUrl }
      : { environment: this.options.environment };
    return gatewayApiUrl(
      GATEWAY_PROFILES[this.options.gateway],
      'aioCheckOut',
      target,
    ) as string;
  }
}
