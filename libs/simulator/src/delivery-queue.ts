import type { FaultPlan } from './fault-plan.js';
import type { NotificationFields } from './notification-builder.js';
import type { NotificationSigner } from './notification-signer.js';
import type {
  MerchantAnswer,
  NotificationTransport,
} from './notification-transport.js';
import type { VirtualClock } from './virtual-clock.js';

/**
 * The merchant URL a server-to-server notification goes to.
 *
 * @publicApi
 */
export type DeliveryChannel =
  'ReturnURL' | 'PeriodReturnURL' | 'PaymentInfoURL';

/**
 * Where a notification stands: waiting for its next attempt, held back by the reorder fault,
 * acknowledged with `1|OK`, or given up on without an acknowledgement.
 *
 * @publicApi
 */
export type DeliveryStatus =
  'scheduled' | 'held' | 'acknowledged' | 'unacknowledged';

/** One send of a notification (or its duplicate, or a send the drop fault swallowed). */
export interface DeliveryAttempt {
  /** Global order of attempts, across all deliveries. */
  seq: number;
  /** 1 for the first send, 2-5 for the re-sends. A duplicate repeats its attempt's number. */
  number: number;
  at: Date;
  /** The fields exactly as sent, CheckMacValue included. */
  fields: NotificationFields;
  macCorrupted: boolean;
  dropped: boolean;
  duplicate: boolean;
  /** Absent while the post is in flight and for a dropped attempt. */
  answer?: MerchantAnswer;
}

/** One notification to one URL, with every attempt made to deliver it. */
export interface Delivery {
  id: number;
  channel: DeliveryChannel;
  url: string;
  merchantId: string;
  merchantTradeNo: string;
  orderId: string;
  /** Unsigned fields of the first send, and of the re-sends. */
  fields: NotificationFields;
  resendFields: NotificationFields;
  maxAttempts: number;
  status: DeliveryStatus;
  nextAttemptAt?: Date;
  attempts: DeliveryAttempt[];
}

/** What to deliver. */
export type DeliveryRequest = Pick<
  Delivery,
  'channel' | 'url' | 'merchantId' | 'merchantTradeNo' | 'orderId' | 'fields'
> & { resendFields?: NotificationFields };

/** A point in the queue's history, to find what a later operation touched. */
export interface DeliveryMark {
  attemptSeq: number;
  deliveryId: number;
}

/**
 * ReturnURL and PaymentInfoURL are re-sent up to 4 times until acknowledged (docs/gateway-protocol.md §6.3, a 2024
 * hands-on report); a PeriodReturnURL post is sent once and never re-sent, so a lost one can only be
 * recovered by reconciliation with QueryCreditCardPeriodInfo.
 */
const MAX_ATTEMPTS: Readonly<Record<DeliveryChannel, number>> = {
  ReturnURL: 5,
  PaymentInfoURL: 5,
  PeriodReturnURL: 1,
};

const MINUTE_MS = 60 * 1000;

/**
 * The gateway's outbox: sends each notification, records the merchant's answers, schedules re-sends
 * on the virtual clock, and applies the notification faults (drop, duplicate, delay, reorder; the
 * signer applies MAC corruption).
 */
export class DeliveryQueue {
  private deliveries: Delivery[] = [];
  private held: Delivery[] = [];
  private attemptSeq = 0;
  private nextId = 1;

  constructor(
    private readonly deps: {
      clock: VirtualClock;
      faults: FaultPlan;
      signer: NotificationSigner;
      transport: NotificationTransport;
      retryIntervalMinutes: number;
    },
  ) {}

  all(): readonly Delivery[] {
    return this.deliveries;
  }

  mark(): DeliveryMark {
    return { attemptSeq: this.attemptSeq, deliveryId: this.nextId };
  }

  /** The deliveries created or attempted since `mark`, oldest first. */
  touchedSince(mark: DeliveryMark): Delivery[] {
    return this.deliveries.filter(
      (d) =>
        d.id >= mark.deliveryId ||
        d.attempts.some((a) => a.seq > mark.attemptSeq),
    );
  }

  /**
   * Creates a notification and sends it now, unless a fault holds it back (reorder) or delays it;
   * the first send is awaited, so the caller's HTTP answer comes after the merchant's.
   */
  async submit(request: DeliveryRequest): Promise<Delivery> {
    const delivery: Delivery = {
      ...request,
      id: this.nextId++,
      resendFields: request.resendFields ?? request.fields,
      maxAttempts: MAX_ATTEMPTS[request.channel],
      status: 'scheduled',
      attempts: [],
    };
    this.deliveries.push(delivery);
    if (delivery.channel === 'PeriodReturnURL') {
      const reorder = this.deps.faults.takeReorder();
      if (reorder.hold) {
        delivery.status = 'held';
        this.held.push(delivery);
        if (reorder.batchComplete) await this.releaseHeld();
        return delivery;
      }
    }
    const delayMinutes = this.deps.faults.takeDelay();
    if (delayMinutes !== undefined) {
      delivery.nextAttemptAt = new Date(
        this.deps.clock.now().getTime() + delayMinutes * MINUTE_MS,
      );
      return delivery;
    }
    await this.attempt(delivery);
    return delivery;
  }

  /** The scheduled delivery whose next attempt comes first. */
  nextDue(): Delivery | undefined {
    let next: Delivery | undefined;
    for (const d of this.deliveries) {
      if (d.status !== 'scheduled' || !d.nextAttemptAt) continue;
      if (!next || d.nextAttemptAt < next.nextAttemptAt!) next = d;
    }
    return next;
  }

  /** Makes the delivery's next attempt at the clock's current time. */
  async attempt(delivery: Delivery): Promise<void> {
    const { clock, faults, signer, transport, retryIntervalMinutes } =
      this.deps;
    const number = delivery.attempts.filter((a) => !a.duplicate).length + 1;
    const at = clock.now();
    delivery.nextAttemptAt = undefined;
    const signed = signer.sign(
      delivery.merchantId,
      number === 1 ? delivery.fields : delivery.resendFields,
    );
    const record = (duplicate: boolean, dropped: boolean): DeliveryAttempt => {
      const attempt: DeliveryAttempt = {
        seq: ++this.attemptSeq,
        number,
        at,
        fields: signed.fields,
        macCorrupted: signed.macCorrupted,
        dropped,
        duplicate,
      };
      delivery.attempts.push(attempt);
      return attempt;
    };
    if (faults.take('dropNextNotifications')) {
      record(false, true);
    } else {
      const first = record(false, false);
      first.answer = await transport.post(delivery.url, signed.fields);
      if (faults.take('duplicateNextNotifications')) {
        const copy = record(true, false);
        copy.answer = await transport.post(delivery.url, signed.fields);
      }
    }
    const acknowledged = delivery.attempts.some(
      (a) => a.number === number && a.answer?.acknowledged,
    );
    if (acknowledged) {
      delivery.status = 'acknowledged';
    } else if (number < delivery.maxAttempts) {
      delivery.status = 'scheduled';
      delivery.nextAttemptAt = new Date(
        at.getTime() + retryIntervalMinutes * MINUTE_MS,
      );
    } else {
      delivery.status = 'unacknowledged';
    }
  }

  /** Sends the posts held by the reorder fault, newest first. */
  async releaseHeld(): Promise<void> {
    const batch = this.held.reverse();
    this.held = [];
    for (const delivery of batch) await this.attempt(delivery);
  }

  reset(): void {
    this.deliveries = [];
    this.held = [];
  }
}
