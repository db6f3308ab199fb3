/**
 * A job that works in passes over due rows (re-applying notifications, re-dispatching events): one
 * pass at a time per process, run on demand and, once started, every `intervalMs`.
 *
 * @internal
 */
export class RecurringPass {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  /** @param pass works through up to `limit` due rows and says how many */
  constructor(private readonly pass: (limit: number) => Promise<number>) {}

  /** Runs a pass, or joins the one already running. */
  run(limit = 100): Promise<number> {
    this.running ??= this.pass(limit).finally(() => (this.running = undefined));
    return this.running;
  }

  /** Runs a pass every `intervalMs` (none when 0), without keeping the process alive. */
  start(intervalMs: number, onError: (error: unknown) => void): void {
    if (intervalMs <= 0) return;
    this.timer = setInterval(() => void this.run().catch(onError), intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a running pass to end. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
