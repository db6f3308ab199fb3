import type { DataSource } from 'typeorm';
import { In, LessThan } from 'typeorm';
import { ReconciliationLeaseEntity } from './reconciliation-lease.entity.js';

/**
 * Leases taken together: which subscriptions a holder got, and until when it holds them.
 * @internal
 */
export interface TakenLeases {
  subscriptionIds: ReadonlySet<string>;
  /** Real time. A holder must not start repairing after this: another instance may have the lease. */
  expiresAt: Date;
}

/**
 * Per-subscription leases, so that app instances sharing one database never reconcile the same
 * subscription at once. A batch of leases is taken in three statements whatever its size, each
 * atomic row by row on every supported database: an insert of the rows never leased before (a
 * conflict inserts nothing), an update of the rows whose previous lease has expired, and a read of
 * the rows now carrying this holder's run id. A row goes to whoever's statement changed it. Expiry
 * uses real time: it is about processes, not billing.
 *
 * @internal
 */
export class SubscriptionLeases {
  constructor(
    private readonly dataSource: DataSource,
    private readonly leaseMs: number,
  ) {}

  /**
   * Takes, for `holder`, the leases of `subscriptionIds` that are free (never taken, released, or
   * expired); the others are held by another holder. `holder` must be unique to the run (its id).
   */
  async take(
    subscriptionIds: readonly string[],
    holder: string,
  ): Promise<TakenLeases> {
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.leaseMs);
    if (subscriptionIds.length === 0)
      return { subscriptionIds: new Set(), expiresAt };
    // The same order in every instance, so their row locks are always taken in one direction.
    const ids = [...subscriptionIds].sort();
    const repository = this.dataSource.getRepository(ReconciliationLeaseEntity);
    await repository
      .createQueryBuilder()
      .insert()
      .values(
        ids.map((subscriptionId) => ({ subscriptionId, holder, expiresAt })),
      )
      .orIgnore()
      .updateEntity(false)
      .execute();
    await repository.update(
      { subscriptionId: In(ids), expiresAt: LessThan(now) },
      { holder, expiresAt },
    );
    const held = await repository.find({
      select: { subscriptionId: true },
      where: { subscriptionId: In(ids), holder },
    });
    return {
      subscriptionIds: new Set(held.map((lease) => lease.subscriptionId)),
      expiresAt,
    };
  }

  /** Frees at once, in one statement, those of the leases that `holder` still holds. */
  async release(
    subscriptionIds: readonly string[],
    holder: string,
  ): Promise<void> {
    if (subscriptionIds.length === 0) return;
    await this.dataSource
      .getRepository(ReconciliationLeaseEntity)
      .update(
        { subscriptionId: In([...subscriptionIds].sort()), holder },
        { holder: null, expiresAt: new Date(0) },
      );
  }
}
