/**
 * An event waiting for its transaction to commit.
 * @internal
 */
export interface PendingEvent {
  name: string;
  payload: object;
}

/**
 * What applying one verified gateway result to an order did, whichever feature applied it:
 *
 * - `applied`: it changed the order, and these events follow the commit;
 * - `duplicate`: it was applied before, nothing changed;
 * - `ignored`: valid, but by the module's rules it changes nothing (a simulated payment the
 *   `simulatedPayments` policy does not count).
 *
 * @internal
 */
export type ApplyResult =
  | { outcome: 'applied'; events: PendingEvent[] }
  | { outcome: 'duplicate' | 'ignored'; reason: string };
