import type { CliCommand } from './cli-command.js';
import { macCommand } from './commands/mac.command.js';
import { simulatorCommand } from './commands/simulator.command.js';
import { verifyCommand } from './commands/verify.command.js';

/**
 * Every `twpay` command, in the order the help lists them. To add one (`simulator`, `reconcile`),
 * write `commands/<name>.command.ts` exporting a {@link CliCommand} and add it to this list.
 *
 * @publicApi
 */
export const CLI_COMMANDS: readonly CliCommand[] = [
  macCommand,
  verifyCommand,
  simulatorCommand,
];
