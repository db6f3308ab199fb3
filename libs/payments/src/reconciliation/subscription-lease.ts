import type { DataSource } from 'typeorm';
import { LessThan } from 'typeorm';
import { isUniqueViolation } from '../persistence/database-errors.js';
import { ReconciliationLeaseEntity } from './reconciliation-lease.entity.js';

/**
 * Per-subscription leases, so that app instances sharing one database never reconcile the same
 * subscription at once. Taking a lease is one atomic statement on every supported database: an
 * insert (the first time) or an update conditioned on the previous lease having expired; whoever's
 * statement changed a row holds it. Expiry uses real time: it is about processes, not billing.
 *
 * @internal
 */
export class SubscriptionLeases {
  constructor(
    private readonly dataSource: DataSource,
    private readonly leaseMs: number,
  ) {}

  /** Takes the lease for `holder`; `false` when another holder has a lease that has not expired. */
  async take(subscriptionId: string, holder: string): Promise<boolean> {
    const repository = this.dataSource.getRepository(ReconciliationLeaseEntity);
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.leaseMs);
    try {
      await repository.insert({ subscriptionId, holder, expiresAt });
      return true;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const taken = await repository.update(
      { subscriptionId, expiresAt: LessThan(now) },
      { holder, expiresAt },
    );
    return taken.affected === 1;
  }

  /** Frees the lease at once, if `holder` still holds it. */
  async release(subscriptionId: string, holder: string): Promise<void> {
    await this.dataSource
      .getRepository(ReconciliationLeaseEntity)
      .update(
        { subscriptionId, holder },
        { holder: null, expiresAt: new Date(0) },
      );
  }
}
