import {
  Column,
  Entity,
  Index,
  PrimaryColumn,
  type ValueTransformer,
} from 'typeorm';
import type { NotificationChannel } from '../domain/notification-channel.js';
import type { NotificationOutcome } from '../domain/notification-outcome.js';
import { COLUMN_LENGTHS } from '../domain/column-lengths.js';
import type { NotificationRejectionCode } from '../errors/payments.error.js';

const LENGTHS = COLUMN_LENGTHS.inbox;

/** Bytes stored as base64 text: one column type that every supported database has. */
const BASE64_BYTES: ValueTransformer = {
  to: (bytes: Buffer | null | undefined) => bytes?.toString('base64') ?? null,
  from: (text: string | null) =>
    text === null ? null : Buffer.from(text, 'base64'),
};

/**
 * The inbox: every request that reached a callback route, stored before anything else happens, so
 * nothing the gateway sent is ever lost (PeriodReturnURL posts are sent once, docs/gateway-protocol.md §6.3).
 * It holds the raw body (which carries the CheckMacValue, never the HashKey or HashIV).
 *
 * @publicApi
 */
@Entity({ name: 'twpay_gateway_notification' })
@Index('IDX_twpay_gateway_notification_outcome', ['outcome', 'receivedAt'])
@Index('IDX_twpay_gateway_notification_trade_no', ['merchantTradeNo'])
export class GatewayNotificationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 24 })
  channel: NotificationChannel;

  /**
   * The body decoded as UTF-8, for reading: NUL characters written as `\u0000` and cut to
   * 16,000 characters, so no body can make the row unwritable. The exact bytes are in `rawBytes`.
   */
  @Column({ name: 'raw_body', type: 'text' })
  rawBody: string;

  /**
   * The exact bytes received (base64 in the database), the first 48,000 of them; null on rows
   * written before they were kept.
   */
  @Column({
    name: 'raw_bytes',
    type: 'text',
    nullable: true,
    transformer: BASE64_BYTES,
  })
  rawBytes: Buffer | null;

  /** How many bytes the request carried: more than `rawBytes` holds when the body was cut. */
  @Column({ name: 'raw_length', type: 'integer', nullable: true })
  rawLength: number | null;

  @Column({
    name: 'remote_address',
    type: 'varchar',
    length: LENGTHS.remoteAddress,
    nullable: true,
  })
  remoteAddress: string | null;

  /** Millisecond precision on every database, so the inbox has a stable arrival order. */
  @Column({ name: 'received_at', type: Date, precision: 3 })
  receivedAt: Date;

  /** MerchantID as the body claims it (before verification). */
  @Column({
    name: 'merchant_id',
    type: 'varchar',
    length: LENGTHS.claimedMerchantId,
    nullable: true,
  })
  merchantId: string | null;

  /** MerchantTradeNo as the body claims it (before verification). */
  @Column({
    name: 'merchant_trade_no',
    type: 'varchar',
    length: LENGTHS.claimedMerchantTradeNo,
    nullable: true,
  })
  merchantTradeNo: string | null;

  /** `valid`, or why the CheckMacValue could not be accepted; null until checked. */
  @Column({ type: 'varchar', length: 24, nullable: true })
  verification:
    'valid' | 'missing' | 'malformed' | 'mismatch' | 'unknown_merchant' | null;

  @Column({ type: 'varchar', length: 16 })
  outcome: NotificationOutcome;

  /** Why it was rejected, duplicate or failed, in words an operator can act on. */
  @Column({ type: 'varchar', length: LENGTHS.reason, nullable: true })
  reason: string | null;

  /** Why it was rejected, as a stable code (`TWPAY_UNKNOWN_ORDER`…); null unless rejected. */
  @Column({
    name: 'reason_code',
    type: 'varchar',
    length: LENGTHS.reasonCode,
    nullable: true,
  })
  reasonCode: NotificationRejectionCode | null;

  /** The error of the last failed attempt to apply it. */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** How many times applying was attempted. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'processed_at', type: Date, nullable: true })
  processedAt: Date | null;

  /**
   * Until when one process owns re-applying it; other replicas' re-apply jobs skip it until then, so
   * they share the work instead of repeating it.
   */
  @Column({ name: 'claimed_until', type: Date, precision: 3, nullable: true })
  claimedUntil: Date | null;
}
