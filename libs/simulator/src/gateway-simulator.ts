import {
  addTaipeiCalendar,
  GATEWAY_PROFILES,
  periodDueAt,
  type CalendarStep,
  type GatewayFieldList,
  type GatewayName,
  type MacKeys,
} from 'nestjs-twpay/protocol';
import { decideCharge, readCard, type CardInput } from './card-authorizer.js';
import { DeliveryQueue, type Delivery } from './delivery-queue.js';
import { FaultPlan } from './fault-plan.js';
import {
  GATEWAY_ERROR_CODES as CODES,
  gatewayError,
  type GatewayError,
} from './gateway-errors.js';
import {
  bnplApplicationFields,
  orderResultFields,
  paymentResultFields,
  periodResultFields,
  resentPaymentResultFields,
  type NotificationFields,
} from './notification-builder.js';
import { NotificationSigner } from './notification-signer.js';
import {
  HttpNotificationTransport,
  type NotificationTransport,
} from './notification-transport.js';
import { validateCheckoutOrder } from './order-validation.js';
import { SerialLock } from './serial-lock.js';
import type { ResolvedSimulatorOptions } from './simulator-options.js';
import type {
  Authorization,
  PaymentResult,
  SimulatedOrder,
} from './simulator-model.js';
import { SimulatorState } from './simulator-state.js';
import { VirtualClock } from './virtual-clock.js';

/**
 * A browser post the gateway's page makes (OrderResultURL, ClientRedirectURL): where, and the signed
 * fields. One-shot and for UX only (REFERENCE.md 6.5).
 *
 * @publicApi
 */
export interface BrowserPost {
  url: string;
  fields: NotificationFields;
}

/** The result of a payment step started by the buyer or by a test. */
export type PaymentOutcome =
  | { ok: false; error: GatewayError; order?: SimulatedOrder }
  | {
      ok: true;
      order: SimulatedOrder;
      result: PaymentResult;
      /** The notifications this step sent or scheduled. */
      deliveries: Delivery[];
      browserPost?: BrowserPost;
    };

/** One charge made while the clock advanced. */
export interface ChargeRecord {
  order: SimulatedOrder;
  authorization: Authorization;
}

/** What one clock advance did. */
export interface AdvanceOutcome {
  from: Date;
  to: Date;
  authorizations: ChargeRecord[];
  /** The notifications created or attempted during the advance. */
  deliveries: Delivery[];
  /** Attempts with a higher `seq` than this were made during the advance. */
  sinceAttemptSeq: number;
}

/** Something due on the virtual clock. */
interface DueEvent {
  at: Date;
  /** Tie-break at the same instant: ReAuths, then scheduled charges, then notifications. */
  rank: number;
  run: () => Promise<ChargeRecord | void>;
}

/** Consecutive failed charges after which the gateway stops an agreement (ECDOC-2868, REFERENCE.md 5.1). */
const MAX_CONSECUTIVE_FAILURES = 6;

/** The auth code the stage gateway gives every approved charge (vector V7, REFERENCE.md 7.1). */
const STAGE_AUTH_CODE = '777777';

/** BNPL instalment counts offered on the simulated application page (REFERENCE.md 8: unconfirmed). */
export const BNPL_INSTALLMENTS: readonly number[] = [3, 6, 9, 12, 18, 24];

/**
 * The simulated AllPay/ECPay gateway, framework-free: accepts orders, authorizes cards, runs the
 * periodic schedule on the virtual clock, and notifies merchants. The Nest controllers are a thin
 * HTTP shell around it; tests and tools can also drive it directly.
 *
 * @publicApi
 */
export class GatewaySimulator {
  /** The virtual clock; move it with {@link advance}, never directly. */
  readonly clock: VirtualClock;
  /** The faults waiting to be injected (`POST /simulator/faults`). */
  readonly faults = new FaultPlan();
  /** Read-only view for snapshots and lookups; change orders only through this class's methods. */
  readonly state = new SimulatorState();
  /** Read-only view of every notification and its attempts. */
  readonly deliveries: DeliveryQueue;
  private readonly signer: NotificationSigner;
  private readonly lock = new SerialLock();
  private readonly keys: ReadonlyMap<string, MacKeys>;

  constructor(
    readonly options: ResolvedSimulatorOptions,
    transport: NotificationTransport = new HttpNotificationTransport(
      options.notificationTimeoutMs,
    ),
  ) {
    this.clock = new VirtualClock(options.startTime ?? new Date());
    this.keys = new Map(options.merchants.map((m) => [m.merchantId, m]));
    this.signer = new NotificationSigner(
      (id) => this.requireKeys(id),
      this.faults,
    );
    this.deliveries = new DeliveryQueue({
      clock: this.clock,
      faults: this.faults,
      signer: this.signer,
      transport,
      retryIntervalMinutes: options.retryIntervalMinutes,
    });
  }

  /** The keys of a configured merchant. */
  keysOf(merchantId: string): MacKeys | undefined {
    return this.keys.get(merchantId);
  }

  /** Accepts or rejects an AioCheckOut form posted to the gateway's V4 (AllPay) or V5 (ECPay) path. */
  createOrder(
    gateway: GatewayName,
    fields: GatewayFieldList,
  ): { ok: true; order: SimulatedOrder } | { ok: false; error: GatewayError } {
    const validation = validateCheckoutOrder(fields, {
      profile: GATEWAY_PROFILES[gateway],
      keysOf: (id) => this.keysOf(id),
      isMerchantTradeNoUsed: (id, no) => this.state.find(id, no) !== undefined,
    });
    if (!validation.ok) return { ok: false, error: validation.error };
    return {
      ok: true,
      order: this.state.addOrder(validation.order, this.clock.now()),
    };
  }

  /**
   * The buyer pays a card order: the first authorization, its ReturnURL notification (awaited), and
   * the browser post to OrderResultURL when the order asked for one. Card input the simulated bank
   * does not accept comes back as a `CARD_REJECTED` error without touching the order.
   */
  pay(orderId: string, input: CardInput): Promise<PaymentOutcome> {
    return this.lock.run(async () => {
      const order = this.openOrder(orderId, 'awaiting-payment');
      if ('error' in order) return order;
      if (order.payment !== 'Credit') {
        return {
          ok: false,
          error: gatewayError(CODES.UNSUPPORTED, 'This order is paid by BNPL'),
          order,
        };
      }
      const card = readCard(input, this.clock.now(), this.options);
      if (!card.ok) {
        return {
          ok: false,
          error: gatewayError(CODES.CARD_REJECTED, card.message),
          order,
        };
      }
      order.card = card.card;
      const mark = this.deliveries.mark();
      const authorization = this.charge(order, 1, 'first');
      const approved = authorization.rtnCode === '1';
      order.status = approved ? 'paid' : 'failed';
      if (order.period) {
        order.agreement = approved
          ? {
              execStatus: '1',
              nextSequence: 2,
              nextDueAt: this.dueAt(order, 2),
              consecutiveFailures: 0,
            }
          : {
              execStatus: '0',
              stoppedBecause: 'first-authorization-failed',
              nextSequence: 2,
              consecutiveFailures: 1,
            };
      }
      await this.notifyPaymentResult(order, authorization);
      return {
        ok: true,
        order,
        result: authorization,
        deliveries: this.deliveries.touchedSince(mark),
        browserPost: order.urls.orderResultUrl
          ? this.browserPost(
              order,
              order.urls.orderResultUrl,
              orderResultFields(order, authorization),
            )
          : undefined,
      };
    });
  }

  /**
   * The buyer applies for BNPL instalments: the application result (RtnCode=2, 申請中) goes to
   * PaymentInfoURL (awaited, re-sent like ReturnURL) and to ClientRedirectURL in the browser
   * (REFERENCE.md 8). The payment result follows {@link decideBnpl}.
   */
  applyBnpl(orderId: string, installment: number): Promise<PaymentOutcome> {
    return this.lock.run(async () => {
      const order = this.openOrder(orderId, 'awaiting-payment');
      if ('error' in order) return order;
      if (order.payment !== 'BNPL') {
        return {
          ok: false,
          error: gatewayError(CODES.UNSUPPORTED, 'This order is paid by card'),
          order,
        };
      }
      if (!BNPL_INSTALLMENTS.includes(installment)) {
        return {
          ok: false,
          error: gatewayError(
            CODES.MALFORMED_FIELD,
            `Choose ${BNPL_INSTALLMENTS.join(', ')} instalments`,
          ),
          order,
        };
      }
      const now = this.clock.now();
      order.bnpl = {
        bnplTradeNo: this.state.nextBnplTradeNo(now),
        installment,
        appliedAt: now,
      };
      order.status = 'bnpl-applying';
      const mark = this.deliveries.mark();
      const fields = bnplApplicationFields(order);
      if (order.urls.paymentInfoUrl) {
        await this.deliveries.submit({
          ...this.deliveryTarget(order),
          channel: 'PaymentInfoURL',
          url: order.urls.paymentInfoUrl,
          fields,
        });
      }
      return {
        ok: true,
        order,
        result: {
          rtnCode: '2',
          rtnMsg: fields.RtnMsg,
          amount: order.totalAmount,
          processedAt: now,
          simulatePaid: false,
        },
        deliveries: this.deliveries.touchedSince(mark),
        browserPost: order.urls.clientRedirectUrl
          ? this.browserPost(order, order.urls.clientRedirectUrl, fields)
          : undefined,
      };
    });
  }

  /**
   * The BNPL provider's decision on an application: approved sends RtnCode=1 with PaymentType
   * BNPL_URICH to ReturnURL, rejected sends RtnCode 10100058 (REFERENCE.md 8).
   */
  decideBnpl(orderId: string, approve: boolean): Promise<PaymentOutcome> {
    return this.lock.run(async () => {
      const order = this.openOrder(orderId, 'bnpl-applying');
      if ('error' in order) return order;
      const result: PaymentResult = {
        rtnCode: approve ? '1' : '10100058',
        rtnMsg: approve ? '交易成功' : '分期申請未通過',
        amount: order.totalAmount,
        processedAt: this.clock.now(),
        simulatePaid: approve && this.faults.take('simulatePaidNext'),
      };
      order.bnpl!.result = result;
      order.status = approve ? 'paid' : 'failed';
      const mark = this.deliveries.mark();
      await this.notifyPaymentResult(order, result);
      return {
        ok: true,
        order,
        result,
        deliveries: this.deliveries.touchedSince(mark),
      };
    });
  }

  /**
   * Moves the virtual clock forward by `step` and runs, in time order across all orders, everything
   * that falls due: scheduled charges, pending ReAuths, notification re-sends and delayed
   * notifications. Each one is awaited before the next, so the merchant sees them in order.
   */
  advance(step: CalendarStep): Promise<AdvanceOutcome> {
    return this.lock.run(async () => {
      const from = this.clock.now();
      const to = addTaipeiCalendar(from, step);
      const mark = this.deliveries.mark();
      const authorizations: ChargeRecord[] = [];
      for (let event = this.nextEvent(to); event; event = this.nextEvent(to)) {
        if (event.at > this.clock.now()) this.clock.moveTo(event.at);
        const done = await event.run();
        if (done) authorizations.push(done);
      }
      await this.deliveries.releaseHeld();
      this.clock.moveTo(to);
      return {
        from,
        to,
        authorizations,
        deliveries: this.deliveries.touchedSince(mark),
        sinceAttemptSeq: mark.attemptSeq,
      };
    });
  }

  /**
   * CreditCardPeriodAction `Cancel`: stops every future charge, for good (REFERENCE.md 7.2).
   * Synchronous, so a merchant may cancel from inside a notification handler.
   */
  cancelAgreement(order: SimulatedOrder): GatewayError | undefined {
    const error = this.runningAgreementError(order);
    if (error) return error;
    Object.assign(order.agreement!, {
      execStatus: '0',
      stoppedBecause: 'cancelled',
      nextDueAt: undefined,
      reauthRequestedAt: undefined,
    });
    return undefined;
  }

  /**
   * CreditCardPeriodAction `ReAuth`: accepted only for the latest charge, only when it failed, only
   * while the agreement runs (REFERENCE.md 7.2). The gateway's scheduler performs it, so the
   * simulator performs it at the next clock advance (`{ minutes: 0 }` is enough), and its result goes
   * to PeriodReturnURL like any periodic charge.
   */
  requestReAuth(order: SimulatedOrder): GatewayError | undefined {
    const error = this.runningAgreementError(order);
    if (error) return error;
    const agreement = order.agreement!;
    if (order.authorizations.at(-1)!.rtnCode === '1') {
      return gatewayError(
        CODES.ACTION_NOT_ALLOWED,
        'ReAuth Error: the latest charge succeeded; only the latest failed charge can be re-authorized',
      );
    }
    if (agreement.reauthRequestedAt) {
      return gatewayError(
        CODES.ACTION_NOT_ALLOWED,
        'ReAuth Error: a ReAuth is already pending',
      );
    }
    agreement.reauthRequestedAt = this.clock.now();
    return undefined;
  }

  /** Forgets every order, notification and fault, and puts the clock back to its start. */
  reset(): Promise<void> {
    return this.lock.run(async () => {
      this.state.reset();
      this.deliveries.reset();
      this.faults.clear();
      this.clock.reset(this.options.startTime ?? new Date());
    });
  }

  private runningAgreementError(
    order: SimulatedOrder,
  ): GatewayError | undefined {
    if (!order.period) {
      return gatewayError(
        CODES.NOT_PERIODIC,
        'This order is not a periodic (定期定額) order',
      );
    }
    if (!order.agreement) {
      return gatewayError(
        CODES.ACTION_NOT_ALLOWED,
        'The order has not been authorized yet',
      );
    }
    if (order.agreement.execStatus !== '1') {
      const state = order.agreement.execStatus === '2' ? 'finished' : 'stopped';
      return gatewayError(
        CODES.ACTION_NOT_ALLOWED,
        `The periodic order is already ${state}`,
      );
    }
    return undefined;
  }

  private openOrder(
    orderId: string,
    expected: SimulatedOrder['status'],
  ):
    | SimulatedOrder
    | { ok: false; error: GatewayError; order?: SimulatedOrder } {
    const order = this.state.get(orderId);
    if (!order)
      return {
        ok: false,
        error: gatewayError(CODES.ORDER_NOT_FOUND, 'Order not found'),
      };
    if (order.status !== expected) {
      return {
        ok: false,
        error: gatewayError(
          CODES.ORDER_ALREADY_PROCESSED,
          `Order ${order.merchantTradeNo} was already processed (${order.status})`,
        ),
        order,
      };
    }
    return order;
  }

  /** One card charge at the clock's current time, recorded on the order. */
  private charge(
    order: SimulatedOrder,
    sequence: number,
    kind: Authorization['kind'],
  ): Authorization {
    const at = this.clock.now();
    const decision = decideCharge(order.card!, at, this.faults);
    const approved = decision.rtnCode === '1';
    const authorization: Authorization = {
      ...decision,
      sequence,
      kind,
      // The first authorization is the order's TradeNo; each later one gets its own (REFERENCE.md 7.1).
      tradeNo: kind === 'first' ? order.tradeNo : this.state.nextTradeNo(at),
      gwsr: this.state.nextGwsr(),
      amount: order.period?.periodAmount ?? order.totalAmount,
      authCode: approved ? STAGE_AUTH_CODE : '',
      processedAt: at,
      simulatePaid: approved && this.faults.take('simulatePaidNext'),
    };
    order.authorizations.push(authorization);
    return authorization;
  }

  private dueAt(order: SimulatedOrder, sequence: number): Date {
    const { periodType, frequency } = order.period!;
    return periodDueAt(
      order.authorizations[0].processedAt,
      sequence,
      periodType,
      frequency,
    );
  }

  /** The earliest thing due by `limit`: a ReAuth, a scheduled charge or a notification attempt. */
  private nextEvent(limit: Date): DueEvent | undefined {
    const candidates: DueEvent[] = [];
    for (const order of this.state.all()) {
      const agreement = order.agreement;
      if (agreement?.execStatus !== '1') continue;
      if (agreement.reauthRequestedAt) {
        candidates.push({
          at: agreement.reauthRequestedAt,
          rank: 0,
          run: () => this.runCharge(order, 'reauth'),
        });
      }
      if (agreement.nextDueAt) {
        candidates.push({
          at: agreement.nextDueAt,
          rank: 1,
          run: () => this.runCharge(order, 'period'),
        });
      }
    }
    const delivery = this.deliveries.nextDue();
    if (delivery) {
      candidates.push({
        at: delivery.nextAttemptAt!,
        rank: 2,
        run: () => this.deliveries.attempt(delivery),
      });
    }
    return candidates
      .filter((c) => c.at.getTime() <= limit.getTime())
      .sort((a, b) => a.at.getTime() - b.at.getTime() || a.rank - b.rank)[0];
  }

  /** A scheduled charge or a ReAuth, then the agreement's bookkeeping, then PeriodReturnURL. */
  private async runCharge(
    order: SimulatedOrder,
    kind: 'period' | 'reauth',
  ): Promise<ChargeRecord> {
    const agreement = order.agreement!;
    const sequence =
      kind === 'period'
        ? agreement.nextSequence
        : order.authorizations.at(-1)!.sequence;
    if (kind === 'reauth') agreement.reauthRequestedAt = undefined;
    const authorization = this.charge(order, sequence, kind);
    const approved = authorization.rtnCode === '1';
    agreement.consecutiveFailures = approved
      ? 0
      : agreement.consecutiveFailures + 1;
    if (kind === 'period') agreement.nextSequence += 1;
    if (agreement.consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) {
      Object.assign(agreement, {
        execStatus: '0',
        stoppedBecause: 'six-failures',
        nextDueAt: undefined,
      });
    } else if (agreement.nextSequence > order.period!.execTimes) {
      Object.assign(agreement, {
        execStatus: '2',
        stoppedBecause: 'finished',
        nextDueAt: undefined,
      });
    } else {
      agreement.nextDueAt = this.dueAt(order, agreement.nextSequence);
    }
    if (approved || this.options.postFailedPeriods) {
      await this.deliveries.submit({
        ...this.deliveryTarget(order),
        channel: 'PeriodReturnURL',
        url: order.period!.periodReturnUrl,
        fields: periodResultFields(order, authorization),
      });
    }
    return { order, authorization };
  }

  private async notifyPaymentResult(
    order: SimulatedOrder,
    result: PaymentResult,
  ): Promise<void> {
    const fields = paymentResultFields(order, result);
    await this.deliveries.submit({
      ...this.deliveryTarget(order),
      channel: 'ReturnURL',
      url: order.urls.returnUrl,
      fields,
      resendFields: resentPaymentResultFields(fields),
    });
  }

  private deliveryTarget(order: SimulatedOrder) {
    return {
      merchantId: order.merchantId,
      merchantTradeNo: order.merchantTradeNo,
      orderId: order.id,
    };
  }

  private browserPost(
    order: SimulatedOrder,
    url: string,
    fields: NotificationFields,
  ): BrowserPost {
    return { url, fields: this.signer.sign(order.merchantId, fields).fields };
  }

  private requireKeys(merchantId: string): MacKeys {
    const keys = this.keysOf(merchantId);
    if (!keys) throw new Error(`Merchant ${merchantId} is not configured`);
    return keys;
  }
}
