/**
 * What became of a notification.
 *
 * - `received`: stored, not yet processed (a crash here is picked up by the re-apply job);
 * - `applied`: verified and applied;
 * - `duplicate`: verified, already applied before (answered `1|OK`, nothing changed);
 * - `rejected`: will never be valid (bad MAC, unknown merchant or order, malformed, wrong amount);
 * - `failed`: verified, but applying threw; re-applied automatically;
 * - `ignored`: verified, and by the module's rules it changes nothing: a browser post, or a
 *   `SimulatePaid=1` payment the `simulatedPayments` policy does not count.
 *
 * @publicApi
 */
export type NotificationOutcome =
  'received' | 'applied' | 'duplicate' | 'rejected' | 'failed' | 'ignored';
