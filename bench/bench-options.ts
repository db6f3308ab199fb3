/** The parts of `npm run bench`; `--only` picks some of them. */
export const BENCH_PARTS = [
  'mac',
  'callback',
  'large',
  'reconciliation',
] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

/** The databases the callback part runs on; `--db` picks some of them. */
export const BENCH_DATABASES = ['postgres', 'sqlite', 'mariadb'] as const;
export type BenchDatabaseKind = (typeof BENCH_DATABASES)[number];

export interface BenchOptions {
  parts: ReadonlySet<BenchPart>;
  databases: readonly BenchDatabaseKind[];
  /** Where the reconciliation part runs: the `--db` ones when given, otherwise SQLite (the module's default). */
  reconciliationDatabases: readonly BenchDatabaseKind[];
  /** How long one measured load run should last, roughly (its request count is sized from a warm-up). */
  seconds: number;
}

const USAGE = `npm run bench -- [--only mac,callback,large,reconciliation] [--db postgres,sqlite,mariadb] [--seconds 12]`;

/** Reads `--only`, `--db` and `--seconds` (each as `--x value` or `--x=value`). */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (!['--only', '--db', '--seconds'].includes(flag))
      throw new Error(`unknown option ${argv[i]}; usage: ${USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined)
      throw new Error(`${flag} needs a value; usage: ${USAGE}`);
    values.set(flag, value);
  }
  const parts = listOf(values.get('--only'), BENCH_PARTS, '--only');
  const databases = listOf(values.get('--db'), BENCH_DATABASES, '--db');
  const seconds = Number(values.get('--seconds') ?? 12);
  if (!(seconds > 0 && seconds <= 300))
    throw new Error(
      `--seconds must be a number from 1 to 300; usage: ${USAGE}`,
    );
  return {
    parts: new Set(parts),
    databases,
    reconciliationDatabases: values.has('--db') ? databases : ['sqlite'],
    seconds,
  };
}

function listOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
): T[] {
  if (value === undefined) return [...allowed];
  const items = value.split(',').map((item) => item.trim());
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item))
      throw new Error(
        `${flag}: "${item}" is not one of ${allowed.join(', ')}; usage: ${USAGE}`,
      );
  }
  return items as T[];
}
