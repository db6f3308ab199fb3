import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '../database-errors.js';
import type { ApplyResult } from '../domain/apply-result.js';
import type { NotificationChannel } from '../domain/notification-channel.js';
import { errorMessage } from '../errors/error-message.js';
import { untrustedExcerpt } from '../untrusted-text.js';
import { PaymentsErrorCode } from '../errors/payments-error-code.js';
import {
  NotificationRejectedError,
  type NotificationRejectionCode,
} from '../errors/payments.error.js';
import { PAYMENTS_MESSAGES } from '../errors/payments.messages.js';
import { PaymentsEventPublisher } from '../events/payments-event-publisher.service.js';
import {
  PAYMENTS_EVENTS,
  type NotificationRejectedEvent,
} from '../events/payments-events.js';
import { NotificationFields } from '../gateway-messages/notification-fields.js';
import type {
  PaymentsMerchantOptions,
  ResolvedPaymentsOptions,
} from '../interfaces/payments-module-options.interface.js';
import {
  PAYMENTS_DATA_SOURCE,
  PAYMENTS_RESOLVED_OPTIONS,
} from '../payments.constants.js';
import { verifyCheckMacValue } from '../protocol/check-mac-value.js';
import { parseFormBody } from '../protocol/parse-form-body.js';
import { browserReturnUrl } from './browser-return-url.js';
import type { GatewayNotificationEntity } from './gateway-notification.entity.js';
import { BnplApplicationHandler } from './handlers/bnpl-application.handler.js';
import type { NotificationHandler } from './handlers/notification-handler.js';
import { PeriodNotificationHandler } from './handlers/period-notification.handler.js';
import { ReturnNotificationRouter } from './handlers/return-notification.router.js';
import {
  NotificationInboxService,
  type InboxSettlement,
} from './notification-inbox.service.js';
import type { NotificationResult } from './notification-result.js';

type BrowserChannel = 'order_result' | 'client_redirect';
type ServerChannel = Exclude<NotificationChannel, BrowserChannel>;

const BROWSER_CHANNELS: ReadonlySet<NotificationChannel> =
  new Set<BrowserChannel>(['order_result', 'client_redirect']);

/** A notification whose CheckMacValue was verified with the keys of the merchant it names. */
interface Verified {
  fields: NotificationFields;
  merchant: PaymentsMerchantOptions;
}

type Verification = NonNullable<GatewayNotificationEntity['verification']>;

/** A notification that could not be verified: why, for the inbox, and the rejection. */
interface Unverified {
  verification: Exclude<Verification, 'valid'>;
  rejection: NotificationRejectedError;
}

/** How much of a rejection's reason is answered, logged and stored (it may quote received values). */
const REJECTION_REASON_MAX_CHARACTERS = 300;
/** How much of an unexpected error's message is logged and stored. */
const FAILURE_MAX_CHARACTERS = 1_000;

/**
 * Takes one stored notification through the pipeline: verify the CheckMacValue with the keys of the
 * MerchantID it names (before any lookup of the order), validate the fields, apply the change and
 * settle the inbox row in one transaction, then publish events after the commit. Returns what became
 * of it; the transport is the caller's.
 *
 * @internal
 */
@Injectable()
export class NotificationProcessor {
  private readonly logger = new Logger(NotificationProcessor.name);
  private readonly handlers: Readonly<
    Record<ServerChannel, NotificationHandler>
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
  ): Promise<NotificationResult> {
    const attempts = notification.attempts + 1;
    const verified = this.verify(notification);
    if ('rejection' in verified) {
      return this.conclude(
        notification,
        this.failure(verified.rejection),
        attempts,
        verified.verification,
      );
    }
    if (BROWSER_CHANNELS.has(notification.channel)) {
      // Browser posts are one-shot and forgeable by replay: they never change state
      // (docs/gateway-protocol.md §6.5).
      const redirectTo = await browserReturnUrl(
        this.dataSource,
        this.options,
        verified.fields.get('MerchantTradeNo'),
      );
      return this.conclude(
        notification,
        { outcome: 'redirect', redirectTo },
        attempts,
      );
    }
    const handler = this.handlers[notification.channel as ServerChannel];
    let applied: ApplyResult;
    try {
      applied = await this.dataSource.transaction(async (manager) => {
        const result = await handler.handle({
          manager,
          notification,
          ...verified,
        });
        await this.settle(notification, result, attempts, 'valid', manager);
        return result;
      });
    } catch (error) {
      return this.conclude(notification, this.failure(error), attempts);
    }
    if (applied.outcome === 'applied') {
      this.logger.debug(
        `Notification ${notification.id} (${notification.channel}) applied to ${notification.merchantTradeNo}: ${applied.events.map((event) => event.name).join(', ') || 'no events'}`,
      );
      this.publisher.publish(applied.events);
    }
    return { outcome: applied.outcome };
  }

  /**
   * Settles a stored request that cannot be read as a notification at all (not a form body) as
   * rejected, and says why.
   */
  refuseUnreadable(
    notification: GatewayNotificationEntity,
    reason: string,
  ): Promise<NotificationResult> {
    return this.conclude(
      notification,
      {
        outcome: 'rejected',
        code: PaymentsErrorCode.MALFORMED_NOTIFICATION,
        reason,
      },
      notification.attempts + 1,
      'malformed',
    );
  }

  private verify(
    notification: GatewayNotificationEntity,
  ): Verified | Unverified {
    const fields = new NotificationFields(parseFormBody(notification.rawBody));
    const repeated = fields.repeatedNames();
    if (repeated.length > 0) {
      return unverified(
        'malformed',
        PaymentsErrorCode.MALFORMED_NOTIFICATION,
        PAYMENTS_MESSAGES.repeatedFields(repeated),
      );
    }
    const merchantId = fields.get('MerchantID');
    const merchant = this.options.merchants.find(
      (m) => m.merchantId === merchantId,
    );
    if (!merchant) {
      return unverified(
        'unknown_merchant',
        PaymentsErrorCode.UNKNOWN_MERCHANT,
        PAYMENTS_MESSAGES.unknownMerchant(merchantId),
      );
    }
    const mac = verifyCheckMacValue(fields.list, merchant);
    if (!mac.valid) {
      return unverified(
        mac.reason,
        PaymentsErrorCode.CHECK_MAC_VALUE_MISMATCH,
        PAYMENTS_MESSAGES.checkMacValue(mac.reason),
      );
    }
    return { fields, merchant };
  }

  /** What an error thrown while verifying or applying means for the notification. */
  private failure(error: unknown): NotificationResult {
    if (error instanceof NotificationRejectedError) {
      // The reason quotes received values; it goes into the answer, a log line, the inbox and an
      // event, so control characters are escaped and its length bounded (no forged log line, no 60 KB
      // answer).
      return {
        outcome: 'rejected',
        code: error.code,
        reason: untrustedExcerpt(
          error.message,
          REJECTION_REASON_MAX_CHARACTERS,
        ),
      };
    }
    if (isUniqueViolation(error)) {
      // Another instance applied the same authorization between our check and our insert.
      return { outcome: 'duplicate' };
    }
    return {
      outcome: 'failed',
      error: untrustedExcerpt(errorMessage(error), FAILURE_MAX_CHARACTERS),
    };
  }

  /** Settles a notification that was not settled inside an apply transaction, and says so. */
  private async conclude(
    notification: GatewayNotificationEntity,
    result: NotificationResult,
    attempts: number,
    verification: Verification = 'valid',
  ): Promise<NotificationResult> {
    // If even this fails the error propagates and the gateway gets a 5xx, so it re-sends.
    await this.settle(notification, result, attempts, verification);
    if (result.outcome === 'failed') {
      this.logger.error(
        `Notification ${notification.id} (${notification.channel}) could not be applied, will retry: ${result.error}`,
      );
    }
    if (result.outcome === 'rejected') {
      this.logger.warn(
        `Notification ${notification.id} (${notification.channel}) rejected [${result.code}]: ${result.reason}`,
      );
      const event: NotificationRejectedEvent = {
        notificationId: notification.id,
        channel: notification.channel,
        merchantTradeNo: notification.merchantTradeNo,
        code: result.code,
        reason: result.reason,
      };
      this.publisher.publish([
        { name: PAYMENTS_EVENTS.NOTIFICATION_REJECTED, payload: event },
      ]);
    }
    return result;
  }

  /** The one place that decides what a notification's inbox row says after processing. */
  private settle(
    notification: GatewayNotificationEntity,
    result: NotificationResult | ApplyResult,
    attempts: number,
    verification: Verification,
    manager?: EntityManager,
  ): Promise<void> {
    return this.inbox.settle(
      notification.id,
      settlementOf(result, attempts, verification),
      manager,
    );
  }
}

function unverified(
  verification: Unverified['verification'],
  code: NotificationRejectionCode,
  message: string,
): Unverified {
  return {
    verification,
    rejection: new NotificationRejectedError(code, message),
  };
}

function settlementOf(
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
        reason:
          'reason' in result
            ? result.reason
            : PAYMENTS_MESSAGES.concurrentDuplicate(),
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
