import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUniqueViolation } from '../database-errors.js';
import { PaymentsEventPublisher } from '../events/payments-event-publisher.service.js';
import {
  PAYMENTS_EVENTS,
  type NotificationRejectedEvent,
} from '../events/payments-events.js';
import type { ResolvedPaymentsOptions } from '../interfaces/payments-module-options.interface.js';
import {
  PAYMENTS_DATA_SOURCE,
  PAYMENTS_RESOLVED_OPTIONS,
} from '../payments.constants.js';
import { verifyCheckMacValue } from '../protocol/check-mac-value.js';
import { parseFormBody } from '../protocol/parse-form-body.js';
import type {
  GatewayNotificationEntity,
  NotificationChannel,
  NotificationOutcome,
} from './gateway-notification.entity.js';
import { browserReturnUrl } from './browser-return-url.js';
import { BnplApplicationHandler } from './handlers/bnpl-application.handler.js';
import type { NotificationHandler } from './handlers/notification-handler.js';
import { PeriodNotificationHandler } from './handlers/period-notification.handler.js';
import { ReturnNotificationRouter } from './handlers/return-notification.router.js';
import { NotificationFields } from './notification-fields.js';
import { NotificationInboxService } from './notification-inbox.service.js';
import { NotificationRejection } from './notification-rejection.js';

/**
 * What to answer the gateway (or the browser) for one notification.
 * @internal
 */
export interface ProcessResult {
  outcome: NotificationOutcome;
  /** HTTP status: 200 once recorded (applied, duplicate or queued), 4xx for a request never valid. */
  status: number;
  /** `1|OK` or `0|<reason>` (REFERENCE.md 6.3). */
  answer: string;
  /** For browser posts: where to send the browser. */
  redirectTo?: string;
}

const BROWSER_CHANNELS: ReadonlySet<NotificationChannel> = new Set([
  'order_result',
  'client_redirect',
]);

/**
 * Takes one stored notification through the pipeline: verify the CheckMacValue with the keys of the
 * MerchantID it names (before any lookup of the order), validate the fields, apply the change and
 * settle the inbox row in one transaction, then publish events after the commit.
 *
 * @internal
 */
@Injectable()
export class NotificationProcessor {
  private readonly logger = new Logger('PaymentsModule');
  private readonly handlers: Partial<
    Record<NotificationChannel, NotificationHandler>
  >;

  constructor(
    @Inject(PAYMENTS_RESOLVED_OPTIONS)
    private readonly options: ResolvedPaymentsOptions,
    @Inject(PAYMENTS_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly inbox: NotificationInboxService,
    private readonly publisher: PaymentsEventPublisher,
    returnRouter: ReturnNotificationRouter,
    periodHandler: PeriodNotificationHandler,
    bnplApplicationHandler: BnplApplicationHandler,
  ) {
    this.handlers = {
      return: returnRouter,
      period: periodHandler,
      payment_info: bnplApplicationHandler,
    };
  }

  async process(
    notification: GatewayNotificationEntity,
  ): Promise<ProcessResult> {
    const attempts = notification.attempts + 1;
    const fields = new NotificationFields(parseFormBody(notification.rawBody));
    const repeated = fields.repeatedNames();
    if (repeated.length > 0) {
      return this.reject(
        notification,
        'malformed',
        `malformed: field ${repeated.join(', ')} sent more than once`,
        attempts,
      );
    }
    const merchantId = fields.get('MerchantID');
    const merchant = this.options.merchants.find(
      (m) => m.merchantId === merchantId,
    );
    if (!merchant) {
      return this.reject(
        notification,
        'unknown_merchant',
        `unknown MerchantID ${merchantId ?? '(missing)'}`,
        attempts,
      );
    }
    const verification = verifyCheckMacValue(fields.list, merchant);
    if (!verification.valid) {
      return this.reject(
        notification,
        verification.reason,
        `CheckMacValue ${verification.reason}`,
        attempts,
      );
    }

    if (BROWSER_CHANNELS.has(notification.channel)) {
      // Browser posts are one-shot and forgeable by replay: they never change state (REFERENCE.md 6.5).
      await this.inbox.settle(notification.id, {
        verification: 'valid',
        outcome: 'ignored',
        attempts,
        processedAt: new Date(),
      });
      return {
        outcome: 'ignored',
        status: 303,
        answer: '',
        redirectTo: await browserReturnUrl(
          this.dataSource,
          this.options,
          fields.get('MerchantTradeNo'),
        ),
      };
    }
    const handler = this.handlers[notification.channel];
    if (!handler) {
      return this.reject(
        notification,
        'valid',
        `no handler for channel ${notification.channel}`,
        attempts,
      );
    }

    try {
      const result = await this.dataSource.transaction(async (manager) => {
        const handled = await handler.handle({
          manager,
          notification,
          fields,
          merchant,
        });
        await this.inbox.settle(
          notification.id,
          {
            verification: 'valid',
            outcome: handled.outcome,
            reason: 'reason' in handled ? handled.reason : null,
            error: null,
            attempts,
            processedAt: new Date(),
          },
          manager,
        );
        return handled;
      });
      if (result.outcome === 'applied') {
        // So a developer watching the terminal (log level debug) sees payments arrive.
        this.logger.debug(
          `Applied ${notification.channel} notification ${notification.id} (MerchantTradeNo ${notification.merchantTradeNo ?? 'unknown'})`,
        );
        this.publisher.publish(result.events);
      }
      return { outcome: result.outcome, status: 200, answer: '1|OK' };
    } catch (error) {
      if (error instanceof NotificationRejection) {
        return this.reject(notification, 'valid', error.reason, attempts);
      }
      if (isUniqueViolation(error)) {
        // Another instance applied the same authorization between our check and our insert.
        await this.inbox.settle(notification.id, {
          verification: 'valid',
          outcome: 'duplicate',
          reason: 'applied concurrently by another request',
          attempts,
          processedAt: new Date(),
        });
        return { outcome: 'duplicate', status: 200, answer: '1|OK' };
      }
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(
        `Notification ${notification.id} (${notification.channel}) could not be applied, will retry: ${message}`,
      );
      // If even this fails the error propagates and the gateway gets a 5xx, so it re-sends.
      await this.inbox.settle(notification.id, {
        verification: 'valid',
        outcome: 'failed',
        error: message,
        attempts,
      });
      return { outcome: 'failed', status: 200, answer: '1|OK' };
    }
  }

  private async reject(
    notification: GatewayNotificationEntity,
    verification: NonNullable<GatewayNotificationEntity['verification']>,
    reason: string,
    attempts: number,
  ): Promise<ProcessResult> {
    await this.inbox.settle(notification.id, {
      verification,
      outcome: 'rejected',
      reason: reason.slice(0, 500),
      attempts,
      processedAt: new Date(),
    });
    this.logger.warn(
      `Notification ${notification.id} (${notification.channel}) rejected: ${reason}`,
    );
    const event: NotificationRejectedEvent = {
      notificationId: notification.id,
      channel: notification.channel,
      merchantTradeNo: notification.merchantTradeNo,
      reason,
    };
    this.publisher.publish([
      { name: PAYMENTS_EVENTS.NOTIFICATION_REJECTED, payload: event },
    ]);
    return { outcome: 'rejected', status: 400, answer: `0|${reason}` };
  }
}
