import { Column, Entity, Index } from 'typeorm';
import { GatewayOrderEntity } from '../../checkout/gateway-order.entity.js';
import { COLUMN_LENGTHS } from '../../domain/column-lengths.js';
import type { BnplStatus } from '../../domain/bnpl-status.js';

/**
 * One ECPay BNPL order (無卡分期, `ChoosePayment=BNPL`): one MerchantTradeNo at the gateway, the buyer's
 * application with the instalment provider, and the final payment result (docs/gateway-protocol.md section 8).
 *
 * The columns every order shares are {@link GatewayOrderEntity}'s.
 *
 * @publicApi
 */
@Entity({ name: 'twpay_bnpl_application' })
@Index('UQ_twpay_bnpl_application_merchant_trade_no', ['merchantTradeNo'], {
  unique: true,
})
@Index(
  'UQ_twpay_bnpl_application_merchant_trade_no_key',
  ['merchantTradeNoKey'],
  {
    unique: true,
  },
)
@Index('IDX_twpay_bnpl_application_customer', ['customerId'])
@Index('IDX_twpay_bnpl_application_status', ['status'])
export class BnplOrderEntity extends GatewayOrderEntity {
  @Column({ type: 'varchar', length: 16 })
  status: BnplStatus;

  /** `TotalAmount` in whole TWD, at least 3,000; every notification's TradeAmt must equal it. */
  @Column({ name: 'total_amount', type: 'integer' })
  totalAmount: number;

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
  @Column({
    name: 'trade_no',
    type: 'varchar',
    length: COLUMN_LENGTHS.tradeNo,
    nullable: true,
  })
  tradeNo: string | null;

  /** `RtnCode` of the result that last moved the order. */
  @Column({
    name: 'rtn_code',
    type: 'varchar',
    length: COLUMN_LENGTHS.rtnCode,
    nullable: true,
  })
  rtnCode: string | null;

  /** `RtnMsg` of the result that last moved the order. */
  @Column({
    name: 'rtn_msg',
    type: 'varchar',
    length: COLUMN_LENGTHS.rtnMsg,
    nullable: true,
  })
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
}
