import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { COLUMN_LENGTHS } from '../domain/column-lengths.js';
import type { SubscriptionDrift } from '../domain/subscription-drift.js';

/**
 * What started a reconciliation run.
 *
 * @publicApi
 */
export type ReconciliationTrigger = 'schedule' | 'on_demand';

/**
 * A subscription a run could not check, and why (never a secret: the gateway client's errors carry
 * none).
 *
 * @publicApi
 */
export interface ReconciliationFailure {
  subscriptionId: string;
  merchantTradeNo: string;
  code: string;
  message: string;
}

/**
 * The drift report of one reconciliation run: what it checked, what differed and what it repaired.
 *
 * @publicApi
 */
@Entity({ name: 'twpay_reconciliation_report' })
@Index('IDX_twpay_reconciliation_report_started', ['startedAt'])
export class ReconciliationReportEntity {
  @PrimaryColumn({ type: 'varchar', length: COLUMN_LENGTHS.id })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  trigger: ReconciliationTrigger;

  /** Whether only due subscriptions were picked (`false`: every subscription not final). */
  @Column({ name: 'due_only', type: 'boolean' })
  dueOnly: boolean;

  /** Real time, as every timestamp of the database. */
  @Column({ name: 'started_at', type: Date })
  startedAt: Date;

  @Column({ name: 'finished_at', type: Date, nullable: true })
  finishedAt: Date | null;

  /** Subscriptions whose agreement was queried and compared. */
  @Column({ type: 'integer', default: 0 })
  checked: number;

  /** Subscriptions that differed and were repaired. */
  @Column({ type: 'integer', default: 0 })
  repaired: number;

  /** Subscriptions that could not be checked (gateway error, database error). */
  @Column({ type: 'integer', default: 0 })
  errors: number;

  /** Subscriptions left for later: held by another instance, or the gateway asked to slow down. */
  @Column({ type: 'integer', default: 0 })
  skipped: number;

  /**
   * The subscriptions that differed, repaired or not: all of them, or the first ones in a large run
   * (about 20,000 characters of JSON, so the row fits MySQL's TEXT); the counts are always complete.
   */
  @Column({ type: 'simple-json' })
  drifts: SubscriptionDrift[];

  /** The subscriptions that could not be checked, the first ones as for {@link drifts}. */
  @Column({ type: 'simple-json' })
  failures: ReconciliationFailure[];
}
