import type { NotificationRejectionCode } from '../errors/payments.error.js';

/**
 * What became of one notification, in the module's own terms; the callback controller turns it into
 * the wire answer (`1|OK`, `0|…`, a redirect) and the re-apply job logs it.
 *
 * - `applied`: verified and applied, committed;
 * - `duplicate`: verified, applied before; nothing changed;
 * - `ignored`: verified, and by the module's rules it changes nothing;
 * - `rejected`: will never be valid, with the code and the words saying why;
 * - `failed`: verified and stored, but applying failed; the re-apply job takes it;
 * - `redirect`: a verified browser post; send the browser to `redirectTo`.
 *
 * @internal
 */
export type NotificationResult =
  | { outcome: 'applied' | 'duplicate' | 'ignored' }
  | { outcome: 'rejected'; code: NotificationRejectionCode; reason: string }
  | { outcome: 'failed'; error: string }
  | { outcome: 'redirect'; redirectTo: string };
