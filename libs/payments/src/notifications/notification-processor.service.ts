import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { ApplyResult } from '../domain/apply-result.js';
import {
  BROWSER_CHANNELS,
  type BrowserChannel,
  type NotificationChannel,
} from '../domain/notification-channel.js';
import { COLUMN_LENGTHS } from '../domain/column-lengths.js';
import { errorMessage } from '../errors/error-message.js';
import { untrustedExcerpt } from '../untrusted-text.js';
import { PaymentsErrorCode } from '../errors/payments-error-code.js';
import {
  NotificationRejectedError,
  type NotificationRejectionCode,
} from '../errors/payments.error.js';
import { PAYMENTS_MESSAGES } from '../errors/payments.messages.js';
import { PaymentsEventPublisher } from '../events/payments-event-publisher.service.js';
import type { OutboxEventEntity } from '../events/outbox-event.entity.js';
import { PaymentsOutbox } from '../events/payments-outbox.service.js';
import {
  PAYMENTS_EVENTS,
  type NotificationFailedEvent,
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
import { settlementOf, type Verification } from './inbox-settlement.js';
import { NotificationInboxService } from './notification-inbox.service.js';
import type { ReceivedBody } from './read-callback-body.js';
import type { NotificationResult } from './notification-result.js';

const INBOX_LENGTHS = COLUMN_LENGTHS.inbox;

type ServerChannel = Exclude<NotificationChannel, BrowserChannel>;

/** A notification whose CheckMacValue was verified with the keys of the merchant it names. */
interface Verified {
  fields: NotificationFields;
  merchant: PaymentsMerchantOptions;
}

/** One attempt at one notification: a request that just arrived, or a stored one being re-applied. */
interface Attempt {
  notification: GatewayNotificationEntity;
  /** Whether its inbox row exists already (a re-apply) or is still to be inserted. */
  stored: boolean;
  attempts: number;
}

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
    private readonly outbox: PaymentsOutbox,
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

  /**
   * A request that just arrived: verified and validated in memory, then applied and recorded in ONE
   * transaction (the ledger row, the order's state, the outbox rows and the inbox row), its events
   * published after the commit. When that transaction fails, the inbox row is written on its own
   * with the error, for the re-apply job; a body that will never be valid is one insert.
   *
   * @throws when not even the inbox row could be written: the request is not recorded, answer 5xx
   */
  receive(
    channel: NotificationChannel,
    body: ReceivedBody,
    remoteAddress: string | null,
  ): Promise<NotificationResult> {
    return this.process(
      this.inbox.receive(channel, body, remoteAddress),
      false,
    );
  }

  /** A stored notification the re-apply job has claimed: the same pipeline, updating its row. */
  reapply(
    notification: GatewayNotificationEntity,
  ): Promise<NotificationResult> {
    return this.process(notification, true);
  }

  private async process(
    notification: GatewayNotificationEntity,
    stored: boolean,
  ): Promise<NotificationResult> {
    const attempt: Attempt = {
      notification,
      stored,
      attempts: notification.attempts + 1,
    };
    const verified = this.verify(notification);
    if ('rejection' in verified) {
      return this.conclude(
        attempt,
        this.failure(verified.rejection),
        verified.verification,
      );
    }
    if ((notification.rawLength ?? 0) > INBOX_LENGTHS.rawBytes) {
      // Its stored bytes are cut, so it could never be verified again on re-apply: never accepted.
      return this.conclude(attempt, {
        outcome: 'rejected',
        code: PaymentsErrorCode.MALFORMED_NOTIFICATION,
        reason: PAYMENTS_MESSAGES.bodyOverInbox(
          notification.rawLength ?? 0,
          INBOX_LENGTHS.rawBytes,
        ),
      });
    }
    if (BROWSER_CHANNELS.has(notification.channel)) {
      // Browser posts are one-shot and forgeable by replay: they never change state
      // (docs/gateway-protocol.md §6.5).
      const redirectTo = await browserReturnUrl(
        this.dataSource,
        this.options,
        verified.fields.get('MerchantTradeNo'),
      );
      return this.conclude(attempt, { outcome: 'redirect', redirectTo });
    }
    const handler = this.handlers[notification.channel as ServerChannel];
    try {
      handler.validate(verified.fields);
    } catch (error) {
      return this.conclude(attempt, this.failure(error));
    }
    let committed: { result: ApplyResult; events: OutboxEventEntity[] };
    try {
      committed = await this.dataSource.transaction(async (manager) => {
        const result = await handler.handle({
          manager,
          notification,
          ...verified,
        });
        const events =
          result.outcome === 'applied'
            ? await this.outbox.enqueue(manager, result.events, notification.id)
            : [];
        await this.record(attempt, result, 'valid', manager);
        return { result, events };
      });
    } catch (error) {
      return this.conclude(attempt, this.failure(error));
    }
    const { result, events } = committed;
    if (result.outcome === 'applied') {
      this.logger.debug(
        `Notification ${notification.id} (${notification.channel}) applied to ${notification.merchantTradeNo}: ${events.map((event) => event.name).join(', ') || 'no events'}`,
      );
    }
    this.outbox.publishCommitted(events);
    return { outcome: result.outcome };
  }

  /**
   * A request that cannot be read as a notification at all (not a form body): recorded as rejected,
   * in one insert, with the reason.
   *
   * @throws when not even the inbox row could be written: the request is not recorded, answer 5xx
   */
  refuseUnreadable(
    channel: NotificationChannel,
    body: ReceivedBody,
    remoteAddress: string | null,
    reason: string,
  ): Promise<NotificationResult> {
    const notification = this.inbox.receive(channel, body, remoteAddress);
    return this.conclude(
      { notification, stored: false, attempts: notification.attempts + 1 },
      {
        outcome: 'rejected',
        code: PaymentsErrorCode.MALFORMED_NOTIFICATION,
        reason,
      },
      'malformed',
    );
  }

  private verify(
    notification: GatewayNotificationEntity,
  ): Verified | Unverified {
    // The exact bytes received, never the readable copy in raw_body (rows from before raw_bytes
    // was kept hold the exact text there).
    const text =
      notification.rawBytes?.toString('utf8') ?? notification.rawBody;
    const fields = new NotificationFields(parseFormBody(text));
    const repeated = fields.repeatedNames();
    if (repeated.length > 0) {
      return unverified(
        'malformed',
        PaymentsErrorCode.MALFORMED_NOTIFICATION,
        PAYMENTS_MESSAGES.repeatedFields(repeated),
      );
    }
    const withNul = fields.namesWithNul();
    if (withNul.length > 0) {
      return unverified(
        'malformed',
        PaymentsErrorCode.MALFORMED_NOTIFICATION,
        PAYMENTS_MESSAGES.nulInFields(
          withNul.map((name) => untrustedExcerpt(name)),
        ),
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
    return {
      outcome: 'failed',
      error: untrustedExcerpt(errorMessage(error), FAILURE_MAX_CHARACTERS),
    };
  }

  /**
   * Records a notification that was not recorded inside an apply transaction, on its own, and tells
   * whoever listens. An exhausted one is recorded with its `twpay.notification.failed` event.
   */
  private async conclude(
    attempt: Attempt,
    result: NotificationResult,
    verification: Verification = 'valid',
  ): Promise<NotificationResult> {
    const { notification, attempts } = attempt;
    if (
      result.outcome === 'failed' &&
      attempts >= this.options.maxApplyAttempts
    ) {
      this.logger.error(
        `Notification ${notification.id} (${notification.channel}) failed ${attempts} times and is left for an operator: ${result.error}`,
      );
      const failed: Omit<NotificationFailedEvent, 'eventId'> = {
        notificationId: notification.id,
        channel: notification.channel,
        merchantTradeNo: notification.merchantTradeNo,
        attempts,
        error: result.error,
      };
      const events = await this.dataSource.transaction(async (manager) => {
        await this.record(attempt, result, verification, manager);
        return this.outbox.enqueue(
          manager,
          [{ name: PAYMENTS_EVENTS.NOTIFICATION_FAILED, payload: failed }],
          notification.id,
        );
      });
      this.outbox.publishCommitted(events);
      return result;
    }
    // If even this fails the error propagates and the gateway gets a 5xx, so it re-sends.
    await this.record(attempt, result, verification);
    if (result.outcome === 'failed') {
      this.logger.error(
        `Notification ${notification.id} (${notification.channel}) could not be applied, will retry: ${result.error}`,
      );
    }
    if (result.outcome === 'rejected') {
      this.logger.warn(
        `Notification ${notification.id} (${notification.channel}) rejected [${result.code}]: ${result.reason}`,
      );
      // Nothing changed, so there is no transaction to join: published at most once, straight away.
      const event: NotificationRejectedEvent = {
        eventId: randomUUID(),
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

  /** The one place that writes what became of a notification into its inbox row. */
  private record(
    { notification, stored, attempts }: Attempt,
    result: NotificationResult | ApplyResult,
    verification: Verification,
    manager?: EntityManager,
  ): Promise<void> {
    return this.inbox.write(
      notification,
      settlementOf(result, attempts, verification),
      stored,
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
