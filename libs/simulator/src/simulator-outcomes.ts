import type { Delivery } from './delivery-queue.js';
import type { GatewayError } from './gateway-errors.js';
import type { NotificationFields } from './notification-builder.js';
import type {
  Authorization,
  PaymentResult,
  SimulatedOrder,
} from './simulator-model.js';

/**
 * A browser post the gateway's page makes (OrderResultURL, ClientRedirectURL): where, and the signed
 * fields. One-shot and for UX only (docs/gateway-protocol.md §6.5).
 *
 * @publicApi
 */
export interface BrowserPost {
  url: string;
  fields: NotificationFields;
}

/** A step refused: the gateway's error, and the order when one was found. */
export interface RefusedStep {
  ok: false;
  error: GatewayError;
  order?: SimulatedOrder;
}

/** The result of a payment step started by the buyer or by a test. */
export type PaymentOutcome =
  | RefusedStep
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
