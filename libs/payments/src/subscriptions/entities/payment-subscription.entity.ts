import {
  BeforeInsert,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  OneToMany,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { merchantTradeNoKey } from '../../checkout/merchant-trade-no.js';
import type { GatewayName } from '../../protocol/gateway-profile.js';
import type { PeriodType, SubscriptionStatus } from '../subscription-status.js';
import { PeriodAuthorizationEntity } from './period-authorization.entity.js';

/**
 * One periodic fixed-amount agreement (信用卡定期定額): one MerchantTradeNo at the gateway.
 *
 * Column types are the portable ones (varchar, integer, datetime/timestamp, text) so the same
 * migrations run on SQLite, PostgreSQL and MariaDB.
 *
 * @publicApi
 */
@Entity({ name: 'twpay_subscription' })
@Index('IDX_twpay_subscription_customer', ['customerId'])
@Index('IDX_twpay_subscription_status', ['status'])
export class PaymentSubscriptionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 10 })
  gateway: GatewayName;

  @Column({ name: 'merchant_id', type: 'varchar', length: 10 })
  merchantId: string;

  /** Unique for ever at the gateway, so unique here too: the key every notification is matched by. */
  @Index('UQ_twpay_subscription_merchant_trade_no', { unique: true })
  @Column({ name: 'merchant_trade_no', type: 'varchar', length: 20 })
  merchantTradeNo: string;

  /**
   * MerchantTradeNo case-folded ({@link merchantTradeNoKey}), unique: letter case is not
   * authenticated, so two orders never differ by case alone. Set on insert.
   */
  @Index('UQ_twpay_subscription_merchant_trade_no_key', { unique: true })
  @Column({ name: 'merchant_trade_no_key', type: 'varchar', length: 20 })
  merchantTradeNoKey: string;

  @BeforeInsert()
  protected foldMerchantTradeNo(): void {
    this.merchantTradeNoKey = merchantTradeNoKey(this.merchantTradeNo);
  }

  @Column({ type: 'varchar', length: 24 })
  status: SubscriptionStatus;

  /** The fixed amount of every authorization, in whole TWD (PeriodAmount = TotalAmount). */
  @Column({ name: 'period_amount', type: 'integer' })
  periodAmount: number;

  @Column({ name: 'period_type', type: 'varchar', length: 1 })
  periodType: PeriodType;

  @Column({ type: 'integer' })
  frequency: number;

  /** Authorizations in all, the first (checkout) one included (REFERENCE.md 5.1). */
  @Column({ name: 'exec_times', type: 'integer' })
  execTimes: number;

  /** The gateway's TotalSuccessTimes: successful authorizations so far, the first included. */
  @Column({ name: 'total_success_times', type: 'integer', default: 0 })
  totalSuccessTimes: number;

  /** Sum of the successful authorizations recorded here, in whole TWD. */
  @Column({ name: 'amount_collected', type: 'integer', default: 0 })
  amountCollected: number;

  /** Failed authorizations since the last success; the gateway stops at six (REFERENCE.md 5.1). */
  @Column({ name: 'consecutive_failures', type: 'integer', default: 0 })
  consecutiveFailures: number;

  @Column({ name: 'item_name', type: 'varchar', length: 400 })
  itemName: string;

  /** TradeNo of the first authorization, as ReturnURL reported it. */
  @Column({
    name: 'first_trade_no',
    type: 'varchar',
    length: 20,
    nullable: true,
  })
  firstTradeNo: string | null;

  @Column({ name: 'first_authorized_at', type: Date, nullable: true })
  firstAuthorizedAt: Date | null;

  /** Process date of the newest authorization applied; older ones never move the state. */
  @Column({ name: 'last_authorized_at', type: Date, nullable: true })
  lastAuthorizedAt: Date | null;

  /** The app's own reference for the customer. */
  @Column({ name: 'customer_id', type: 'varchar', length: 64, nullable: true })
  customerId: string | null;

  /** The app's own data, stored as JSON, never sent to the gateway. */
  @Column({ type: 'simple-json', nullable: true })
  metadata: Record<string, string | number | boolean | null> | null;

  @CreateDateColumn({ name: 'created_at', type: Date })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: Date })
  updatedAt: Date;

  @VersionColumn({ type: 'integer' })
  version: number;

  @OneToMany(() => PeriodAuthorizationEntity, (period) => period.subscription)
  periods: Relation<PeriodAuthorizationEntity[]>;
}
