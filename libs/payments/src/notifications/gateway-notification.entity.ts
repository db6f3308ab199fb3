import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The callback route a notification arrived on.
 *
 * @publicApi
 */
export type NotificationChannel =
  'return' | 'period' | 'payment_info' | 'order_result' | 'client_redirect';

/**
 * What became of a notification.
 *
 * - `received`: stored, not yet processed (a crash here is picked up by the re-apply job);
 * - `applied`: verified and applied;
 * - `duplicate`: verified, already applied before (answered `1|OK`, nothing changed);
 * - `rejected`: will never be valid (bad MAC, unknown merchant or order, malformed, wrong amount);
 * - `failed`: verified, but applying threw; re-applied automatically;
 * - `ignored`: verified, and by the module's rules it changes nothing: a browser post, or a
 *   `SimulatePaid=1` payment the `simulatedPayments` policy does not count.
 *
 * @publicApi
 */
export type NotificationOutcome =
  'received' | 'applied' | 'duplicate' | 'rejected' | 'failed' | 'ignored';

/**
 * The inbox: every request that reached a callback route, stored before anything else happens, so
 * nothing the gateway sent is ever lost (PeriodReturnURL posts are sent once, REFERENCE.md 6.3).
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

  /** The exact body as received, decoded as UTF-8. */
  @Column({ name: 'raw_body', type: 'text' })
  rawBody: string;

  @Column({
    name: 'remote_address',
    type: 'varchar',
    length: 64,
    nullable: true,
  })
  remoteAddress: string | null;

  /** Millisecond precision on every database, so the inbox has a stable arrival order. */
  @Column({ name: 'received_at', type: Date, precision: 3 })
  receivedAt: Date;

  /** MerchantID as the body claims it (before verification). */
  @Column({ name: 'merchant_id', type: 'varchar', length: 32, nullable: true })
  merchantId: string | null;

  /** MerchantTradeNo as the body claims it (before verification). */
  @Column({
    name: 'merchant_trade_no',
    type: 'varchar',
    length: 64,
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
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  /** The error of the last failed attempt to apply it. */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** How many times applying was attempted. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'processed_at', type: Date, nullable: true })
  processedAt: Date | null;
}
