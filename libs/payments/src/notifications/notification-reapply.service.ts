import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource, In, LessThan } from 'typeorm';
import { errorMessage } from '../errors/error-message.js';
import type { ResolvedPaymentsOptions } from '../interfaces/payments-module-options.interface.js';
import {
  PAYMENTS_DATA_SOURCE,
  PAYMENTS_RESOLVED_OPTIONS,
} from '../payments.constants.js';
import { GatewayNotificationEntity } from './gateway-notification.entity.js';
import { NotificationProcessor } from './notification-processor.service.js';

/** A `received` row older than this was abandoned mid-way (the process died) and is picked up again. */
const ABANDONED_AFTER_MS = 60_000;

/**
 * Re-applies notifications that were stored but not applied: `failed` ones, and `received` ones whose
 * process died before settling them. PeriodReturnURL posts are sent once (REFERENCE.md 6.3), so this
 * is what makes `1|OK` mean "never lost". Safe on several replicas: applying is idempotent.
 *
 * @publicApi
 */
@Injectable()
export class NotificationReapplyService
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(NotificationReapplyService.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    @Inject(PAYMENTS_RESOLVED_OPTIONS)
    private readonly options: ResolvedPaymentsOptions,
    @Inject(PAYMENTS_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly processor: NotificationProcessor,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.options.reapplyIntervalMs;
    if (interval > 0) {
      this.timer = setInterval(
        () => void this.reapplyPending().catch(() => undefined),
        interval,
      );
      this.timer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /**
   * Re-applies every pending notification once, oldest first, and returns how many were processed.
   * Runs one pass at a time per process.
   */
  reapplyPending(limit = 100): Promise<number> {
    this.running ??= this.reapplyBatch(limit).finally(
      () => (this.running = undefined),
    );
    return this.running;
  }

  private async reapplyBatch(limit: number): Promise<number> {
    const repository = this.dataSource.getRepository(GatewayNotificationEntity);
    const due = await repository.find({
      where: [
        {
          outcome: 'failed',
          attempts: LessThan(this.options.maxApplyAttempts),
        },
        {
          outcome: In(['received']),
          receivedAt: LessThan(new Date(Date.now() - ABANDONED_AFTER_MS)),
        },
      ],
      order: { receivedAt: 'ASC' },
      take: limit,
    });
    for (const notification of due) {
      try {
        const result = await this.processor.process(notification);
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
