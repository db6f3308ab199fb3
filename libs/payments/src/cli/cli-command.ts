/**
 * Where the `twpay` tool reads and writes. Each `stdout`/`stderr` call is one line, without its line
 * break, so a test can collect lines in arrays and the entry point can write them to the process.
 *
 * @publicApi
 */
export interface CliIo {
  stdout(line: string): void;
  stderr(line: string): void;
  /** Environment variables (`TWPAY_HASH_KEY`, `TWPAY_HASH_IV`, …). Defaults to `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Reads all of standard input, for `-`. Defaults to reading `process.stdin`. */
  readStdin?: () => Promise<string | Buffer>;
}

/**
 * What a command gets from the dispatcher. Its output goes through a redactor: no line written here
 * can contain a registered secret (see {@link CliContext.protect}).
 */
export interface CliContext {
  /** The command's name as typed, for messages (`twpay mac: …`). */
  readonly commandName: string;
  stdout(line: string): void;
  stderr(line: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readStdin(): Promise<string | Buffer>;
  /**
   * Registers a secret, so no later output line contains it. The dispatcher already registers the
   * values of `--hash-key`/`--hash-iv` and of `TWPAY_HASH_KEY`/`TWPAY_HASH_IV`; a command that takes
   * another secret registers it here before it can be printed.
   */
  protect(secret: string): void;
}

/**
 * One `twpay` sub-command. To add a command, write `commands/<name>.command.ts` exporting one of
 * these and list it in `command-registry.ts`; the dispatcher does help, usage errors and exit codes.
 *
 * @publicApi
 */
export interface CliCommand {
  /** The word typed after `twpay`. Lower-case letters and hyphens. */
  readonly name: string;
  /** One line for the tool's command list. */
  readonly summary: string;
  /** The full help, one array entry per line, printed by `twpay <name> --help`. */
  readonly help: readonly string[];
  /**
   * Runs the command with the arguments after its name and resolves to the exit code. Bad
   * arguments are reported by throwing {@link CliUsageError} (exit code 2).
   */
  run(args: readonly string[], context: CliContext): Promise<number>;
}

/**
 * Thrown by a command for a missing or bad argument. Its message names the argument and must not
 * contain a secret (the redactor is the second line of defence, not the first).
 *
 * @publicApi
 */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

/**
 * The tool's exit codes.
 *
 * @publicApi
 */
export const EXIT_CODE = {
  /** Done; for `verify`, the CheckMacValue is valid. */
  OK: 0,
  /** For `verify`: the CheckMacValue is invalid. */
  INVALID: 1,
  /** A missing or bad argument; nothing was computed. */
  USAGE: 2,
  /** A bug in the tool (sysexits `EX_SOFTWARE`), kept apart from 1 so scripts never read it as "invalid". */
  INTERNAL: 70,
} as const;
