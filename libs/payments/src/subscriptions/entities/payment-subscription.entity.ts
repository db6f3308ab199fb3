import { Column, Entity, Index, OneToMany, type Relation } from 'typeorm';
import { GatewayOrderEntity } from '../../checkout/gateway-order.entity.js';
import { COLUMN_LENGTHS } from '../../domain/column-lengths.js';
import type {
  PeriodType,
  SubscriptionStatus,
} from '../../domain/subscription-status.js';
import { PeriodAuthorizationEntity } from './period-authorization.entity.js';

/**
 * One periodic fixed-amount agreement (信用卡定期定額): one MerchantTradeNo at the gateway.
 *
 * The columns every order shares are {@link GatewayOrderEntity}'s.
 *
 * @publicApi
 */
@Entity({ name: 'twpay_subscription' })
@Index('UQ_twpay_subscription_merchant_trade_no', ['merchantTradeNo'], {
  unique: true,
})
@Index('UQ_twpay_subscription_merchant_trade_no_key', ['merchantTradeNoKey'], {
  unique: true,
})
@Index('IDX_twpay_subscription_customer', ['customerId'])
@Index('IDX_twpay_subscription_status', ['status'])
export class PaymentSubscriptionEntity extends GatewayOrderEntity {
  @Column({ type: 'varchar', length: 24 })
  status: SubscriptionStatus;

  /** The fixed amount of every authorization, in whole TWD (PeriodAmount = TotalAmount). */
  @Column({ name: 'period_amount', type: 'integer' })
  periodAmount: number;

  @Column({ name: 'period_type', type: 'varchar', length: 1 })
  periodType: PeriodType;

  @Column({ type: 'integer' })
  frequency: number;

  /** Authorizations in all, the first (checkout) one included (docs/gateway-protocol.md §5.1). */
  @Column({ name: 'exec_times', type: 'integer' })
  execTimes: number;

  /** The gateway's TotalSuccessTimes: successful authorizations so far, the first included. */
  @Column({ name: 'total_success_times', type: 'integer', default: 0 })
  totalSuccessTimes: number;

  /** Sum of the successful authorizations recorded here, in whole TWD. */
  @Column({ name: 'amount_collected', type: 'integer', default: 0 })
  amountCollected: number;

  /** Failed authorizations since the last success; the gateway stops at six (docs/gateway-protocol.md §5.1). */
  @Column({ name: 'consecutive_failures', type: 'integer', default: 0 })
  consecutiveFailures: number;

  /** TradeNo of the first authorization, as ReturnURL reported it. */
  @Column({
    name: 'first_trade_no',
    type: 'varchar',
    length: COLUMN_LENGTHS.tradeNo,
    nullable: true,
  })
  firstTradeNo: string | null;

  @Column({ name: 'first_authorized_at', type: Date, nullable: true })
  firstAuthorizedAt: Date | null;

  /** Process date of the newest authorization applied; older ones never move the state. */
  @Column({ name: 'last_authorized_at', type: Date, nullable: true })
  lastAuthorizedAt: Date | null;

  /** When the gateway confirmed the app's Cancel; `null` unless the status is `cancelled`. */
  @Column({ name: 'cancelled_at', type: Date, nullable: true })
  cancelledAt: Date | null;

  /** Whether the customer keeps access to the end of the paid period after the Cancel. */
  @Column({ name: 'cancel_at_period_end', type: 'boolean', nullable: true })
  cancelAtPeriodEnd: boolean | null;

  @OneToMany(() => PeriodAuthorizationEntity, (period) => period.subscription)
  periods: Relation<PeriodAuthorizationEntity[]>;
}
