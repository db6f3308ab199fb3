import type { GatewayName } from 'nestjs-twpay/protocol';
import type { CardInput } from '../card-authorizer.js';
import type { BrowserPost } from '../simulator-outcomes.js';
import type { GatewayError } from '../gateway-errors.js';
import { SimulatorRequestError } from '../simulator-request-error.js';
import type { DeliverySnapshot } from '../simulator-snapshot.js';

/**
 * The body of `POST /simulator/api/checkout`: the same signed form a browser would post to
 * AioCheckOut, as JSON, and optionally what the buyer does next.
 *
 * @publicApi
 */
export interface JsonCheckoutRequest {
  /**
   * Which gateway: `'V4'` (AllPay), `'V5'` (ECPay), or the form's action URL or path, which ends in
   * one of those.
   * @default 'V5'
   */
  action?: string;
  /** Every field exactly as it would be posted, CheckMacValue included. Values must be strings. */
  fields: Record<string, string>;
  /** Pay a card order with this card right away. */
  card?: CardInput;
  /** Apply for BNPL instalments right away. */
  bnpl?: { installment: number };
}

/**
 * What `POST /simulator/api/checkout` and the BNPL decision routes answer.
 *
 * @publicApi
 */
export interface JsonCheckoutResult {
  /** False when the gateway refused the order or the payment step. */
  ok: boolean;
  error?: GatewayError;
  /** The order's id and its checkout page, once the order was accepted. */
  checkoutId?: string;
  checkoutPath?: string;
  merchantTradeNo?: string;
  tradeNo?: string;
  /** The payment step's result: 1 paid, 2 BNPL applying, other codes failed. */
  rtnCode?: string;
  rtnMsg?: string;
  /** The server notifications this call sent or scheduled, with the merchant's answers. */
  deliveries: DeliverySnapshot[];
  /** The browser post the gateway page would make (OrderResultURL or ClientRedirectURL), signed. */
  browserPost?: BrowserPost;
}

/** A checked {@link JsonCheckoutRequest}. */
export interface ParsedJsonCheckout {
  gateway: GatewayName;
  fields: [string, string][];
  card?: CardInput;
  installment?: number;
}

/** Checks the request's shape; the gateway rules are checked afterwards, as for a browser post. */
export function parseJsonCheckout(body: unknown): ParsedJsonCheckout {
  if (body === null || typeof body !== 'object') {
    throw new SimulatorRequestError(
      'the body must be JSON: { action?, fields, card?, bnpl? }',
    );
  }
  const {
    action = 'V5',
    fields,
    card,
    bnpl,
  } = body as Partial<JsonCheckoutRequest>;
  const version = /(?:^|\/)(V4|V5)$/.exec(String(action))?.[1];
  if (!version) {
    throw new SimulatorRequestError(
      'action must be V4, V5, or an AioCheckOut URL ending in one',
    );
  }
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
    throw new SimulatorRequestError(
      'fields must be an object of the form fields, as strings',
    );
  }
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value !== 'string') {
      throw new SimulatorRequestError(
        `fields.${name} must be a string: the exact value the form would post and sign`,
      );
    }
  }
  if (card !== undefined && (card === null || typeof card !== 'object')) {
    throw new SimulatorRequestError('card must be { number, expiry, cvv }');
  }
  if (bnpl !== undefined && !Number.isInteger(bnpl?.installment)) {
    throw new SimulatorRequestError('bnpl must be { installment: number }');
  }
  return {
    gateway: version === 'V4' ? 'allpay' : 'ecpay',
    fields: Object.entries(fields),
    card,
    installment: bnpl?.installment,
  };
}
