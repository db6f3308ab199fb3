import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';

/** Prefix of every event name the payments module emits (`PAYMENTS_EVENTS`). */
const PAYMENTS_EVENT_PREFIX = 'twpay.';

/**
 * Writes every payments event the shop receives to the log at debug level, one line each:
 * `<event name> <payload as JSON>`. It shows an operator what the module decided, and it is how the
 * reliability suite (`test/reliability`) counts events across app processes without a hook in the
 * library. Payloads carry identifiers and amounts, never the merchant's keys.
 */
@Injectable()
export class PaymentsEventLog implements OnModuleInit {
  private readonly logger = new Logger('PaymentsEvents');

  constructor(private readonly events: EventEmitter2) {}

  onModuleInit(): void {
    this.events.onAny((name: string | string[], payload: unknown) => {
      const event = Array.isArray(name) ? name.join('.') : String(name);
      if (!event.startsWith(PAYMENTS_EVENT_PREFIX)) return;
      // Below LOG_LEVEL=debug the payload is not even serialised.
      if (!Logger.isLevelEnabled('debug')) return;
      this.logger.debug(`${event} ${JSON.stringify(payload)}`);
    });
  }
}
