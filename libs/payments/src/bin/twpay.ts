#!/usr/bin/env node
// The `twpay` executable and the CLI's composition root: the only place that puts the simulator
// (which depends on the library) next to the library's own commands. Run it from the repository
// with `npm run --silent twpay -- <command>`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_COMMANDS } from '../cli/command-registry.js';
import { createInboxCommand } from '../cli/commands/inbox.command.js';
import { createReconcileCommand } from '../cli/commands/reconcile.command.js';
import { createReplayCommand } from '../cli/commands/replay.command.js';
import { createSimulatorCommand } from '../cli/commands/simulator.command.js';
import { createSubscriptionsCommand } from '../cli/commands/subscriptions.command.js';
import type { OpenOperatorServices } from '../cli/operator-services.js';
import { runCli } from '../cli/run-cli.js';

// dist/bin/twpay.js and src/bin/twpay.ts both sit two folders below the package's manifest.
const manifest = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8'),
) as { version: string };

process.exitCode = await runCli(
  process.argv.slice(2),
  {
    stdout: (line) => void process.stdout.write(`${line}\n`),
    stderr: (line) => void process.stderr.write(`${line}\n`),
    env: process.env,
  },
  {
    commands: [
      ...CLI_COMMANDS,
      createSubscriptionsCommand(openOperatorServices),
      createInboxCommand(openOperatorServices),
      createReplayCommand(openOperatorServices),
      createReconcileCommand(openOperatorServices),
      // Loaded only when `twpay simulator` runs: Nest and the simulator would add most of a second
      // to every `twpay mac` or `--help`.
      createSimulatorCommand(async (options) => {
        const { startGatewaySimulator } =
          await import('nestjs-twpay/simulator');
        return startGatewaySimulator(options);
      }),
    ],
    version: manifest.version,
  },
);

/** Loaded only when an operator command runs, for the same reason as the simulator. */
async function openOperatorServices(
  ...args: Parameters<OpenOperatorServices>
): ReturnType<OpenOperatorServices> {
  const { openOperatorServices: open } = await import('./operator-context.js');
  return open(...args);
}
