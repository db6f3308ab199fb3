import { Inject, Injectable } from '@nestjs/common';
import { In, MoreThanOrEqual, type DataSource } from 'typeorm';
import type { ResolvedPaymentsOptions } from '../interfaces/payments-module-options.interface.js';
import { GatewayNotificationEntity } from '../notifications/gateway-notification.entity.js';
import {
  PAYMENTS_DATA_SOURCE,
  PAYMENTS_RESOLVED_OPTIONS,
} from '../payments.constants.js';

/**
 * When {@link PaymentsHealthIndicator} reports `down`.
 *
 * @publicApi
 */
export interface PaymentsHealthThresholds {
  /**
   * Most notifications allowed to wait for applying (received or failed, still retried).
   * @default 100
   */
  maxBacklog?: number;
  /**
   * Longest a notification may wait unapplied, in milliseconds. The re-apply job retries failed
   * ones every `reapplyIntervalMs`, so an old one means the job is not keeping up or not running.
   * @default 900000 (15 minutes)
   */
  maxUnappliedAgeMs?: number;
}

/**
 * What the indicator reports under its key, in the shape `@nestjs/terminus` expects.
 *
 * @publicApi
 */
export interface PaymentsHealthDetails {
  status: 'up' | 'down';
  /** Notifications stored but not applied yet: received, or failed and still retried. */
  backlog: number;
  /** Notifications whose applying threw (retried until `maxApplyAttempts`). */
  failed: number;
  /** Failed notifications the re-apply job has given up on: they need an operator. */
  abandoned: number;
  /** Age in seconds of the oldest notification not applied yet; `null` when there is none. */
  oldestUnappliedAgeSeconds: number | null;
  /** Why the status is `down`; absent when `up`. */
  problems?: string[];
}

/**
 * A `@nestjs/terminus` health indicator for the notification inbox, provided and exported by
 * `PaymentsModule`. It needs no terminus import of its own: the result is terminus's
 * `HealthIndicatorResult` shape, and terminus reports the check as failing on `status: 'down'`.
 *
 * @example
 * ```ts
 * @Get('health') @HealthCheck()
 * check() { return this.health.check([() => this.payments.isHealthy('payments')]); }
 * ```
 * @publicApi
 */
@Injectable()
export class PaymentsHealthIndicator {
  constructor(
    @Inject(PAYMENTS_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PAYMENTS_RESOLVED_OPTIONS)
    private readonly options: ResolvedPaymentsOptions,
  ) {}

  /**
   * Counts the inbox's unapplied and failed notifications and the age of the oldest unapplied one.
   *
   * @param key the key the result is reported under
   */
  async isHealthy<Key extends string = 'payments'>(
    key: Key = 'payments' as Key,
    thresholds: PaymentsHealthThresholds = {},
  ): Promise<Record<Key, PaymentsHealthDetails>> {
    const { maxBacklog = 100, maxUnappliedAgeMs = 15 * 60_000 } = thresholds;
    const inbox = this.dataSource.getRepository(GatewayNotificationEntity);
    const unapplied = { outcome: In(['received', 'failed']) };
    const [backlog, failed, abandoned, oldest] = await Promise.all([
      inbox.count({ where: unapplied }),
      inbox.count({ where: { outcome: 'failed' } }),
      inbox.count({
        where: {
          outcome: 'failed',
          attempts: MoreThanOrEqual(this.options.maxApplyAttempts),
        },
      }),
      inbox.findOne({
        select: { id: true, receivedAt: true },
        where: unapplied,
        order: { receivedAt: 'ASC' },
      }),
    ]);
    const pending = backlog - abandoned;
    const ageMs = oldest ? Date.now() - oldest.receivedAt.getTime() : null;

    const problems = [
      ...(abandoned > 0
        ? [
            `${abandoned} notification(s) failed to apply and are no longer retried`,
          ]
        : []),
      ...(pending > maxBacklog
        ? [
            `${pending} notifications wait to be applied (more than ${maxBacklog})`,
          ]
        : []),
      ...(ageMs !== null && ageMs > maxUnappliedAgeMs
        ? [
            `the oldest unapplied notification waits for ${Math.round(ageMs / 1000)} s`,
          ]
        : []),
    ];
    const details: PaymentsHealthDetails = {
      status: problems.length > 0 ? 'down' : 'up',
      backlog,
      failed,
      abandoned,
      oldestUnappliedAgeSeconds:
        ageMs === null ? null : Math.round(ageMs / 1000),
      ...(problems.length > 0 ? { problems } : {}),
    };
    return { [key]: details } as Record<Key, PaymentsHealthDetails>;
  }
}
