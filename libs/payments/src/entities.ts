// Imported directly by ormconfig.ts: no Nest imports here.
import { BnplOrderEntity } from './bnpl/entities/bnpl-order.entity.js';
import { OutboxEventEntity } from './events/outbox-event.entity.js';
import { GatewayNotificationEntity } from './notifications/gateway-notification.entity.js';
import { PaymentSubscriptionEntity } from './subscriptions/entities/payment-subscription.entity.js';
import { PeriodAuthorizationEntity } from './subscriptions/entities/period-authorization.entity.js';
import { ReconciliationLeaseEntity } from './reconciliation/reconciliation-lease.entity.js';
import { ReconciliationReportEntity } from './reconciliation/reconciliation-report.entity.js';

/**
 * Every entity of the module, for a host that lists entities itself instead of
 * `autoLoadEntities: true`, and for the TypeORM CLI.
 *
 * @publicApi
 */
export const PAYMENTS_ENTITIES: Function[] = [
  PaymentSubscriptionEntity,
  PeriodAuthorizationEntity,
  GatewayNotificationEntity,
  BnplOrderEntity,
  OutboxEventEntity,
  ReconciliationReportEntity,
  ReconciliationLeaseEntity,
];
