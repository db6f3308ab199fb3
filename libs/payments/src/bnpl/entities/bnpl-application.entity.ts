import {
  BeforeInsert,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { merchantTradeNoKey } from '../../checkout/merchant-trade-no.js';
import type { GatewayName } from '../../protocol/gateway-profile.js';
import type { BnplStatus } from '../bnpl-status.js';

/**
 * One ECPay BNPL order (無卡分期, `ChoosePayment=BNPL`): one MerchantTradeNo at the gateway, the buyer's
 * application with the instalment provider, and the final payment result (REFERENCE.md section 8).
 *
 * Column types are the portable ones (varchar, integer, boolean, datetime/timestamp, text) so the same
 * migrations run on SQLite, PostgreSQL and MariaDB.
 *
 * @publicApi
 */
@Entity({ name: 'twpay_bnpl_application' })
@Index('IDX_twpay_bnpl_application_customer', ['customerId'])
@Index('IDX_twpay_bnpl_application_status', ['status'])
export class BnplApplicationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 10 })
  gateway: GatewayName;

  @Column({ name: 'merchant_id', type: 'varchar', length: 10 })
  merchantId: string;

  /** Unique for ever at the gateway, so unique here too: the key every notification is matched by. */
  @Index('UQ_twpay_bnpl_application_merchant_trade_no', { unique: true })
  @Column({ name: 'merchant_trade_no', type: 'varchar', length: 20 })
  merchantTradeNo: string;

  /**
   * MerchantTradeNo case-folded ({@link merchantTradeNoKey}), unique: letter case is not
   * authenticated, so two orders never differ by case alone. Set on insert.
   */
  @Index('UQ_twpay_bnpl_application_merchant_trade_no_key', { unique: true })
  @Column({ name: 'merchant_trade_no_key', type: 'varchar', length: 20 })
  merchantTradeNoKey: string;

  @BeforeInsert()
  protected foldMerchantTradeNo(): void {
    this.merchantTradeNoKey = merchantTradeNoKey(this.merchantTradeNo);
  }

  @Column({ type: 'varchar', length: 16 })
  status: BnplStatus;

  /** `TotalAmount` in whole TWD, at least 3,000; every notification's TradeAmt must equal it. */
  @Column({ name: 'total_amount', type: 'integer' })
  totalAmount: number;

  @Column({ name: 'item_name', type: 'varchar', length: 400 })
  itemName: string;

  /** `PaymentType` as the gateway returned it, e.g. `BNPL_URICH` (裕富). */
  @Column({
    name: 'payment_type',
    type: 'varchar',
    length: 20,
    nullable: true,
  })
  paymentType: string | null;

  /** `BNPLTradeNo`: the instalment provider's application number, String(64). */
  @Column({
    name: 'bnpl_trade_no',
    type: 'varchar',
    length: 64,
    nullable: true,
  })
  bnplTradeNo: string | null;

  /** `BNPLInstallment`: the number of instalments the buyer applied for. */
  @Column({ type: 'integer', nullable: true })
  installments: number | null;

  /** The gateway's `TradeNo` for this order. */
  @Column({ name: 'trade_no', type: 'varchar', length: 20, nullable: true })
  tradeNo: string | null;

  /** `RtnCode` of the result that last moved the order. */
  @Column({ name: 'rtn_code', type: 'varchar', length: 10, nullable: true })
  rtnCode: string | null;

  /** `RtnMsg` of the result that last moved the order. */
  @Column({ name: 'rtn_msg', type: 'varchar', length: 200, nullable: true })
  rtnMsg: string | null;

  /**
   * Paid by a `SimulatePaid=1` result (the gateway's back office; no money moved) that the module's
   * `simulatedPayments` policy let count.
   */
  @Column({ type: 'boolean' })
  simulated: boolean;

  /** When the application result (`RtnCode=2`) was received. */
  @Column({ name: 'applied_at', type: Date, nullable: true })
  appliedAt: Date | null;

  /** `PaymentDate` of the payment result. */
  @Column({ name: 'paid_at', type: Date, nullable: true })
  paidAt: Date | null;

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

  /** Grows with every change; a change is written only over the version it was decided on. */
  @VersionColumn({ type: 'integer' })
  version: number;
}
