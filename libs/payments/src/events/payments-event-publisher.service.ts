import { Injectable, Logger, Optional } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { PendingEvent } from '../domain/apply-result.js';
import { errorMessage } from '../errors/error-message.js';

/**
 * Emits the module's events once their transaction has committed. A listener that throws is logged
 * and does not undo or repeat the committed change.
 *
 * @internal
 */
@Injectable()
export class PaymentsEventPublisher {
  private readonly logger = new Logger(PaymentsEventPublisher.name);
  private warned = false;

  constructor(@Optional() private readonly emitter?: EventEmitter2) {}

  publish(events: readonly PendingEvent[]): void {
    if (events.length === 0) return;
    if (!this.emitter) {
      if (!this.warned) {
        this.logger.warn(
          'EventEmitterModule.forRoot() is not imported: payment events are not delivered.',
        );
        this.warned = true;
      }
      return;
    }
    for (const event of events) {
      try {
        this.emitter.emit(event.name, event.payload);
      } catch (error) {
        this.logger.error(
          `A listener of ${event.name} threw: ${errorMessage(error)}`,
        );
      }
    }
  }
}
