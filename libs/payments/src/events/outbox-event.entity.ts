import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { COLUMN_LENGTHS } from '../domain/column-lengths.js';

/**
 * The transactional outbox: one row per event, written in the same transaction as the change it
 * describes, so an event exists exactly when its change does. The dispatcher publishes it after the
 * commit and stamps `sentAt`; a row a crash left unsent is published again, with the same id, once its
 * lease has run out (delivery is at-least-once: listeners de-duplicate on `eventId`).
 *
 * @publicApi
 */
@Entity({ name: 'twpay_outbox_event' })
@Index('IDX_twpay_outbox_event_unsent', ['sentAt', 'claimedUntil'])
export class OutboxEventEntity {
  /** The event's `eventId`, the same on every delivery. */
  @PrimaryColumn({ type: 'varchar', length: COLUMN_LENGTHS.id })
  id: string;

  /** The event name, e.g. `twpay.period.succeeded`. */
  @Column({ type: 'varchar', length: 64 })
  name: string;

  /** The payload as JSON, `eventId` included. */
  @Column({ type: 'text' })
  payload: string;

  /** The notification whose change emitted it, when one did. */
  @Column({
    name: 'notification_id',
    type: 'varchar',
    length: COLUMN_LENGTHS.id,
    nullable: true,
  })
  notificationId: string | null;

  @Column({ name: 'created_at', type: Date, precision: 3 })
  createdAt: Date;

  /**
   * Until when one process owns publishing it: the committing process at first, then whichever
   * dispatcher claimed it. Others leave it alone until then.
   */
  @Column({ name: 'claimed_until', type: Date, precision: 3, nullable: true })
  claimedUntil: Date | null;

  /** When it was published; null while it waits. */
  @Column({ name: 'sent_at', type: Date, precision: 3, nullable: true })
  sentAt: Date | null;
}
