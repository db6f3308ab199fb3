import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { GatewaySimulator } from './gateway-simulator.js';
import type { SimulatorStateDump } from './simulator-state.js';

/** What a state file holds: the orders with their agreements, the counters, the virtual time. */
interface StateFileContent extends SimulatorStateDump {
  version: 1;
  clock: Date;
}

/** An ISO instant as `JSON.stringify` writes a Date. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Keeps a simulator's orders, agreements, counters and virtual clock in a JSON file, so a restarted
 * demo still charges the agreements it had (the real gateway does not forget them either).
 * Notifications waiting for a re-send are not kept: after a restart, reconciliation recovers what
 * they would have delivered.
 *
 * @publicApi
 */
export class SimulatorStateFile {
  constructor(
    private readonly simulator: GatewaySimulator,
    readonly path: string,
  ) {}

  /** Loads the file into the simulator; `false` when there is no file yet. */
  restore(): boolean {
    if (!existsSync(this.path)) return false;
    const content = JSON.parse(readFileSync(this.path, 'utf8'), (_, value) =>
      typeof value === 'string' && ISO_INSTANT.test(value)
        ? new Date(value)
        : (value as unknown),
    ) as StateFileContent;
    if (content.version !== 1) {
      throw new Error(
        `${this.path} is not a simulator state file this version reads; delete it to start afresh.`,
      );
    }
    this.simulator.state.load(content);
    this.simulator.clock.reset(content.clock);
    return true;
  }

  /** Writes the simulator's state, atomically (a crash leaves the previous file whole). */
  save(): void {
    const content: StateFileContent = {
      version: 1,
      clock: this.simulator.clock.now(),
      ...this.simulator.state.dump(),
    };
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, JSON.stringify(content));
    renameSync(temporary, this.path);
  }
}
