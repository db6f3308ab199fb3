import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { errorMessage } from '../errors/error-message.js';
import type { ResolvedPaymentsOptions } from '../interfaces/payments-module-options.interface.js';
import { PAYMENTS_RESOLVED_OPTIONS } from '../payments.constants.js';
import { RecurringPass } from '../recurring-pass.js';
import { NotificationInboxService } from './notification-inbox.service.js';
import { NotificationProcessor } from './notification-processor.service.js';

/**
 * Re-applies notifications that were stored but not applied: `failed` ones, and `received` ones whose
 * process died before settling them. PeriodReturnURL posts are sent once (docs/gateway-protocol.md §6.3), so this
 * is what makes `1|OK` mean "never lost". Replicas share the work: each claims the rows it re-applies
 * for `claimLeaseMs`, and applying is idempotent besides.
 *
 * @publicApi
 */
@Injectable()
export class NotificationReapplyService
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(NotificationReapplyService.name);
  private readonly passes = new RecurringPass((limit) =>
    this.reapplyBatch(limit),
  );

  constructor(
    @Inject(PAYMENTS_RESOLVED_OPTIONS)
    private readonly options: ResolvedPaymentsOptions,
    private readonly inbox: NotificationInboxService,
    private readonly processor: NotificationProcessor,
  ) {}

  onApplicationBootstrap(): void {
    this.passes.start(this.options.reapplyIntervalMs, (error) =>
      this.logger.error(
        `Re-applying notifications failed: ${errorMessage(error)}`,
      ),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.passes.stop();
  }

  /**
   * Re-applies every pending notification once, oldest first, and returns how many were processed.
   * Runs one pass at a time per process.
   */
  reapplyPending(limit = 100): Promise<number> {
    return this.passes.run(limit);
  }

  private async reapplyBatch(limit: number): Promise<number> {
    const due = await this.inbox.claimDue(limit);
    for (const notification of due) {
      try {
        const result = await this.processor.reapply(notification);
        this.logger.log(
          `Re-applied notification ${notification.id}: ${result.outcome}`,
        );
      } catch (error) {
        this.logger.error(
          `Re-applying notification ${notification.id} failed: ${errorMessage(error)}`,
        );
      }
    }
    return due.length;
  }
}
