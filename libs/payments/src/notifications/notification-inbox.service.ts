import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { claimRows } from '../persistence/claim-rows.js';
import { insertRows, updateRows } from '../persistence/compiled-statements.js';
import { COLUMN_LENGTHS } from '../domain/column-lengths.js';
import type { NotificationChannel } from '../domain/notification-channel.js';
import type { ResolvedPaymentsOptions } from '../interfaces/payments-module-options.interface.js';
import {
  PAYMENTS_DATA_SOURCE,
  PAYMENTS_RESOLVED_OPTIONS,
} from '../payments.constants.js';
import { GatewayNotificationEntity } from './gateway-notification.entity.js';
import type { ReceivedBody } from './read-callback-body.js';

const LENGTHS = COLUMN_LENGTHS.inbox;

/** A `received` row older than this was abandoned mid-way (a process died) and is picked up again. */
const ABANDONED_AFTER_MS = 60_000;

/**
 * Received text as a text column can hold it: NUL written as `\u0000` (PostgreSQL text cannot hold
 * U+0000) and cut to `maxLength` characters (MariaDB's TEXT holds 65,535 bytes).
 */
function storableText(text: string, maxLength: number): string {
  return text.replaceAll('\u0000', '\\u0000').slice(0, maxLength);
}

function storableClaim(value: string | null, maxLength: number): string | null {
  return value === null ? null : storableText(value, maxLength);
}

/**
 * What a notification's inbox row says once it has been processed.
 * @internal
 */
export type InboxSettlement = Pick<
  GatewayNotificationEntity,
  | 'verification'
  | 'outcome'
  | 'reason'
  | 'reasonCode'
  | 'error'
  | 'attempts'
  | 'processedAt'
>;

/**
 * The durable inbox: every request that reached a callback route, written with what became of it, in
 * the transaction that applied it or, when that failed, on its own.
 *
 * @internal
 */
@Injectable()
export class NotificationInboxService {
  constructor(
    @Inject(PAYMENTS_RESOLVED_OPTIONS)
    private readonly options: ResolvedPaymentsOptions,
    @Inject(PAYMENTS_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  /**
   * A new inbox row for a request as received, not yet written. The MerchantID and MerchantTradeNo it
   * claims are copied out for lookups only; nothing is trusted before the CheckMacValue is verified.
   */
  receive(
    channel: NotificationChannel,
    body: ReceivedBody,
    remoteAddress: string | null,
  ): GatewayNotificationEntity {
    const text = body.bytes.toString('utf8');
    const claimed = new URLSearchParams(text);
    return {
      id: randomUUID(),
      channel,
      rawBody: storableText(text, LENGTHS.rawBodyText),
      // All of them in memory, where the CheckMacValue is verified; cut to the column when written.
      rawBytes: body.bytes,
      rawLength: body.length,
      remoteAddress: remoteAddress?.slice(0, LENGTHS.remoteAddress) ?? null,
      receivedAt: new Date(),
      merchantId: storableClaim(
        claimed.get('MerchantID'),
        LENGTHS.claimedMerchantId,
      ),
      merchantTradeNo: storableClaim(
        claimed.get('MerchantTradeNo'),
        LENGTHS.claimedMerchantTradeNo,
      ),
      verification: null,
      outcome: 'received',
      reason: null,
      reasonCode: null,
      error: null,
      attempts: 0,
      processedAt: null,
      claimedUntil: null,
    };
  }

  /**
   * Writes a notification's row with its settlement, in the given transaction or on its own: one
   * INSERT for a request that just arrived, one UPDATE (releasing the claim) for a stored one.
   */
  async write(
    notification: GatewayNotificationEntity,
    settlement: InboxSettlement,
    stored: boolean,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const settled = {
      ...settlement,
      reason: settlement.reason?.slice(0, LENGTHS.reason) ?? null,
      claimedUntil: null,
    };
    if (stored) {
      await updateRows(manager, GatewayNotificationEntity, settled, {
        id: notification.id,
      });
    } else {
      await insertRows(manager, GatewayNotificationEntity, [
        {
          ...notification,
          ...settled,
          rawBytes:
            notification.rawBytes?.subarray(0, LENGTHS.rawBytes) ?? null,
        },
      ]);
    }
  }

  /**
   * Claims stored notifications that are due for another attempt, oldest first: `failed` ones with
   * attempts left, and `received` ones a process abandoned.
   */
  claimDue(limit: number): Promise<GatewayNotificationEntity[]> {
    return claimRows(this.dataSource, GatewayNotificationEntity, {
      alias: 'notification',
      due:
        "((notification.outcome = 'failed' AND notification.attempts < :maxAttempts)" +
        " OR (notification.outcome = 'received' AND notification.receivedAt < :abandonedBefore))",
      parameters: {
        maxAttempts: this.options.maxApplyAttempts,
        abandonedBefore: new Date(Date.now() - ABANDONED_AFTER_MS),
      },
      order: 'notification.receivedAt',
      limit,
      leaseMs: this.options.claimLeaseMs,
    });
  }
}
