import type { ApplyResult } from '../domain/apply-result.js';
import type { GatewayNotificationEntity } from './gateway-notification.entity.js';
import type { InboxSettlement } from './notification-inbox.service.js';
import type { NotificationResult } from './notification-result.js';

/** What the inbox row says of the CheckMacValue. */
export type Verification = NonNullable<
  GatewayNotificationEntity['verification']
>;

/**
 * What a notification's inbox row says after an attempt: the one place that decides it, for a
 * result the processor reached or a handler's apply result.
 *
 * @internal
 */
export function settlementOf(
  result: NotificationResult | ApplyResult,
  attempts: number,
  verification: Verification,
): InboxSettlement {
  const settled = {
    verification,
    attempts,
    processedAt: new Date(),
    error: null,
  };
  switch (result.outcome) {
    case 'rejected':
      return {
        ...settled,
        outcome: 'rejected',
        reason: result.reason,
        reasonCode: result.code,
      };
    case 'failed':
      return {
        ...settled,
        outcome: 'failed',
        reason: null,
        reasonCode: null,
        error: result.error,
        processedAt: null,
      };
    case 'redirect':
      return {
        ...settled,
        outcome: 'ignored',
        reason: null,
        reasonCode: null,
      };
    case 'duplicate':
    case 'ignored':
      return {
        ...settled,
        outcome: result.outcome,
        reason: 'reason' in result ? result.reason : null,
        reasonCode: null,
      };
    case 'applied':
      return {
        ...settled,
        outcome: 'applied',
        reason: null,
        reasonCode: null,
      };
  }
}
