import {
  addTaipeiCalendar,
  GATEWAY_PROFILES,
  type CalendarStep,
  type GatewayFieldList,
  type GatewayName,
  type MacKeys,
} from 'nestjs-twpay/protocol';
import { cancelAgreement, requestReAuth } from './agreement-actions.js';
import { applyForBnpl, decideBnplApplication } from './bnpl-provider.js';
import type { CardInput } from './card-authorizer.js';
import { payByCard } from './card-payment.js';
import { DeliveryQueue } from './delivery-queue.js';
import { FaultPlan } from './fault-plan.js';
import type { GatewayError } from './gateway-errors.js';
import { NotificationSigner } from './notification-signer.js';
import {
  HttpNotificationTransport,
  type NotificationTransport,
} from './notification-transport.js';
import { validateCheckoutOrder } from './order-validation.js';
import { runDueEvents } from './period-scheduler.js';
import { SerialLock } from './serial-lock.js';
import type { SimulatorContext } from './simulator-context.js';
import type { ResolvedSimulatorOptions } from './simulator-options.js';
import type { SimulatedOrder } from './simulator-model.js';
import type { AdvanceOutcome, PaymentOutcome } from './simulator-outcomes.js';
import { SimulatorState } from './simulator-state.js';
import { VirtualClock } from './virtual-clock.js';

/**
 * The simulated AllPay/ECPay gateway, framework-free: accepts orders (order intake), authorizes cards
 * (card payment), plays the BNPL provider, runs the periodic schedule on the virtual clock (scheduler),
 * answers agreement actions, and notifies merchants. This class owns the shared state and runs every
 * step under one lock; each step lives in its own file. The Nest controllers are a thin HTTP shell
 * around it; tests and tools can also drive it directly.
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
  private readonly context: SimulatorContext;
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
    const signer = new NotificationSigner(
      (id) => this.requireKeys(id),
      this.faults,
    );
    this.deliveries = new DeliveryQueue({
      clock: this.clock,
      faults: this.faults,
      signer,
      transport,
      retryIntervalMinutes: options.retryIntervalMinutes,
    });
    this.context = {
      options,
      clock: this.clock,
      faults: this.faults,
      state: this.state,
      deliveries: this.deliveries,
      signer,
    };
  }

  /** The keys of a configured merchant. */
  keysOf(merchantId: string): MacKeys | undefined {
    return this.keys.get(merchantId);
  }

  /** Order intake: accepts or rejects an AioCheckOut form posted to V4 (AllPay) or V5 (ECPay). */
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

  /** The buyer pays a card order (see {@link payByCard}). */
  pay(orderId: string, input: CardInput): Promise<PaymentOutcome> {
    return this.lock.run(() => payByCard(this.context, orderId, input));
  }

  /** The buyer applies for BNPL instalments (see {@link applyForBnpl}). */
  applyBnpl(orderId: string, installment: number): Promise<PaymentOutcome> {
    return this.lock.run(() =>
      applyForBnpl(this.context, orderId, installment),
    );
  }

  /** The BNPL provider approves or rejects an application (see {@link decideBnplApplication}). */
  decideBnpl(orderId: string, approve: boolean): Promise<PaymentOutcome> {
    return this.lock.run(() =>
      decideBnplApplication(this.context, orderId, approve),
    );
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
      const authorizations = await runDueEvents(this.context, to);
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

  /** CreditCardPeriodAction `Cancel` (see {@link cancelAgreement}); synchronous. */
  cancelAgreement(order: SimulatedOrder): GatewayError | undefined {
    return cancelAgreement(order);
  }

  /** CreditCardPeriodAction `ReAuth` (see {@link requestReAuth}); synchronous. */
  requestReAuth(order: SimulatedOrder): GatewayError | undefined {
    return requestReAuth(this.context, order);
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

  private requireKeys(merchantId: string): MacKeys {
    const keys = this.keysOf(merchantId);
    if (!keys) throw new Error(`Merchant ${merchantId} is not configured`);
    return keys;
  }
}
