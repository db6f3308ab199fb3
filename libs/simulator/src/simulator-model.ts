import type { GatewayName } from 'nestjs-twpay/protocol';
import type { PeriodType } from 'nestjs-twpay/protocol';

/**
 * The outcome of one payment step: an authorization, or the final result of a BNPL application.
 */
export interface PaymentResult {
  /** `'1'` when paid or authorized; anything else is a failure. */
  rtnCode: string;
  rtnMsg: string;
  amount: number;
  processedAt: Date;
  /** `SimulatePaid=1`: a back-office simulation, no money moved (docs/gateway-protocol.md section 9). */
  simulatePaid: boolean;
}

/** One credit-card authorization: the first one at checkout, a scheduled one, or a ReAuth. */
export interface Authorization extends PaymentResult {
  /** The period it belongs to: 1 is the checkout authorization, n the n-th scheduled charge. */
  sequence: number;
  kind: 'first' | 'period' | 'reauth';
  /** Every authorization has its own TradeNo (QueryCreditCardPeriodInfo ExecLog, docs/gateway-protocol.md §7.1). */
  tradeNo: string;
  /** The authorization serial, unique per charge, failed ones included (docs/gateway-protocol.md §6.2). */
  gwsr: number;
  /** Six characters when approved (`777777` as on stage), empty when declined. */
  authCode: string;
}

/** The terms of a periodic (定期定額) order, as posted (docs/gateway-protocol.md §5.1). */
export interface PeriodTerms {
  periodType: PeriodType;
  frequency: number;
  execTimes: number;
  periodAmount: number;
  periodReturnUrl: string;
}

/** ExecStatus as QueryCreditCardPeriodInfo reports it: cancelled or stopped, running, finished. */
export type ExecStatus = '0' | '1' | '2';

/** The running state of a periodic agreement after its first authorization. */
export interface Agreement {
  execStatus: ExecStatus;
  /** Why the agreement stopped, for the dashboard. */
  stoppedBecause?:
    'cancelled' | 'six-failures' | 'first-authorization-failed' | 'finished';
  /** The next scheduled charge's period number and due time, while running. */
  nextSequence: number;
  nextDueAt?: Date;
  consecutiveFailures: number;
  /** A ReAuth accepted by CreditCardPeriodAction, performed when the clock next advances. */
  reauthRequestedAt?: Date;
}

/** A card typed on the checkout page, kept as the gateway keeps it: only first six and last four. */
export interface CardOnFile {
  card6no: string;
  card4no: string;
  /** The first instant the card is no longer valid: the start of the month after its expiry month. */
  invalidFrom: Date;
  /** Whether the card is one of the configured declined cards. */
  declined: boolean;
}

/** A BNPL (無卡分期) application (docs/gateway-protocol.md section 8). */
export interface BnplApplication {
  bnplTradeNo: string;
  installment: number;
  appliedAt: Date;
  /** The payment result sent to ReturnURL once approved or rejected. */
  result?: PaymentResult;
}

/**
 * Where an order stands: created and waiting for the buyer, paid (first authorization or BNPL
 * approval), failed (declined or rejected), or BNPL application in progress.
 *
 * @publicApi
 */
export type OrderStatus =
  'awaiting-payment' | 'paid' | 'failed' | 'bnpl-applying';

/** The URLs a merchant gave with the order. */
export interface OrderUrls {
  returnUrl: string;
  orderResultUrl?: string;
  clientBackUrl?: string;
  paymentInfoUrl?: string;
  clientRedirectUrl?: string;
}

/** One order accepted by AioCheckOut, with everything that happened to it since. */
export interface SimulatedOrder {
  /** Opaque id used in the checkout page's URL. */
  id: string;
  gateway: GatewayName;
  merchantId: string;
  merchantTradeNo: string;
  /** The gateway's trade number, assigned when the order is accepted. */
  tradeNo: string;
  tradeDate: Date;
  payment: 'Credit' | 'BNPL';
  totalAmount: number;
  itemName: string;
  storeId: string;
  /** CustomField1..4 as posted (ECPay; empty strings when not posted). */
  customFields: readonly [string, string, string, string];
  needExtraPaidInfo: boolean;
  urls: OrderUrls;
  period?: PeriodTerms;
  status: OrderStatus;
  card?: CardOnFile;
  authorizations: Authorization[];
  agreement?: Agreement;
  bnpl?: BnplApplication;
}
