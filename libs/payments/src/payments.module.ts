import { Inject, Module, type NestModule } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { BnplPaymentService } from './bnpl/bnpl-payment.service.js';
import { BnplResultApplier } from './bnpl/bnpl-result-applier.service.js';
import { PaymentsHealthIndicator } from './health/payments-health.indicator.js';
import { CheckoutIssuer } from './checkout/checkout-issuer.js';
import { PeriodicPaymentService } from './subscriptions/periodic-payment.service.js';
import { PaymentsEventPublisher } from './events/payments-event-publisher.service.js';
import { PaymentsOutbox } from './events/payments-outbox.service.js';
import { BnplApplicationHandler } from './notifications/handlers/bnpl-application.handler.js';
import { BnplPaymentHandler } from './notifications/handlers/bnpl-payment.handler.js';
import { PeriodNotificationHandler } from './notifications/handlers/period-notification.handler.js';
import { FirstAuthorizationHandler } from './notifications/handlers/first-authorization.handler.js';
import { ReturnNotificationRouter } from './notifications/handlers/return-notification.router.js';
import { NotificationInboxService } from './notifications/notification-inbox.service.js';
import { NotificationProcessor } from './notifications/notification-processor.service.js';
import { NotificationReapplyService } from './notifications/notification-reapply.service.js';
import { readCallbackBody } from './notifications/read-callback-body.js';
import { useBeforeBodyParsers } from './notifications/use-before-body-parsers.js';
import type {
  PaymentsModuleOptions,
  ResolvedPaymentsOptions,
} from './interfaces/payments-module-options.interface.js';
import {
  ConfigurableModuleClass,
  PAYMENTS_MODULE_OPTIONS,
} from './payments.module-definition.js';
import {
  PAYMENTS_OPTIONS_VIEW,
  PAYMENTS_RESOLVED_OPTIONS,
  PAYMENTS_ROUTE_PREFIX,
} from './payments.constants.js';
import { paymentsOptionsView } from './payments-options-view.js';
import { resolvePaymentsOptions } from './resolve-payments-options.js';
import { SubscriptionLedgerService } from './subscriptions/subscription-ledger.service.js';
import { SubscriptionActionsService } from './subscriptions/subscription-actions.service.js';
import { GatewayClient } from './gateway-client/gateway-client.js';
import { GATEWAY_CLIENT_OPTIONS } from './gateway-client/gateway-client-options.js';
import { ReconciliationService } from './reconciliation/reconciliation.service.js';
import { ReconciliationScheduler } from './reconciliation/reconciliation-scheduler.service.js';
import { SubscriptionReconciler } from './reconciliation/subscription-reconciler.service.js';

/** The callback routes, below the module's route prefix (the controller's, in the same order). */
const CALLBACK_ROUTES = [
  'notify/return',
  'notify/period',
  'notify/payment-info',
  'redirect/order-result',
  'redirect/client',
] as const;

/**
 * Subscription billing through AllPay or ECPay, and ECPay BNPL orders: checkout, the gateway's callback
 * routes, the ledger, events, the re-apply job and reconciliation with the gateway.
 *
 * @example
 * PaymentsModule.forRoot({
 *   gateway: 'ecpay',
 *   merchants: [{ merchantId: '3002607', hashKey: process.env.HASH_KEY!, hashIV: process.env.HASH_IV! }],
 *   publicUrl: 'https://shop.example.com',
 * })
 * @publicApi
 */
@Module({
  providers: [
    {
      // Defaults applied and every option checked once, at boot.
      provide: PAYMENTS_RESOLVED_OPTIONS,
      inject: [PAYMENTS_MODULE_OPTIONS, PAYMENTS_ROUTE_PREFIX],
      useFactory: (options: PaymentsModuleOptions, routePrefix: string) =>
        resolvePaymentsOptions(options, routePrefix),
    },
    {
      provide: PAYMENTS_OPTIONS_VIEW,
      inject: [PAYMENTS_RESOLVED_OPTIONS],
      useFactory: paymentsOptionsView,
    },
    CheckoutIssuer,
    PeriodicPaymentService,
    // The gateway client reads the resolved options as they are (gateway, environment, base URL, merchants).
    { provide: GATEWAY_CLIENT_OPTIONS, useExisting: PAYMENTS_RESOLVED_OPTIONS },
    GatewayClient,
    SubscriptionActionsService,
    PaymentsEventPublisher,
    PaymentsOutbox,
    SubscriptionLedgerService,
    NotificationInboxService,
    NotificationProcessor,
    NotificationReapplyService,
    ReturnNotificationRouter,
    FirstAuthorizationHandler,
    PeriodNotificationHandler,
    BnplPaymentService,
    BnplResultApplier,
    BnplApplicationHandler,
    BnplPaymentHandler,
    PaymentsHealthIndicator,
    SubscriptionReconciler,
    ReconciliationService,
    ReconciliationScheduler,
  ],
  exports: [
    PeriodicPaymentService,
    GatewayClient,
    BnplPaymentService,
    NotificationReapplyService,
    PAYMENTS_OPTIONS_VIEW,
    PaymentsHealthIndicator,
    ReconciliationService,
  ],
})
export class PaymentsModule
  extends ConfigurableModuleClass
  implements NestModule
{
  constructor(
    @Inject(PAYMENTS_ROUTE_PREFIX) private readonly routePrefix: string,
    @Inject(PAYMENTS_RESOLVED_OPTIONS)
    private readonly options: ResolvedPaymentsOptions,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    super();
  }

  /**
   * The callback routes read their own bodies, whatever the content type, charset, encoding or size,
   * before the host's body parsers could refuse one, so that every request is recorded in the inbox.
   * Paths are matched as express routes them (letter case and a trailing slash aside), whatever the
   * global prefix.
   */
  configure(): void {
    const prefix = this.routePrefix ? `/${this.routePrefix}` : '';
    const paths = CALLBACK_ROUTES.map((route) =>
      `${prefix}/${route}`.toLowerCase(),
    );
    const read = readCallbackBody(this.options.maxCallbackBodyBytes);
    useBeforeBodyParsers(this.adapterHost, (request, response, next) => {
      const path = request.path.toLowerCase().replace(/\/+$/, '');
      if (
        request.method === 'POST' &&
        paths.some((callbackPath) => path.endsWith(callbackPath))
      ) {
        read(request, response, next);
        return;
      }
      next();
    });
  }
}
