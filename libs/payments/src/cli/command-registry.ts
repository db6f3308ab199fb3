import type { CliCommand } from './cli-command.js';
import { macCommand } from './commands/mac.command.js';
import { verifyCommand } from './commands/verify.command.js';

/**
 * The `twpay` commands that need nothing but the protocol, in the order the help lists them. The
 * bin (`bin/twpay.ts`, the composition root) appends the operator commands (`reconcile`), which
 * open the payments module on the app's database only when they run. The
 * bin (`bin/twpay.ts`, the composition root) appends `simulator`, built by
 * `createSimulatorCommand`, because only the bin may import `nestjs-twpay/simulator`. To add a
 * command, write `commands/<name>.command.ts` exporting a {@link CliCommand} and list it here.
 *
 * @publicApi
 */
export const CLI_COMMANDS: readonly CliCommand[] = [macCommand, verifyCommand];
