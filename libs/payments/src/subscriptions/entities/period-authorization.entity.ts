import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { COLUMN_LENGTHS } from '../../domain/column-lengths.js';
import type { PaymentSubscriptionEntity } from './payment-subscription.entity.js';

/**
 * Which gateway message an authorization was learnt from; `reconciliation` for one back-filled from
 * the gateway's ExecLog because its post never arrived.
 *
 * @publicApi
 */
export type AuthorizationSource =
  'return_url' | 'period_return_url' | 'query' | 'reconciliation';

/**
 * One authorization the gateway performed for a subscription: the ledger.
 *
 * The idempotency key is (subscription, gwsr) or, for a first authorization posted without the
 * NeedExtraPaidInfo extras, (subscription, TradeNo). Both are unique constraints, so two copies of one
 * notification on two app instances still produce one row.
 *
 * @publicApi
 */
@Entity({ name: 'twpay_period_authorization' })
@Index('UQ_twpay_period_authorization_gwsr', ['subscriptionId', 'gwsr'], {
  unique: true,
})
@Index(
  'UQ_twpay_period_authorization_trade_no',
  ['subscriptionId', 'tradeNo'],
  { unique: true },
)
export class PeriodAuthorizationEntity {
  @PrimaryColumn({ type: 'varchar', length: COLUMN_LENGTHS.id })
  id: string;

  @Column({
    name: 'subscription_id',
    type: 'varchar',
    length: COLUMN_LENGTHS.id,
  })
  subscriptionId: string;

  @ManyToOne('PaymentSubscriptionEntity', 'periods', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscription_id' })
  subscription: Relation<PaymentSubscriptionEntity>;

  /**
   * Position among the agreement's successful authorizations (the gateway's TotalSuccessTimes after
   * this one). For a failed authorization: the position it would have had.
   */
  @Column({ type: 'integer' })
  sequence: number;

  /** Authorization serial (gwsr / Gwsr): unique per charge. Null when the gateway did not send it. */
  @Column({ type: 'varchar', length: COLUMN_LENGTHS.gwsr, nullable: true })
  gwsr: string | null;

  /** Gateway TradeNo: sent for the first authorization only (docs/gateway-protocol.md §6.2). */
  @Column({
    name: 'trade_no',
    type: 'varchar',
    length: COLUMN_LENGTHS.tradeNo,
    nullable: true,
  })
  tradeNo: string | null;

  @Column({ type: 'integer' })
  amount: number;

  @Column({ type: 'boolean' })
  success: boolean;

  @Column({ name: 'rtn_code', type: 'varchar', length: COLUMN_LENGTHS.rtnCode })
  rtnCode: string;

  @Column({ name: 'rtn_msg', type: 'varchar', length: COLUMN_LENGTHS.rtnMsg })
  rtnMsg: string;

  @Column({
    name: 'auth_code',
    type: 'varchar',
    length: COLUMN_LENGTHS.authCode,
    nullable: true,
  })
  authCode: string | null;

  /** When the gateway processed the authorization (Asia/Taipei on the wire, stored as an instant). */
  @Column({ name: 'processed_at', type: Date })
  processedAt: Date;

  /** `SimulatePaid=1`: simulated from the gateway's back office, no money moved. */
  @Column({ type: 'boolean' })
  simulated: boolean;

  /** Whether it counts as paid, after the module's SimulatePaid policy. */
  @Column({ name: 'counts_as_paid', type: 'boolean' })
  countsAsPaid: boolean;

  @Column({ name: 'card_last4', type: 'varchar', length: 4, nullable: true })
  cardLast4: string | null;

  @Column({ name: 'card_first6', type: 'varchar', length: 6, nullable: true })
  cardFirst6: string | null;

  @Column({ type: 'varchar', length: 24 })
  source: AuthorizationSource;

  /** The inbox row this authorization was applied from (null when back-filled by a query). */
  @Column({
    name: 'notification_id',
    type: 'varchar',
    length: COLUMN_LENGTHS.id,
    nullable: true,
  })
  notificationId: string | null;

  @CreateDateColumn({ name: 'created_at', type: Date })
  createdAt: Date;
}
