import { parseArgs } from 'node:util';
import {
  MAC_KEY_OPTIONS,
  parseOrUsageError,
  resolveMacKeys,
} from '../cli-arguments.js';
import {
  CliUsageError,
  EXIT_CODE,
  type CliCommand,
  type CliContext,
} from '../cli-command.js';

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  merchant: { type: 'string' },
  'hash-key': MAC_KEY_OPTIONS['hash-key'],
  'hash-iv': MAC_KEY_OPTIONS['hash-iv'],
  'start-time': { type: 'string' },
} as const;

/** What `twpay simulator` asks of the simulator it starts (`startGatewaySimulator` fits). */
export interface SimulatorStartOptions {
  port: number;
  host: string;
  merchants?: { merchantId: string; hashKey: string; hashIV: string }[];
  startTime?: Date;
}

/** A started simulator, as far as the command needs it. */
export interface StartedSimulator {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * `twpay simulator`: runs the local AllPay/ECPay gateway until interrupted. The simulator is handed
 * in by the composition root (the `twpay` bin), so `cli/` never imports the simulator package,
 * which itself depends on the library.
 *
 * @param startSimulator starts the gateway (`startGatewaySimulator` from `nestjs-twpay/simulator`)
 * @publicApi
 */
export function createSimulatorCommand(
  startSimulator: (options: SimulatorStartOptions) => Promise<StartedSimulator>,
): CliCommand {
  return {
    name: 'simulator',
    summary: 'Run the local AllPay/ECPay gateway simulator',
    help: [
      'Usage: twpay simulator [options]',
      '',
      'Serves the simulated gateways (AioCheckOut V4 = AllPay, V5 = ECPay, the query and action',
      'APIs) and their control routes: the dashboard at /simulator, the virtual clock',
      '(POST /simulator/clock/advance), faults (POST /simulator/faults).',
      'Point PaymentsModule at it with gatewayBaseUrl: "<printed url>". Stop with Ctrl-C.',
      '',
      'Options:',
      '  --port <n>            TCP port (default 4010; 0 picks a free one)',
      '  --host <address>      interface (default 127.0.0.1; the simulator has no authentication)',
      '  --merchant <id>       simulate this merchant instead of the public stage test merchants',
      '                        (AllPay 2000132, ECPay 3002607); needs --hash-key and --hash-iv',
      '                        (or $TWPAY_HASH_KEY / $TWPAY_HASH_IV)',
      "  --hash-key <key>      that merchant's HashKey",
      "  --hash-iv <iv>        that merchant's HashIV",
      '  --start-time <iso>    where the virtual clock starts (default: now)',
      '  -h, --help            show this help',
    ],
    run: (args, context) => runSimulator(startSimulator, args, context),
  };
}

async function runSimulator(
  startSimulator: (options: SimulatorStartOptions) => Promise<StartedSimulator>,
  args: readonly string[],
  context: CliContext,
): Promise<number> {
  const { values } = parseOrUsageError(() =>
    parseArgs({ args: [...args], options: OPTIONS, allowPositionals: false }),
  );
  const port = Number(values.port ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliUsageError('--port must be a port number (0-65535)');
  }
  const startTime =
    values['start-time'] === undefined
      ? undefined
      : new Date(values['start-time']);
  if (startTime && Number.isNaN(startTime.getTime())) {
    throw new CliUsageError(
      '--start-time must be an ISO date, e.g. 2024-03-01T02:00:00Z',
    );
  }
  const merchants = values.merchant
    ? [{ merchantId: values.merchant, ...resolveMacKeys(values, context.env) }]
    : undefined;

  const gateway = await startSimulator({
    port,
    host: values.host ?? '127.0.0.1',
    merchants,
    startTime,
  });
  context.stdout(`Gateway simulator on ${gateway.url}`);
  context.stdout(`  dashboard:        ${gateway.url}/simulator`);
  context.stdout(`  AllPay checkout:  ${gateway.url}/Cashier/AioCheckOut/V4`);
  context.stdout(`  ECPay checkout:   ${gateway.url}/Cashier/AioCheckOut/V5`);
  context.stdout(
    `  merchants:        ${merchants ? merchants[0].merchantId : '2000132 (AllPay stage), 3002607 (ECPay stage)'}`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await gateway.close();
  return EXIT_CODE.OK;
}
