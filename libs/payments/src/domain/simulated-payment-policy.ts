import type { ResolvedPaymentsOptions } from '../interfaces/payments-module-options.interface.js';

/**
 * Whether a successful payment result counts as paid. `SimulatePaid=1` comes from the gateway's back
 * office and never moved money (docs/gateway-protocol.md section 9), so it counts only as the module's
 * `simulatedPayments` policy allows.
 *
 * @internal
 */
export function countsAsPaid(
  simulated: boolean,
  options: Pick<ResolvedPaymentsOptions, 'simulatedPayments' | 'environment'>,
): boolean {
  if (!simulated) return true;
  const policy = options.simulatedPayments;
  return (
    policy === 'paid' ||
    (policy === 'paid-outside-production' &&
      options.environment !== 'production')
  );
}
