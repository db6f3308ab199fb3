import Table from 'cli-table3';
import type { CallbackBenchResult } from './callback-bench.js';
import type { LargeLedgerResult } from './large-ledger-bench.js';
import type { MacBenchResult } from './mac-bench.js';
import {
  RECONCILIATION_TARGET_SECONDS,
  type ReconciliationBenchResult,
} from './reconciliation-bench.js';

/** What `bench/results/latest.json` holds: each part with the time it was measured. */
export interface BenchResults {
  machine?: { cpus: number; node: string; platform: string };
  mac?: MacBenchResult & { measuredAt: string };
  callback?: { databases: CallbackBenchResult[] };
  large?: LargeLedgerResult & {
    measuredAt: string;
    /** Against the empty-database run measured just before it, in the same part. */
    throughputVsEmpty: number;
    p99VsEmpty: number;
  };
  reconciliation?: { databases: ReconciliationBenchResult[] };
}

/** One line of the terminal table: a figure, its baseline, their ratio and the target. */
interface Row {
  figure: string;
  measured: string;
  baseline: string;
  ratio: number | null;
  target: string;
  met: boolean | null;
}

const n = (value: number) => Math.round(value).toLocaleString('en');
const ms = (value: number) => `${value.toFixed(1)} ms`;
const x = (value: number | null) =>
  value === null ? '–' : `${value.toFixed(2)}×`;

/** The rows of the table, each a ratio against the baseline it was measured with. */
export function reportRows(results: BenchResults): Row[] {
  const rows: Row[] = [];
  const { mac, callback, large, reconciliation } = results;
  if (mac) {
    const sign = mac.signOpsPerSecond / mac.sdkSignOpsPerSecond;
    const verify = mac.verifyOpsPerSecond / mac.sdkVerifyOpsPerSecond;
    rows.push(
      {
        figure: 'CheckMacValue sign vs ecpay_aio_nodejs',
        measured: `${n(mac.signOpsPerSecond)}/s`,
        baseline: `${n(mac.sdkSignOpsPerSecond)}/s`,
        ratio: sign,
        target: '≥ 2×',
        met: sign >= 2,
      },
      {
        figure: 'CheckMacValue verify vs ecpay_aio_nodejs',
        measured: `${n(mac.verifyOpsPerSecond)}/s`,
        baseline: `${n(mac.sdkVerifyOpsPerSecond)}/s`,
        ratio: verify,
        target: '≥ 2×',
        met: verify >= 2,
      },
      {
        figure: `CheckMacValue sign vs one SHA-256 (${mac.canonicalLength} chars)`,
        measured: `${n(mac.signOpsPerSecond)}/s`,
        baseline: `${n(mac.rawSha256OpsPerSecond)}/s`,
        ratio: mac.signOpsPerSecond / mac.rawSha256OpsPerSecond,
        target: 'limit 1×',
        met: null,
      },
    );
  }
  for (const result of callback?.databases ?? []) {
    const {
      app,
      bare,
      bareCallbackWrites: writes,
      nestCallbackWrites: nest,
      database,
    } = result;
    const exact = [app, bare, writes, nest].every((run) => run.ledger.exact);
    rows.push(
      {
        figure: `${database}: callback req/s vs bare ceiling`,
        measured: `${n(app.load.requestsPerSecond)}/s`,
        baseline: `${n(bare.load.requestsPerSecond)}/s`,
        ratio: result.throughputRatio,
        target: database === 'postgres' ? '≥ 0.6×' : '–',
        met: database === 'postgres' ? result.throughputRatio >= 0.6 : null,
      },
      {
        figure: `${database}: callback p99 vs bare ceiling`,
        measured: ms(app.load.p99Ms),
        baseline: ms(bare.load.p99Ms),
        ratio: result.p99Ratio,
        target: database === 'postgres' ? '≤ 3×' : '–',
        met: database === 'postgres' ? result.p99Ratio <= 3 : null,
      },
      {
        figure: `${database}: the callback's four writes alone (no app) vs bare ceiling`,
        measured: `${n(writes.load.requestsPerSecond)}/s`,
        baseline: `${n(bare.load.requestsPerSecond)}/s`,
        ratio: result.callbackWritesRatio,
        target: 'limit of the app',
        met: null,
      },
      {
        figure: `${database}: the four writes behind a Nest route (no app) vs bare ceiling`,
        measured: `${n(nest.load.requestsPerSecond)}/s, p99 ${ms(nest.load.p99Ms)}`,
        baseline: `${n(bare.load.requestsPerSecond)}/s, p99 ${ms(bare.load.p99Ms)}`,
        ratio: result.nestCallbackWritesRatio,
        target: 'limit of a Nest module',
        met: null,
      },
      {
        figure: `${database}: callback req/s vs the four writes behind a Nest route`,
        measured: `${n(app.load.requestsPerSecond)}/s`,
        baseline: `${n(nest.load.requestsPerSecond)}/s`,
        ratio: app.load.requestsPerSecond / nest.load.requestsPerSecond,
        target: '–',
        met: null,
      },
      {
        figure: `${database}: every answer 1|OK, ledger exact`,
        measured: `${app.ledger.foundRows} rows / ${app.ledger.expectedRows} OK`,
        baseline: [bare, writes, nest]
          .map((run) => `${run.ledger.foundRows} / ${run.ledger.expectedRows}`)
          .join(', '),
        ratio: null,
        target: 'exact',
        met: exact,
      },
      {
        figure: `${database}: app peak RSS (VmHWM)`,
        measured: `${n(app.peakRssMb)} MB`,
        baseline: '–',
        ratio: null,
        target: '≤ 250 MB',
        met: app.peakRssMb <= 250,
      },
    );
  }
  if (large) {
    rows.push(
      {
        figure: 'postgres, 1M ledger rows: req/s vs empty',
        measured: `${n(large.app.load.requestsPerSecond)}/s`,
        baseline: `${n(large.empty.load.requestsPerSecond)}/s empty`,
        ratio: large.throughputVsEmpty,
        target: '≥ 0.9×',
        met: large.throughputVsEmpty >= 0.9,
      },
      {
        figure: 'postgres, 1M ledger rows: p99 vs empty',
        measured: ms(large.app.load.p99Ms),
        baseline: `${ms(large.empty.load.p99Ms)} empty`,
        ratio: large.p99VsEmpty,
        target: '–',
        met: null,
      },
      {
        figure: 'postgres, 1M ledger rows: ledger exact',
        measured: `${large.app.ledger.foundRows} rows / ${large.app.ledger.expectedRows} OK`,
        baseline: '–',
        ratio: null,
        target: 'exact',
        met: large.app.ledger.exact,
      },
      {
        figure: 'postgres, 1M ledger rows: hot queries on an index',
        measured: `${large.plans.filter((p) => p.usesIndex).length} of ${large.plans.length}`,
        baseline: '–',
        ratio: null,
        target: 'all',
        met: large.plans.every((p) => p.usesIndex),
      },
    );
  }
  for (const result of reconciliation?.databases ?? []) {
    const { database, subscriptions } = result;
    rows.push(
      {
        figure: `${database}: reconcile ${n(subscriptions)} overdue subscriptions`,
        measured: `${result.seconds.toFixed(1)} s (${n(result.subscriptionsPerSecond)}/s)`,
        baseline: '–',
        ratio: null,
        target: `< ${RECONCILIATION_TARGET_SECONDS} s`,
        met: result.targetMet,
      },
      {
        figure: `${database}: reconciliation repaired all, ledger exact`,
        measured: `${n(result.repaired)} repaired, ${n(result.ledgerRows)} rows / ${n(result.expectedLedgerRows)}`,
        baseline: '–',
        ratio: null,
        target: 'exact',
        met:
          result.repaired === subscriptions &&
          result.errors === 0 &&
          result.ledgerRows === result.expectedLedgerRows,
      },
      {
        figure: `${database}: reconciliation peak RSS (VmHWM)`,
        measured: `${n(result.peakRssMb)} MB`,
        baseline: '–',
        ratio: null,
        target: '–',
        met: null,
      },
    );
  }
  return rows;
}

/** The table printed at the end of `npm run bench`. */
export function renderTable(results: BenchResults): string {
  const table = new Table({
    head: ['figure', 'measured', 'baseline', 'ratio', 'target', 'met'],
  });
  for (const row of reportRows(results)) {
    table.push([
      row.figure,
      row.measured,
      row.baseline,
      x(row.ratio),
      row.target,
      row.met === null ? '' : row.met ? 'yes' : 'NO',
    ]);
  }
  return table.toString();
}
