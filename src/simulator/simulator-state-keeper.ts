import {
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { SimulatorStateFile } from 'nestjs-twpay/simulator';

/** How often the mounted simulator's state is written (and at shutdown). */
const SAVE_INTERVAL_MS = 2_000;

/**
 * Keeps the shop's mounted simulator true across restarts: its agreements are read back from
 * `./data` at boot and written every two seconds and at shutdown, so existing subscriptions go on
 * billing after `npm start` again, as they would at the real gateway.
 */
export class SimulatorStateKeeper
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('Simulator');
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly file: SimulatorStateFile) {}

  onApplicationBootstrap(): void {
    try {
      if (this.file.restore()) {
        this.logger.log(`Agreements restored from ${this.file.path}`);
      }
    } catch (error) {
      // Say it plainly: the subscriptions in the shop's database no longer exist at the gateway.
      this.logger.warn(
        `The simulator was reset: ${this.file.path} could not be read (${(error as Error).message}). ` +
          'Subscriptions made before this start are unknown to it; reconciliation reports them.',
      );
    }
    this.timer = setInterval(() => this.file.save(), SAVE_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.file.save();
  }
}
