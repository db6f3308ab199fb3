import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { PeriodActionsUnsupportedError } from '../errors/gateway-client.errors.js';
import { PAYMENTS_MESSAGES } from '../errors/payments.messages.js';
import { SubscriptionStateError } from '../errors/subscription-action.errors.js';
import { PaymentsOutbox } from '../events/payments-outbox.service.js';
import {
  PAYMENTS_EVENTS,
  type SubscriptionEvent,
} from '../events/payments-events.js';
import { GatewayClient } from '../gateway-client/gateway-client.js';
import type { PeriodActionResult } from '../gateway-client/period-action.js';
import type { CreditCardPeriodInfo } from '../gateway-client/period-info.js';
import type { ResolvedPaymentsOptions } from '../interfaces/payments-module-options.interface.js';
import {
  PAYMENTS_DATA_SOURCE,
  PAYMENTS_RESOLVED_OPTIONS,
} from '../payments.constants.js';
import { GATEWAY_PROFILES } from '../protocol/gateway-profile.js';
import { PaymentSubscriptionEntity } from './entities/payment-subscription.entity.js';
import type { SubscriptionStatus } from '../domain/subscription-status.js';

/**
 * How to cancel a subscription.
 *
 * @publicApi
 */
export interface CancelSubscriptionOptions {
  /**
   * Keep the customer's access until the end of the period already paid for (`accessUntil`), rather
   * than ending it now. The gateway stops charging immediately either way: its Cancel cannot be
   * scheduled. @default true
   */
  atPeriodEnd?: boolean;
}

/** The statuses in which the gateway still runs the agreement, so Cancel has something to stop. */
const RUNNING: readonly SubscriptionStatus[] = ['active', 'past_due'];

/**
 * The actions on a running agreement that go through the gateway first (ECPay's
 * CreditCardPeriodAction) and change the subscription only once the gateway confirmed them.
 *
 * @internal `PeriodicPaymentService` is the public entry point.
 */
@Injectable()
export class SubscriptionActionsService {
  private readonly logger = new Logger(SubscriptionActionsService.name);

  constructor(
    @Inject(PAYMENTS_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly gateway: GatewayClient,
    private readonly outbox: PaymentsOutbox,
    @Inject(PAYMENTS_RESOLVED_OPTIONS)
    private readonly options: Pick<ResolvedPaymentsOptions, 'clock'>,
  ) {}

  /**
   * Stops the agreement at the gateway, then marks the subscription `cancelled` and emits
   * `twpay.subscription.cancelled` once. Repeating it is safe: a cancelled subscription is left as
   * it is, and the gateway's "already stopped" answer counts as confirmation.
   */
  async cancel(
    subscription: PaymentSubscriptionEntity,
    options: CancelSubscriptionOptions = {},
  ): Promise<void> {
    this.requirePeriodActions(subscription);
    if (subscription.status === 'cancelled') return;
    if (!RUNNING.includes(subscription.status)) {
      throw new SubscriptionStateError(
        subscription.id,
        subscription.status,
        PAYMENTS_MESSAGES.nothingToCancel(subscription.id, subscription.status),
      );
    }
    const result = await this.gateway.cancelPeriodicAgreement(
      subscription.merchantTradeNo,
      { merchantId: subscription.merchantId },
    );
    if (result.alreadyStopped) {
      this.logger.warn(
        `Cancel of ${subscription.merchantTradeNo}: the gateway had already stopped the agreement (RtnCode ${result.rtnCode})`,
      );
    }
    // Conditional, so that of two concurrent cancels exactly one moves the status and emits; the
    // event is an outbox row of the same transaction, so a crash after the commit cannot lose it.
    const committed = await this.dataSource.transaction(async (manager) => {
      const update = await manager
        .createQueryBuilder()
        .update(PaymentSubscriptionEntity)
        .set({
          status: 'cancelled',
          // The module's clock, so access ends in the same time as the charges (the shop's virtual clock).
          cancelledAt: this.options.clock(),
          cancelAtPeriodEnd: options.atPeriodEnd ?? true,
        })
        .where({ id: subscription.id, status: In([...RUNNING]) })
        .execute();
      if (update.affected !== 1) return [];
      const payload: Omit<SubscriptionEvent, 'eventId'> = {
        subscriptionId: subscription.id,
        merchantTradeNo: subscription.merchantTradeNo,
        customerId: subscription.customerId,
        status: 'cancelled',
        previousStatus: subscription.status,
        totalSuccessTimes: subscription.totalSuccessTimes,
        execTimes: subscription.execTimes,
      };
      return this.outbox.enqueue(
        manager,
        [{ name: PAYMENTS_EVENTS.SUBSCRIPTION_CANCELLED, payload }],
        null,
      );
    });
    this.outbox.publishCommitted(committed);
  }

  /**
   * Asks the gateway to charge the latest failed period again (only the latest failure can be, and
   * only while the agreement runs). The gateway runs it from its scheduler and posts the result to
   * PeriodReturnURL, which moves the subscription as any period result does.
   */
  async reAuthorize(
    subscription: PaymentSubscriptionEntity,
  ): Promise<PeriodActionResult> {
    this.requirePeriodActions(subscription);
    if (subscription.status !== 'past_due') {
      throw new SubscriptionStateError(
        subscription.id,
        subscription.status,
        PAYMENTS_MESSAGES.nothingToReAuthorize(
          subscription.id,
          subscription.status,
        ),
      );
    }
    return this.gateway.reAuthorizeLatestCharge(subscription.merchantTradeNo, {
      merchantId: subscription.merchantId,
    });
  }

  /** The agreement as the gateway sees it; `null` when the gateway has none under this order. */
  queryGateway(
    subscription: PaymentSubscriptionEntity,
  ): Promise<CreditCardPeriodInfo | null> {
    return this.gateway.queryPeriodInfo(subscription.merchantTradeNo, {
      merchantId: subscription.merchantId,
    });
  }

  private requirePeriodActions(subscription: PaymentSubscriptionEntity): void {
    const profile = GATEWAY_PROFILES[subscription.gateway];
    if (profile.paths.creditCardPeriodAction === null) {
      throw new PeriodActionsUnsupportedError(profile.displayName);
    }
  }
}
