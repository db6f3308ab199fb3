// The public API of nestjs-twpay: the Nest module, its services, DTOs, entities, migrations, events
// and errors. Curated: what is not exported here is internal. The framework-free protocol
// (CheckMacValue, checkout field builders, form bodies, gateway profiles, Taipei time) is
// `nestjs-twpay/protocol`.

// Module and options
export { PaymentsModule } from './payments.module.js';
export type { PaymentsModuleExtras } from './payments.module-definition.js';
export { InjectPaymentsOptions } from './payments.decorators.js';
export type {
  PaymentsMerchantView,
  PaymentsOptionsView,
} from './payments-options-view.js';
export type {
  PaymentsMerchantOptions,
  PaymentsModuleOptions,
  ReconciliationOptions,
  PaymentsOptionsFactory,
  SimulatedPaymentPolicy,
} from './interfaces/payments-module-options.interface.js';
export type { PaymentsCallbackUrls } from './payments-routes.js';

// Checkout
export { PeriodicPaymentService } from './subscriptions/periodic-payment.service.js';
export type {
  CreatedSubscription,
  ListSubscriptionsQuery,
  SubscriptionPage,
  SubscriptionWithPeriods,
} from './subscriptions/periodic-payment.service.js';
export type { PageQuery, PaymentsPage } from './checkout/order-page.js';
export type { CheckoutForm } from './checkout/checkout-form.js';
export { CheckoutOrderDto } from './checkout/dto/checkout-order.dto.js';
export {
  CreatePeriodicPaymentDto,
  PERIOD_LIMITS,
} from './subscriptions/dto/create-periodic-payment.dto.js';
export type {
  CheckoutLanguage,
  DeviceSource,
} from './protocol/build-periodic-checkout-fields.js';
export { PeriodicInvoiceDto } from './subscriptions/dto/periodic-invoice.dto.js';
export { PeriodicInvoiceItemDto } from './subscriptions/dto/periodic-invoice-item.dto.js';
export type {
  InvoiceCarrierType,
  InvoiceClearanceMark,
  InvoiceDonation,
  InvoiceItemTaxType,
  InvoicePrint,
  InvoiceTaxType,
} from './protocol/periodic-invoice-fields.js';
export { validateCheckoutRequest } from './checkout/validate-checkout-request.js';
export {
  generateMerchantTradeNo,
  isValidMerchantTradeNo,
} from './checkout/merchant-trade-no.js';

// BNPL (無卡分期, ECPay only)
export { BnplPaymentService } from './bnpl/bnpl-payment.service.js';
export type {
  BnplOrderPage,
  CreatedBnplOrder,
  ListBnplOrdersQuery,
} from './bnpl/bnpl-payment.service.js';
export {
  BNPL_MIN_TOTAL_AMOUNT,
  CreateBnplOrderDto,
} from './bnpl/dto/create-bnpl-order.dto.js';
export { BnplOrderEntity } from './bnpl/entities/bnpl-order.entity.js';
export { BNPL_STATUSES } from './domain/bnpl-status.js';
export type { BnplStatus } from './domain/bnpl-status.js';

// Notifications
export { NotificationReapplyService } from './notifications/notification-reapply.service.js';
export { GatewayNotificationEntity } from './notifications/gateway-notification.entity.js';
export type { NotificationChannel } from './domain/notification-channel.js';
export type { NotificationOutcome } from './domain/notification-outcome.js';

// Health (for @nestjs/terminus)
export { PaymentsHealthIndicator } from './health/payments-health.indicator.js';
export type {
  PaymentsHealthDetails,
  PaymentsHealthThresholds,
} from './health/payments-health.indicator.js';

// Subscriptions and persistence
export { PaymentSubscriptionEntity } from './subscriptions/entities/payment-subscription.entity.js';
export { PeriodAuthorizationEntity } from './subscriptions/entities/period-authorization.entity.js';
export type { AuthorizationSource } from './subscriptions/entities/period-authorization.entity.js';
export { SUBSCRIPTION_STATUSES } from './domain/subscription-status.js';
export type {
  PeriodType,
  SubscriptionStatus,
} from './domain/subscription-status.js';
export { PAYMENTS_ENTITIES } from './entities.js';
export { PAYMENTS_MIGRATIONS } from './migrations/index.js';
export { databaseOptionsFromUrl } from './database-url.js';

// Events
export { PAYMENTS_EVENTS } from './events/payments-events.js';
export { OutboxEventEntity } from './events/outbox-event.entity.js';
export type {
  BnplEvent,
  NotificationFailedEvent,
  NotificationRejectedEvent,
  PaymentsEventBase,
  PaymentsEventName,
  PeriodEvent,
  ReconciliationRepairedEvent,
  SubscriptionEvent,
} from './events/payments-events.js';

// Reconciliation
export { ReconciliationService } from './reconciliation/reconciliation.service.js';
export type {
  ReconcileRequest,
  ReconciliationSummary,
} from './reconciliation/reconciliation.service.js';
export { ReconciliationReportEntity } from './reconciliation/reconciliation-report.entity.js';
export type {
  ReconciliationFailure,
  ReconciliationTrigger,
} from './reconciliation/reconciliation-report.entity.js';
export type {
  BackfilledAuthorization,
  SubscriptionDrift,
} from './domain/subscription-drift.js';

// Errors
export { PaymentsErrorCode } from './errors/payments-error-code.js';
export {
  ConcurrentUpdateError,
  GatewayRequestError,
  NotificationRejectedError,
  PaymentsConfigError,
  PaymentsError,
  PaymentsNotFoundError,
  PaymentsValidationError,
  UnsupportedByGatewayError,
} from './errors/payments.error.js';
export type {
  FieldViolation,
  NotificationRejectionCode,
} from './errors/payments.error.js';
export { PaymentsExceptionFilter } from './errors/payments-exception.filter.js';

// Gateway client (query and action APIs)
export { GatewayClient } from './gateway-client/gateway-client.js';
export type { GatewayCallOptions } from './gateway-client/gateway-client.js';
export {
  DEFAULT_GATEWAY_HTTP_POLICY,
  GATEWAY_CLIENT_OPTIONS,
} from './gateway-client/gateway-client-options.js';
export type {
  GatewayClientMerchant,
  GatewayClientOptions,
  GatewayHttpPolicy,
} from './gateway-client/gateway-client-options.js';
export type {
  CreditCardPeriodInfo,
  PeriodExecStatus,
  PeriodExecution,
} from './gateway-client/period-info.js';
export type {
  PeriodAction,
  PeriodActionResult,
} from './gateway-client/period-action.js';
export type { TradeInfo, TradeStatus } from './gateway-client/trade-info.js';
export {
  GatewayAnswerSignatureError,
  GatewayRateLimitedError,
  PeriodActionsUnsupportedError,
} from './errors/gateway-client.errors.js';

// Schedule math (pure, Asia/Taipei calendar)
export {
  accessUntil,
  nextChargeAt,
  paidPeriodEnd,
  periodNumberAt,
} from './subscriptions/next-charge-date.js';
export type { AgreementCalendar } from './subscriptions/next-charge-date.js';

// Subscription actions (ECPay's CreditCardPeriodAction) and the read model's schedule
export type { CancelSubscriptionOptions } from './subscriptions/subscription-actions.service.js';
export type { SubscriptionSchedule } from './subscriptions/subscription-schedule.js';
export { SubscriptionStateError } from './errors/subscription-action.errors.js';
