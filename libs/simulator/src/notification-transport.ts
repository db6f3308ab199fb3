import { encodeFormBody } from 'nestjs-twpay/protocol';
import type { NotificationFields } from './notification-builder.js';

/** How much of the merchant's answer is kept for the dashboard. */
const ANSWER_PREVIEW_CHARS = 200;

/**
 * What the merchant's server answered to one notification, or why there was no answer.
 *
 * @publicApi
 */
export type MerchantAnswer =
  | {
      status: number;
      /** The first 200 characters of the body. */
      body: string;
      /** HTTP 200 with a body of exactly `1|OK` (docs/gateway-protocol.md §6.3). */
      acknowledged: boolean;
    }
  | { error: string; acknowledged: false };

/** Sends one server-to-server notification. Replaced by a fake in unit tests. */
export interface NotificationTransport {
  post(url: string, fields: NotificationFields): Promise<MerchantAnswer>;
}

/**
 * Posts notifications as the gateway does: `application/x-www-form-urlencoded`, `Accept: text/html`
 * (docs/gateway-protocol.md section 6), with a timeout. Only HTTP 200 with the body exactly `1|OK` counts as an
 * acknowledgement (docs/gateway-protocol.md §6.3: "plain text, HTTP 200, no HTML/whitespace"), so a Nest handler
 * left at its default 201 is caught here rather than in production.
 */
export class HttpNotificationTransport implements NotificationTransport {
  constructor(private readonly timeoutMs: number) {}

  async post(url: string, fields: NotificationFields): Promise<MerchantAnswer> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'text/html',
        },
        body: encodeFormBody(fields),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const body = await response.text();
      return {
        status: response.status,
        body: body.slice(0, ANSWER_PREVIEW_CHARS),
        acknowledged: response.status === 200 && body === '1|OK',
      };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      const message = error instanceof Error ? error.message : String(error);
      return {
        error: cause ? `${message} (${cause})` : message,
        acknowledged: false,
      };
    }
  }
}
