import type { EntityManager } from 'typeorm';
import type { PendingEvent } from '../../events/payments-events.js';
import type { PaymentsMerchantOptions } from '../../interfaces/payments-module-options.interface.js';
import type { GatewayNotificationEntity } from '../gateway-notification.entity.js';
import type { NotificationFields } from '../../gateway-messages/notification-fields.js';

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
 * `applied`: changed something, and these events follow the commit; `duplicate`: applied before,
 * nothing changed; `ignored`: valid, but by the module's rules it changes nothing (a simulated payment
 * the policy does not count).
 * @internal
 */
export type HandlerResult =
  | { outcome: 'applied'; events: PendingEvent[] }
  | { outcome: 'duplicate' | 'ignored'; reason: string };

/**
 * Applies one kind of server notification. Throws `NotificationRejection` for a request that can never
 * be valid; any other error means "could not apply now" and the notification is re-applied later.
 * @internal
 */
export interface NotificationHandler {
  handle(context: NotificationContext): Promise<HandlerResult>;
}
