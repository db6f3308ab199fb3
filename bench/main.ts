// `npm run bench`: CheckMacValue against the official SDK and SHA-256, the callback path against a
// bare ceiling on each database, the same with a million ledger rows, and reconciliation of 10,000
// overdue subscriptions against the simulator. Never part of `npm test`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { format } from 'prettier';
import { parseBenchOptions } from './bench-options.js';
import { renderTable, type BenchResults } from './bench-report.js';
import {
  runCallbackBench,
  type CallbackBenchResult,
} from './callback-bench.js';
import { runLargeLedgerBench } from './large-ledger-bench.js';
import { runMacBench } from './mac-bench.js';
import { runReconciliationBench } from './reconciliation-bench.js';

/** In the source tree (this file runs from dist/bench), so the figures can be committed. */
const RESULTS_FILE = join(
  import.meta.dirname,
  '..',
  '..',
  'bench',
  'results',
  'latest.json',
);

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const log = (line: string) =>
    console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
  // A part that is not run keeps its previous figures (with their own measuredAt).
  const results: BenchResults = existsSync(RESULTS_FILE)
    ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as BenchResults)
    : {};
  results.machine = {
    cpus: cpus().length,
    node: process.version,
    platform: process.platform,
  };

  if (options.parts.has('mac')) {
    log('CheckMacValue: module vs ecpay_aio_nodejs vs SHA-256');
    results.mac = { measuredAt: new Date().toISOString(), ...runMacBench() };
  }
  // Databases not run this time keep their previous figures.
  const fresh: CallbackBenchResult[] = [];
  if (options.parts.has('callback')) {
    for (const kind of options.databases) {
      fresh.push(await runCallbackBench(kind, options.seconds, log));
    }
    const kept = (results.callback?.databases ?? []).filter(
      (previous) => !options.databases.includes(previous.database),
    );
    results.callback = { databases: [...fresh, ...kept] };
  }
  if (options.parts.has('large')) {
    const large = await runLargeLedgerBench(options.seconds, log);
    results.large = {
      measuredAt: new Date().toISOString(),
      ...large,
      throughputVsEmpty:
        large.app.load.requestsPerSecond / large.empty.load.requestsPerSecond,
      p99VsEmpty: large.app.load.p99Ms / large.empty.load.p99Ms,
    };
  }

  if (options.parts.has('reconciliation')) {
    const reconciled = await runReconciliationBench(
      options.reconciliationDatabases,
      log,
    );
    const kept = (results.reconciliation?.databases ?? []).filter(
      (previous) =>
        !options.reconciliationDatabases.includes(previous.database),
    );
    results.reconciliation = { databases: [...reconciled, ...kept] };
  }

  mkdirSync(join(RESULTS_FILE, '..'), { recursive: true });
  // Formatted as `npm run format:check` expects, so the committed figures stay clean.
  writeFileSync(
    RESULTS_FILE,
    await format(JSON.stringify(results), { parser: 'json' }),
  );
  console.log(renderTable(results));
  console.log(`Written to bench/results/latest.json`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
