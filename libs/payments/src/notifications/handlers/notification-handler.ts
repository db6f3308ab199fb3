import type { EntityManager } from 'typeorm';
import type { ApplyResult } from '../../domain/apply-result.js';
import type { NotificationFields } from '../../gateway-messages/notification-fields.js';
import type { PaymentsMerchantOptions } from '../../interfaces/payments-module-options.interface.js';
import type { GatewayNotificationEntity } from '../gateway-notification.entity.js';

/**
 * A verified server notification, handed to the handler of its channel inside one transaction.
 * @internal
 */
export interface NotificationContext {
  manager: EntityManager;
  notification: GatewayNotificationEntity;
  fields: NotificationFields;
  merchant: PaymentsMerchantOptions;
}

/**
 * Applies one kind of server notification. Throws `NotificationRejectedError` for a request that can
 * never be valid; any other error means "could not apply now" and the notification is re-applied later.
 * @internal
 */
export interface NotificationHandler {
  handle(context: NotificationContext): Promise<ApplyResult>;
}
