import { formatTaipeiDateTime, type GatewayName } from 'nestjs-twpay/protocol';
import type {
  Delivery,
  DeliveryChannel,
  DeliveryStatus,
} from './delivery-queue.js';
import type { FaultSettings } from './fault-plan.js';
import type { GatewaySimulator } from './gateway-simulator.js';
import type { AdvanceOutcome } from './simulator-outcomes.js';
import type { MerchantAnswer } from './notification-transport.js';
import { successesThrough } from './notification-builder.js';
import type { PeriodType } from 'nestjs-twpay/protocol';
import type {
  Authorization,
  ExecStatus,
  OrderStatus,
  SimulatedOrder,
} from './simulator-model.js';

// Every time below is Taipei wall-clock time in the gateways' `yyyy/MM/dd HH:mm:ss` format, so a
// snapshot compares directly with the notifications' own dates.

/**
 * One authorization, as `GET /simulator/api/state` shows it.
 *
 * @publicApi
 */
export interface AuthorizationSnapshot {
  sequence: number;
  kind: 'first' | 'period' | 'reauth';
  tradeNo: string;
  gwsr: number;
  amount: number;
  rtnCode: string;
  rtnMsg: string;
  authCode: string;
  processDate: string;
  simulatePaid: boolean;
}

/**
 * One order (and its periodic agreement), as `GET /simulator/api/state` shows it.
 *
 * @publicApi
 */
export interface OrderSnapshot {
  id: string;
  gateway: GatewayName;
  merchantId: string;
  merchantTradeNo: string;
  tradeNo: string;
  tradeDate: string;
  payment: 'Credit' | 'BNPL';
  status: OrderStatus;
  totalAmount: number;
  itemName: string;
  /** The checkout page's path, relative to where the simulator is mounted. */
  checkoutPath: string;
  card?: { card6no: string; card4no: string };
  period?: {
    periodType: PeriodType;
    frequency: number;
    execTimes: number;
    periodAmount: number;
    periodReturnUrl: string;
    /** Absent before the first authorization. */
    execStatus?: ExecStatus;
    stoppedBecause?: string;
    nextDueAt?: string;
    reauthPending: boolean;
    consecutiveFailures: number;
    totalSuccessTimes: number;
    totalSuccessAmount: number;
  };
  bnpl?: {
    bnplTradeNo: string;
    installment: number;
    appliedAt: string;
    result?: { rtnCode: string; rtnMsg: string; paymentDate: string };
  };
  authorizations: AuthorizationSnapshot[];
}

/**
 * One send of a notification and the merchant's answer.
 *
 * @publicApi
 */
export interface DeliveryAttemptSnapshot {
  /** Global order of attempts across all deliveries. */
  seq: number;
  /** 1 = first send; 2-5 = re-sends. A duplicate repeats the number. */
  number: number;
  at: string;
  rtnMsg?: string;
  /** The fields as sent, CheckMacValue included. */
  fields: Record<string, string>;
  dropped: boolean;
  duplicate: boolean;
  macCorrupted: boolean;
  answer?: MerchantAnswer;
}

/**
 * One server-to-server notification with all its attempts.
 *
 * @publicApi
 */
export interface DeliverySnapshot {
  id: number;
  channel: DeliveryChannel;
  url: string;
  merchantId: string;
  merchantTradeNo: string;
  status: DeliveryStatus;
  maxAttempts: number;
  nextAttemptAt?: string;
  attempts: DeliveryAttemptSnapshot[];
}

/**
 * Everything the simulator holds: `GET /simulator/api/state`.
 *
 * @publicApi
 */
export interface SimulatorSnapshot {
  clock: ClockSnapshot;
  merchants: string[];
  faults: FaultSettings;
  orders: OrderSnapshot[];
  deliveries: DeliverySnapshot[];
}

/**
 * The virtual clock: `GET /simulator/clock`.
 *
 * @publicApi
 */
export interface ClockSnapshot {
  /** ISO 8601, UTC. */
  now: string;
  /** The same instant in Taipei, `yyyy/MM/dd HH:mm:ss`. */
  taipei: string;
}

/**
 * What `POST /simulator/clock/advance` did: the clock before and after, each charge made, and each
 * notification created or attempted (with only the attempts made during this advance).
 *
 * @publicApi
 */
export interface AdvanceSnapshot {
  from: ClockSnapshot;
  clock: ClockSnapshot;
  authorizations: (AuthorizationSnapshot & {
    merchantId: string;
    merchantTradeNo: string;
  })[];
  deliveries: DeliverySnapshot[];
}

export function clockSnapshot(instant: Date): ClockSnapshot {
  return { now: instant.toISOString(), taipei: formatTaipeiDateTime(instant) };
}

export function simulatorSnapshot(
  simulator: GatewaySimulator,
): SimulatorSnapshot {
  return {
    clock: clockSnapshot(simulator.clock.now()),
    merchants: simulator.options.merchants.map((m) => m.merchantId),
    faults: simulator.faults.current(),
    orders: simulator.state.all().map(orderSnapshot),
    deliveries: simulator.deliveries.all().map((d) => deliverySnapshot(d)),
  };
}

export function advanceSnapshot(outcome: AdvanceOutcome): AdvanceSnapshot {
  return {
    from: clockSnapshot(outcome.from),
    clock: clockSnapshot(outcome.to),
    authorizations: outcome.authorizations.map(({ order, authorization }) => ({
      merchantId: order.merchantId,
      merchantTradeNo: order.merchantTradeNo,
      ...authorizationSnapshot(authorization),
    })),
    deliveries: outcome.deliveries.map((d) =>
      deliverySnapshot(d, outcome.sinceAttemptSeq),
    ),
  };
}

function orderSnapshot(order: SimulatedOrder): OrderSnapshot {
  const agreement = order.agreement;
  const totals = successesThrough(order);
  return {
    id: order.id,
    gateway: order.gateway,
    merchantId: order.merchantId,
    merchantTradeNo: order.merchantTradeNo,
    tradeNo: order.tradeNo,
    tradeDate: formatTaipeiDateTime(order.tradeDate),
    payment: order.payment,
    status: order.status,
    totalAmount: order.totalAmount,
    itemName: order.itemName,
    checkoutPath: `/simulator/checkout/${order.id}`,
    card: order.card && {
      card6no: order.card.card6no,
      card4no: order.card.card4no,
    },
    period: order.period && {
      ...order.period,
      execStatus: agreement?.execStatus,
      stoppedBecause: agreement?.stoppedBecause,
      nextDueAt:
        agreement?.nextDueAt && formatTaipeiDateTime(agreement.nextDueAt),
      reauthPending: agreement?.reauthRequestedAt !== undefined,
      consecutiveFailures: agreement?.consecutiveFailures ?? 0,
      totalSuccessTimes: totals.times,
      totalSuccessAmount: totals.amount,
    },
    bnpl: order.bnpl && {
      bnplTradeNo: order.bnpl.bnplTradeNo,
      installment: order.bnpl.installment,
      appliedAt: formatTaipeiDateTime(order.bnpl.appliedAt),
      result: order.bnpl.result && {
        rtnCode: order.bnpl.result.rtnCode,
        rtnMsg: order.bnpl.result.rtnMsg,
        paymentDate: formatTaipeiDateTime(order.bnpl.result.processedAt),
      },
    },
    authorizations: order.authorizations.map(authorizationSnapshot),
  };
}

/** A delivery; with `sinceAttemptSeq`, only the attempts made after that point. */
export function deliverySnapshot(
  delivery: Delivery,
  sinceAttemptSeq = 0,
): DeliverySnapshot {
  return {
    id: delivery.id,
    channel: delivery.channel,
    url: delivery.url,
    merchantId: delivery.merchantId,
    merchantTradeNo: delivery.merchantTradeNo,
    status: delivery.status,
    maxAttempts: delivery.maxAttempts,
    nextAttemptAt:
      delivery.nextAttemptAt && formatTaipeiDateTime(delivery.nextAttemptAt),
    attempts: delivery.attempts
      .filter((a) => a.seq > sinceAttemptSeq)
      .map((a) => ({
        seq: a.seq,
        number: a.number,
        at: formatTaipeiDateTime(a.at),
        rtnMsg: a.fields.RtnMsg,
        fields: a.fields,
        dropped: a.dropped,
        duplicate: a.duplicate,
        macCorrupted: a.macCorrupted,
        answer: a.answer,
      })),
  };
}

function authorizationSnapshot(a: Authorization): AuthorizationSnapshot {
  return {
    sequence: a.sequence,
    kind: a.kind,
    tradeNo: a.tradeNo,
    gwsr: a.gwsr,
    amount: a.amount,
    rtnCode: a.rtnCode,
    rtnMsg: a.rtnMsg,
    authCode: a.authCode,
    processDate: formatTaipeiDateTime(a.processedAt),
    simulatePaid: a.simulatePaid,
  };
}
