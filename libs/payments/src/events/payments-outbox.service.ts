import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { PendingEvent } from '../domain/apply-result.js';
import { errorMessage } from '../errors/error-message.js';
import type { ResolvedPaymentsOptions } from '../interfaces/payments-module-options.interface.js';
import {
  PAYMENTS_DATA_SOURCE,
  PAYMENTS_RESOLVED_OPTIONS,
} from '../payments.constants.js';
import { claimRows } from '../persistence/claim-rows.js';
import { readCommittedTransaction } from '../persistence/read-committed-transaction.js';
import { insertRows } from '../persistence/compiled-statements.js';
import { RecurringPass } from '../recurring-pass.js';
import { OutboxEventEntity } from './outbox-event.entity.js';
import { PaymentsEventPublisher } from './payments-event-publisher.service.js';

/** How long after the last publish the sent stamps are written, in one statement for all of them. */
const MARK_SENT_DELAY_MS = 100;

/** Date fields of the payloads (`processedAt`…): JSON turns them into ISO strings, this turns them back. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function revive(key: string, value: unknown): unknown {
  return typeof value === 'string' && key.endsWith('At') && ISO_DATE.test(value)
    ? new Date(value)
    : value;
}

/**
 * The transactional outbox. `enqueue()` writes a change's events as rows in the change's own
 * transaction; `publishCommitted()` emits them once that transaction has committed and stamps them
 * sent shortly after, in batches; on start and on the re-apply timer, `redispatchPending()` emits what
 * a crash left unsent, claiming the rows first so replicas share the work. Every payload carries its
 * row id as `eventId`, the same on every delivery.
 *
 * @internal
 */
@Injectable()
export class PaymentsOutbox
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(PaymentsOutbox.name);
  private readonly sent = new Set<string>();
  /**
   * The event each row written by this process was made from, with its `eventId`: what
   * `publishCommitted()` emits, instead of parsing back the JSON it has just written.
   */
  private readonly written = new WeakMap<OutboxEventEntity, PendingEvent>();
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private readonly passes = new RecurringPass((limit) =>
    this.redispatchBatch(limit),
  );

  constructor(
    @Inject(PAYMENTS_RESOLVED_OPTIONS)
    private readonly options: ResolvedPaymentsOptions,
    @Inject(PAYMENTS_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly publisher: PaymentsEventPublisher,
  ) {}

  onApplicationBootstrap(): void {
    const failed = (error: unknown) =>
      this.logger.error(`Re-dispatching events failed: ${errorMessage(error)}`);
    void this.passes.run().catch(failed);
    this.passes.start(this.options.reapplyIntervalMs, failed);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.passes.stop();
    await this.flush();
  }

  /**
   * Writes the events as outbox rows in the caller's transaction, in one statement. The committing
   * process owns publishing them for the claim lease; after that, any replica may.
   */
  async enqueue(
    manager: EntityManager,
    events: readonly PendingEvent[],
    notificationId: string | null,
  ): Promise<OutboxEventEntity[]> {
    if (events.length === 0) return [];
    const now = new Date();
    const rows = events.map((event): OutboxEventEntity => {
      const id = randomUUID();
      const payload = { eventId: id, ...event.payload };
      const row: OutboxEventEntity = {
        id,
        name: event.name,
        payload: JSON.stringify(payload),
        notificationId,
        createdAt: now,
        claimedUntil: new Date(now.getTime() + this.options.claimLeaseMs),
        sentAt: null,
      };
      this.written.set(row, { name: event.name, payload });
      return row;
    });
    await insertRows(manager, OutboxEventEntity, rows);
    return rows;
  }

  /**
   * Emits the rows `enqueue()` returned, once their transaction has committed; they are stamped sent
   * shortly after.
   */
  publishCommitted(rows: readonly OutboxEventEntity[]): void {
    if (rows.length === 0) return;
    this.publisher.publish(rows.map((row) => this.written.get(row)!));
    for (const row of rows) this.sent.add(row.id);
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush().catch((error: unknown) =>
        this.logger.error(
          `Stamping events sent failed (they will be sent again): ${errorMessage(error)}`,
        ),
      );
    }, MARK_SENT_DELAY_MS);
  }

  /**
   * Publishes every unsent event whose lease has run out (a crash between commit and publish, or a
   * failed stamp), oldest first, and returns how many. Runs one pass at a time per process.
   */
  redispatchPending(limit = 100): Promise<number> {
    return this.passes.run(limit);
  }

  private async redispatchBatch(limit: number): Promise<number> {
    const rows = await claimRows(this.dataSource, OutboxEventEntity, {
      alias: 'event',
      due: 'event.sentAt IS NULL',
      parameters: {},
      order: 'event.createdAt',
      limit,
      leaseMs: this.options.claimLeaseMs,
    });
    if (rows.length === 0) return 0;
    this.publisher.publish(rows.map(toEvent));
    await this.stampSent(rows.map((row) => row.id));
    this.logger.log(`Re-dispatched ${rows.length} unsent event(s)`);
    return rows.length;
  }

  private async flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    await this.flushing;
    if (this.sent.size === 0) return;
    const ids = [...this.sent];
    this.sent.clear();
    this.flushing = this.stampSent(ids).finally(
      () => (this.flushing = undefined),
    );
    await this.flushing;
  }

  /** Beside the callback transactions, so it must not lock the gaps their inserts need. */
  private async stampSent(ids: string[]): Promise<void> {
    await readCommittedTransaction(this.dataSource, (manager) =>
      manager
        .getRepository(OutboxEventEntity)
        .update({ id: In(ids) }, { sentAt: new Date() }),
    );
  }
}

function toEvent(row: OutboxEventEntity): PendingEvent {
  return { name: row.name, payload: JSON.parse(row.payload, revive) as object };
}
