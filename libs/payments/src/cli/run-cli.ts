import { CLI_COMMANDS } from './command-registry.js';
import {
  CliUsageError,
  EXIT_CODE,
  type CliCommand,
  type CliContext,
  type CliIo,
} from './cli-command.js';
import {
  HASH_IV_ENV,
  HASH_KEY_ENV,
  SecretRedactor,
  secretOptionValues,
} from './secret-redactor.js';

/**
 * What the dispatcher offers besides the IO.
 *
 * @publicApi
 */
export interface RunCliOptions {
  /** The commands to offer; {@link CLI_COMMANDS} by default, the bin adds `simulator`. */
  commands?: readonly CliCommand[];
  /** What `twpay --version` prints: the package's version. */
  version?: string;
}

/**
 * Runs the `twpay` tool in-process: dispatches `argv` (the arguments after `twpay`) to a command,
 * prints help and usage errors, and resolves to the exit code (0 done or valid, 1 invalid, 2 usage
 * error, 70 internal error). Every line goes through a redactor that knows the HashKey and HashIV
 * from the arguments and the environment, so neither can reach stdout or stderr.
 *
 * @publicApi
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  options: RunCliOptions = {},
): Promise<number> {
  const { commands = CLI_COMMANDS, version = 'unknown' } = options;
  const env = io.env ?? process.env;
  const redactor = new SecretRedactor();
  redactor.add(env[HASH_KEY_ENV]);
  redactor.add(env[HASH_IV_ENV]);
  for (const secret of secretOptionValues(argv)) redactor.add(secret);
  const stdout = (line: string) => io.stdout(redactor.redact(line));
  const stderr = (line: string) => io.stderr(redactor.redact(line));

  const [first, ...rest] = argv;
  if (first === undefined) {
    stderr('twpay: missing command');
    toolHelp(commands).forEach(stderr);
    return EXIT_CODE.USAGE;
  }
  if (first === '--version' || first === '-V') {
    stdout(`twpay ${version}`);
    return EXIT_CODE.OK;
  }
  if (first === '-h' || first === '--help' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    const command = commands.find((c) => c.name === topic);
    if (topic !== undefined && !command) {
      stderr(`twpay: unknown command ${describeArgument(topic, 2)}`);
      return EXIT_CODE.USAGE;
    }
    (command ? command.help : toolHelp(commands)).forEach(stdout);
    return EXIT_CODE.OK;
  }
  const command = commands.find((c) => c.name === first);
  if (!command) {
    stderr(`twpay: unknown command ${describeArgument(first, 1)}`);
    stderr(
      `Commands: ${commands.map((c) => c.name).join(', ')}. Run 'twpay --help' for more.`,
    );
    return EXIT_CODE.USAGE;
  }
  if (wantsHelp(rest)) {
    command.help.forEach(stdout);
    return EXIT_CODE.OK;
  }

  const context: CliContext = {
    commandName: command.name,
    stdout,
    stderr,
    env,
    readStdin: io.readStdin ?? readProcessStdin,
    protect: (secret) => redactor.add(secret),
  };
  try {
    return await command.run(rest, context);
  } catch (error) {
    if (error instanceof CliUsageError) {
      stderr(`twpay ${command.name}: ${error.message}`);
      stderr(`Run 'twpay ${command.name} --help' for usage.`);
      return EXIT_CODE.USAGE;
    }
    stderr(
      `twpay ${command.name}: internal error: ${(error as Error)?.message ?? String(error)}`,
    );
    return EXIT_CODE.INTERNAL;
  }
}

function toolHelp(commands: readonly CliCommand[]): string[] {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'twpay: command-line tools of nestjs-twpay (AllPay and ECPay)',
    '',
    'Usage: twpay <command> [options]',
    '       twpay --version',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'twpay <command> --help' for the options of a command.",
    `HashKey and HashIV come from --hash-key/--hash-iv or ${HASH_KEY_ENV}/${HASH_IV_ENV},`,
    'and never appear in the output.',
    'Exit status: 0 done (or VALID), 1 INVALID, 2 usage error, 70 internal error.',
  ];
}

/** `-h`/`--help` anywhere before a `--` asks for the command's help. */
function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some(
    (arg) => arg === '-h' || arg === '--help',
  );
}

/**
 * Names an argument in an error message: quoted when it looks like a command word, by position
 * otherwise, because a mistyped line may have put a secret where a command was expected.
 */
function describeArgument(arg: string, position: number): string {
  return /^[a-z][a-z-]{0,11}$/.test(arg)
    ? `'${arg}'`
    : `(argument ${position}, not echoed)`;
}

async function readProcessStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
