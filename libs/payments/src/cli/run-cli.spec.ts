import { CliUsageError, type CliCommand, type CliIo } from './cli-command.js';
import { CLI_COMMANDS } from './command-registry.js';
import { runCli } from './run-cli.js';

const KEY = 'pwFHCqoQZGmho4w6';
const IV = 'EkRm7iFT261dpevs';

async function twpay(
  argv: string[],
  io: Partial<CliIo> = {},
  commands?: CliCommand[],
) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(
    argv,
    {
      stdout: (l) => stdout.push(l),
      stderr: (l) => stderr.push(l),
      env: {},
      ...io,
    },
    { commands, version: '1.2.3' },
  );
  return { code, stdout, stderr, all: [...stdout, ...stderr].join('\n') };
}

/** A command as another engineer would add one: it echoes, fails, or prints a secret it protected. */
const fakeSimulator: CliCommand = {
  name: 'simulator',
  summary: 'Run a fake gateway',
  help: ['Usage: twpay simulator [--port <n>]'],
  async run(args, context) {
    if (args[0] === 'usage') throw new CliUsageError('missing --port');
    if (args[0] === 'crash') throw new Error('boom');
    if (args[0] === 'protect') {
      context.protect('s3cr3t-token');
      context.stdout('token is s3cr3t-token');
      return 0;
    }
    context.stdout(`args: ${args.join(' ')}`);
    return 0;
  },
};

describe('runCli: the dispatcher', () => {
  it('registers mac and verify; the bin adds simulator', () => {
    expect(CLI_COMMANDS.map((c) => c.name)).toEqual(['mac', 'verify']);
  });

  it('prints the version on --version and -V, exit 0', async () => {
    for (const flag of ['--version', '-V']) {
      const r = await twpay([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toEqual(['twpay 1.2.3']);
    }
  });

  it('prints the tool help on --help, -h and help, to stdout, exit 0', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const r = await twpay([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout[0]).toContain('twpay');
      expect(r.stdout.join('\n')).toMatch(
        /^ {2}mac +Compute the CheckMacValue/m,
      );
      expect(r.stdout.join('\n')).toMatch(
        /^ {2}verify +Verify the CheckMacValue/m,
      );
      expect(r.stderr).toEqual([]);
    }
  });

  it('prints a command help for "twpay <command> --help" and "twpay help <command>"', async () => {
    for (const argv of [
      ['mac', '--help'],
      ['mac', '-h'],
      ['help', 'mac'],
      ['mac', 'A=1', '--help'],
    ]) {
      const r = await twpay(argv);
      expect(r.code).toBe(0);
      expect(r.stdout[0]).toBe('Usage: twpay mac [options] [Name=Value ...]');
    }
    const verify = await twpay(['verify', '--help']);
    expect(verify.stdout[0]).toMatch(/^Usage: twpay verify/);
    expect(verify.stdout.join('\n')).toContain(
      'Exit status: 0 VALID, 1 INVALID, 2 usage error.',
    );
  });

  it('answers a missing command with the help on stderr, exit 2', async () => {
    const r = await twpay([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toEqual([]);
    expect(r.stderr[0]).toBe('twpay: missing command');
  });

  it('names an unknown command, exit 2, but never echoes something that may be a secret', async () => {
    const typo = await twpay(['veryfy']);
    expect(typo.code).toBe(2);
    expect(typo.stderr[0]).toBe("twpay: unknown command 'veryfy'");
    const secret = await twpay([KEY, IV]);
    expect(secret.code).toBe(2);
    expect(secret.stderr[0]).toBe(
      'twpay: unknown command (argument 1, not echoed)',
    );
    expect(secret.all).not.toContain(KEY);
    expect((await twpay(['help', 'nope'])).code).toBe(2);
  });

  it('dispatches to a command added to the list, with its help in the tool help', async () => {
    const commands = [...CLI_COMMANDS, fakeSimulator];
    expect((await twpay(['--help'], {}, commands)).stdout.join('\n')).toContain(
      '  simulator  Run a fake gateway',
    );
    expect((await twpay(['simulator', 'a', 'b'], {}, commands)).stdout).toEqual(
      ['args: a b'],
    );
    expect((await twpay(['simulator', '--help'], {}, commands)).stdout).toEqual(
      ['Usage: twpay simulator [--port <n>]'],
    );
  });

  it('turns a CliUsageError into exit 2 with the message and a pointer to the help', async () => {
    const r = await twpay(['simulator', 'usage'], {}, [fakeSimulator]);
    expect(r.code).toBe(2);
    expect(r.stderr).toEqual([
      'twpay simulator: missing --port',
      "Run 'twpay simulator --help' for usage.",
    ]);
  });

  it('reports any other error as an internal error, exit 70, never 1 (which means INVALID)', async () => {
    const r = await twpay(['simulator', 'crash'], {}, [fakeSimulator]);
    expect(r.code).toBe(70);
    expect(r.stderr).toEqual(['twpay simulator: internal error: boom']);
  });

  it('redacts secrets a command protects, and the keys from arguments and environment', async () => {
    expect(
      (await twpay(['simulator', 'protect'], {}, [fakeSimulator])).stdout,
    ).toEqual(['token is ***']);
    const fromArgs = await twpay(
      ['simulator', `--hash-key=${KEY}`, '--hash-iv', IV],
      {},
      [fakeSimulator],
    );
    expect(fromArgs.stdout).toEqual(['args: --hash-key=*** --hash-iv ***']);
    const fromEnv = await twpay(
      ['simulator', KEY.toLowerCase()],
      { env: { TWPAY_HASH_KEY: KEY } },
      [fakeSimulator],
    );
    expect(fromEnv.stdout).toEqual(['args: ***']);
  });
});
