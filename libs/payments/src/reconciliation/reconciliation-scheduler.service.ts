import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { errorMessage } from '../errors/error-message.js';
import type { ResolvedPaymentsOptions } from '../interfaces/payments-module-options.interface.js';
import { PAYMENTS_RESOLVED_OPTIONS } from '../payments.constants.js';
import { ReconciliationService } from './reconciliation.service.js';

/** The interval's name in `SchedulerRegistry`. */
export const RECONCILIATION_INTERVAL_NAME = 'twpay-reconciliation';

/**
 * Runs the due-only reconciliation every `reconciliation.intervalMs`, registered with
 * `@nestjs/schedule`'s `SchedulerRegistry` (so the host can list, stop or replace it). Without
 * `ScheduleModule.forRoot()` in the host there is no registry: the schedule stays off, with a warning.
 * One run at a time per process.
 *
 * @internal
 */
@Injectable()
export class ReconciliationScheduler
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(ReconciliationScheduler.name);
  private running: Promise<unknown> | undefined;

  constructor(
    @Inject(PAYMENTS_RESOLVED_OPTIONS)
    private readonly options: ResolvedPaymentsOptions,
    private readonly reconciliation: ReconciliationService,
    @Optional() private readonly registry?: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.options.reconciliation.intervalMs;
    if (interval === 0) return;
    if (!this.registry) {
      this.logger.warn(
        'ScheduleModule.forRoot() is not imported: scheduled reconciliation is off ' +
          '(import it, or set reconciliation: false and run ReconciliationService.reconcile() yourself).',
      );
      return;
    }
    const timer = setInterval(() => void this.runOnce(), interval);
    timer.unref();
    this.registry.addInterval(RECONCILIATION_INTERVAL_NAME, timer);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.registry?.doesExist('interval', RECONCILIATION_INTERVAL_NAME)) {
      this.registry.deleteInterval(RECONCILIATION_INTERVAL_NAME);
    }
    await this.running;
  }

  private runOnce(): Promise<unknown> {
    this.running ??= this.reconciliation
      .reconcile({ dueOnly: true, trigger: 'schedule' })
      .catch((error: unknown) =>
        this.logger.error(
          `Scheduled reconciliation failed: ${errorMessage(error)}`,
        ),
      )
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
