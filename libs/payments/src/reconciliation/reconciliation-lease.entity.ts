import { Column, Entity, PrimaryColumn } from 'typeorm';
import { COLUMN_LENGTHS } from '../domain/column-lengths.js';

/**
 * Which app instance is reconciling a subscription, until when. A row per subscription ever
 * reconciled; a lease past `expiresAt` is free to take (its holder died mid-way).
 *
 * @internal
 */
@Entity({ name: 'twpay_reconciliation_lease' })
export class ReconciliationLeaseEntity {
  @PrimaryColumn({
    name: 'subscription_id',
    type: 'varchar',
    length: COLUMN_LENGTHS.id,
  })
  subscriptionId: string;

  /** The run holding it; `null` once released. */
  @Column({ type: 'varchar', length: COLUMN_LENGTHS.id, nullable: true })
  holder: string | null;

  @Column({ name: 'expires_at', type: Date })
  expiresAt: Date;
}
