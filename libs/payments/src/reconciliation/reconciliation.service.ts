import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { SubscriptionDrift } from '../domain/subscription-drift.js';
import { driftRepairedSomething } from '../domain/subscription-drift.js';
import { errorMessage } from '../errors/error-message.js';
import { GatewayRateLimitedError } from '../errors/gateway-client.errors.js';
import { PaymentsError } from '../errors/payments.error.js';
import type { ResolvedPaymentsOptions } from '../interfaces/payments-module-options.interface.js';
import {
  PAYMENTS_DATA_SOURCE,
  PAYMENTS_RESOLVED_OPTIONS,
} from '../payments.constants.js';
import {
  selectSubscriptionsToReconcile,
  type ReconciliationCandidate,
} from './due-subscriptions.js';
import {
  ReconciliationReportEntity,
  type ReconciliationFailure,
  type ReconciliationTrigger,
} from './reconciliation-report.entity.js';
import { SubscriptionLeases, type TakenLeases } from './subscription-lease.js';
import {
  SubscriptionReconciler,
  type GatewayCheck,
  type RepairOutcome,
} from './subscription-reconciler.service.js';

/**
 * How one reconciliation run is made.
 *
 * @publicApi
 */
export interface ReconcileRequest {
  /**
   * Only the subscriptions that are due (overdue for a charge by the grace period, pending too long,
   * recently cancelled); otherwise every subscription that is not final, plus the recently cancelled.
   * @default false
   */
  dueOnly?: boolean;
  /** @default 'on_demand' */
  trigger?: ReconciliationTrigger;
  /** Called after each subscription, with how many are done out of how many picked. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * What a run did: the figures of its drift report.
 *
 * @publicApi
 */
export interface ReconciliationSummary {
  /** The drift report's id (`ReconciliationReportEntity`). */
  runId: string;
  /** Subscriptions picked. */
  selected: number;
  /** Subscriptions compared with the gateway. */
  checked: number;
  /** Subscriptions that differed and were repaired. */
  repaired: number;
  /** Subscriptions that could not be checked. */
  errors: number;
  /** Subscriptions left for a later run: held by another instance, or the gateway asked to slow down. */
  skipped: number;
  /** Authorizations written into the ledger from the gateway's ExecLog. */
  backfilled: number;
  /** Set when the gateway answered HTTP 403 and the run stopped calling it until then. */
  rateLimitedUntil: Date | null;
  durationMs: number;
  /** The subscriptions that differed: all of them, or the first 1,000 of a larger run (the counts are complete). */
  drifts: SubscriptionDrift[];
  /** The subscriptions that could not be checked: all of them, or the first 1,000. */
  failures: ReconciliationFailure[];
}

/**
 * Reconciliation: compares subscriptions with their agreements at the gateway and repairs the drift
 * (lost period posts, gateway-side stops, back-office edits), storing a drift report per run. Runs
 * on the module's schedule, on demand here, and as `twpay reconcile`.
 *
 * Safe on several instances sharing a database: each subscription is leased to one run at a time,
 * and the ledger's idempotency keys make a repair land once whatever happens.
 *
 * @publicApi
 */
@Injectable()
export class ReconciliationService {
  private readonly logger = new Logger(ReconciliationService.name);
  private readonly leases: SubscriptionLeases;

  constructor(
    @Inject(PAYMENTS_RESOLVED_OPTIONS)
    private readonly options: ResolvedPaymentsOptions,
    @Inject(PAYMENTS_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly reconciler: SubscriptionReconciler,
  ) {
    this.leases = new SubscriptionLeases(
      dataSource,
      options.reconciliation.leaseMs,
    );
  }

  /** Runs one reconciliation and returns its summary; the drift report is stored under `runId`. */
  async reconcile(
    request: ReconcileRequest = {},
  ): Promise<ReconciliationSummary> {
    const started = Date.now();
    const dueOnly = request.dueOnly ?? false;
    const reports = this.dataSource.getRepository(ReconciliationReportEntity);
    const report = reports.create({
      id: randomUUID(),
      trigger: request.trigger ?? 'on_demand',
      dueOnly,
      startedAt: new Date(started),
      finishedAt: null,
      checked: 0,
      repaired: 0,
      errors: 0,
      skipped: 0,
      drifts: [],
      failures: [],
    });
    await reports.insert(report);

    const picked = await selectSubscriptionsToReconcile(
      this.dataSource,
      this.options,
      dueOnly,
    );
    const run: RunTally = {
      report,
      backfilled: 0,
      rateLimitedUntil: null,
      done: 0,
      progress: () => request.onProgress?.(++run.done, picked.length),
    };
    // Pipelined: while batches are written, the next one is checked at the gateway. SQLite writes
    // one batch at a time and no statement overlaps it (all share its one connection); a database
    // server writes up to SERVER_WRITERS batches at once, each on its own connection.
    const writers =
      this.dataSource.options.type === 'better-sqlite3' ? 1 : SERVER_WRITERS;
    const batches: ReconciliationCandidate[][] = [];
    for (let start = 0; start < picked.length; start += LEASE_BATCH)
      batches.push(picked.slice(start, start + LEASE_BATCH));
    let leased = batches.length > 0 ? await this.lease(batches[0], run) : null;
    const writing: Promise<void>[] = [];
    for (let i = 0; leased; i++) {
      const current: LeasedBatch = leased;
      const [checks] = await Promise.all([
        this.checkAll(current.held, run),
        writing.length >= writers ? writing.shift() : undefined,
      ]);
      leased =
        i + 1 < batches.length ? await this.lease(batches[i + 1], run) : null;
      const written = this.finishBatch(current, checks, run);
      // Awaited later; until then a failure must not count as unhandled.
      written.catch(() => undefined);
      writing.push(written);
    }
    await Promise.all(writing);
    report.finishedAt = new Date();
    await reports.save({
      ...report,
      drifts: fittingInColumn(report.drifts),
      failures: fittingInColumn(report.failures),
    });
    const summary: ReconciliationSummary = {
      runId: report.id,
      selected: picked.length,
      checked: report.checked,
      repaired: report.repaired,
      errors: report.errors,
      skipped: report.skipped,
      backfilled: run.backfilled,
      rateLimitedUntil: run.rateLimitedUntil,
      durationMs: Date.now() - started,
      drifts: report.drifts,
      failures: report.failures,
    };
    this.logger.log(
      `Reconciliation ${report.id}: ${summary.checked} checked, ${summary.repaired} repaired ` +
        `(${run.backfilled} authorizations back-filled), ${summary.errors} errors, ${summary.skipped} skipped`,
    );
    return summary;
  }

  /** Takes the leases of a batch (three statements): the subscriptions this run may check. */
  private async lease(
    batch: readonly ReconciliationCandidate[],
    run: RunTally,
  ): Promise<LeasedBatch> {
    if (run.rateLimitedUntil) {
      run.report.skipped += batch.length;
      return { batch, held: [], leases: null };
    }
    const leases = await this.leases.take(
      batch.map((subscription) => subscription.id),
      run.report.id,
    );
    const held = batch.filter((s) => leases.subscriptionIds.has(s.id));
    run.report.skipped += batch.length - held.length;
    return { batch, held, leases };
  }

  /** Repairs a checked batch in one transaction, then frees its leases in one statement. */
  private async finishBatch(
    { batch, leases }: LeasedBatch,
    checks: readonly GatewayCheck[],
    run: RunTally,
  ): Promise<void> {
    if (!leases) {
      batch.forEach(run.progress);
      return;
    }
    try {
      if (Date.now() >= leases.expiresAt.getTime()) {
        // The gateway was so slow that the leases ran out: another instance may be repairing these.
        run.report.skipped += checks.length;
      } else {
        await this.repairAll(checks, run);
      }
    } finally {
      await this.leases.release([...leases.subscriptionIds], run.report.id);
    }
    batch.forEach(run.progress);
  }

  /** Queries the gateway for each subscription, `concurrency` at a time; answers in the batch's order. */
  private async checkAll(
    subscriptions: readonly ReconciliationCandidate[],
    run: RunTally,
  ): Promise<GatewayCheck[]> {
    const answered: (GatewayCheck | undefined)[] = [];
    await forEachConcurrently(
      subscriptions,
      this.options.reconciliation.concurrency,
      async (subscription, index) => {
        if (run.rateLimitedUntil) {
          run.report.skipped += 1;
          return;
        }
        try {
          answered[index] = await this.reconciler.check(subscription);
        } catch (error) {
          if (error instanceof GatewayRateLimitedError) {
            // The gateway asked for silence (HTTP 403): every later call would fail fast anyway.
            run.rateLimitedUntil = error.retryAt;
            run.report.skipped += 1;
          } else {
            recordFailure(run.report, subscription, error);
          }
        }
      },
    );
    return answered.filter((check) => check !== undefined);
  }

  /** Repairs the checked subscriptions in one transaction and counts what each came to. */
  private async repairAll(
    checks: readonly GatewayCheck[],
    run: RunTally,
  ): Promise<void> {
    const { report } = run;
    let outcomes: RepairOutcome[];
    try {
      outcomes = await this.reconciler.repairAll(checks, report.id);
    } catch (error) {
      for (const { subscription } of checks)
        recordFailure(report, subscription, error);
      return;
    }
    outcomes.forEach((outcome, i) => {
      if ('error' in outcome) {
        recordFailure(report, checks[i].subscription, outcome.error);
        return;
      }
      report.checked += 1;
      const drift = outcome.drift;
      if (!drift) return;
      if (report.drifts.length < MAX_LISTED) report.drifts.push(drift);
      run.backfilled += drift.backfilled.length;
      if (driftRepairedSomething(drift)) report.repaired += 1;
    });
  }
}

/** A batch of subscriptions and the leases this run got of them (`null`: none asked for). */
interface LeasedBatch {
  batch: readonly ReconciliationCandidate[];
  held: readonly ReconciliationCandidate[];
  leases: TakenLeases | null;
}

/** What a run has counted so far. */
interface RunTally {
  report: ReconciliationReportEntity;
  backfilled: number;
  rateLimitedUntil: Date | null;
  done: number;
  /** Reports one more subscription done to the request's `onProgress`. */
  progress: () => void;
}

function recordFailure(
  report: ReconciliationReportEntity,
  subscription: GatewayCheck['subscription'],
  error: unknown,
): void {
  report.errors += 1;
  if (report.failures.length < MAX_LISTED)
    report.failures.push(failureOf(subscription, error));
}

/** Batches a database server writes at once (each batch is one transaction on its own connection). */
const SERVER_WRITERS = 2;

/** Drifts and failures a run keeps in memory for its summary, so a run of any size stays bounded. */
const MAX_LISTED = 1_000;

/**
 * Subscriptions leased, checked and repaired together: three statements for their leases, one
 * transaction for their repairs, one statement to free them.
 */
const LEASE_BATCH = 100;

/**
 * Characters of JSON one report column may hold: MySQL/MariaDB TEXT stops at 65,535 bytes, and a
 * character takes up to 3 of them (RtnMsg is Chinese). A column keeps the first entries that fit;
 * the counts, the summary and the events are always complete.
 */
const REPORT_COLUMN_CHARACTERS = 20_000;

function fittingInColumn<T>(entries: T[]): T[] {
  let length = 2;
  const kept: T[] = [];
  for (const entry of entries) {
    length += JSON.stringify(entry).length + 1;
    if (length > REPORT_COLUMN_CHARACTERS) break;
    kept.push(entry);
  }
  return kept;
}

function failureOf(
  subscription: GatewayCheck['subscription'],
  error: unknown,
): ReconciliationFailure {
  return {
    subscriptionId: subscription.id,
    merchantTradeNo: subscription.merchantTradeNo,
    code: error instanceof PaymentsError ? error.code : 'UNEXPECTED',
    message: errorMessage(error),
  };
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
}
