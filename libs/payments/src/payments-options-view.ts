import type {
  PaymentsMerchantOptions,
  ResolvedPaymentsOptions,
} from './interfaces/payments-module-options.interface.js';

/**
 * A merchant as a host service sees it: who it is, never its signing secrets.
 *
 * @publicApi
 */
export type PaymentsMerchantView = Readonly<
  Omit<PaymentsMerchantOptions, 'hashKey' | 'hashIV'>
>;

/**
 * The module's options with every default applied, as {@link InjectPaymentsOptions} hands them to a
 * host service: the merchants without their HashKey and HashIV, so code that only needs the gateway,
 * the URLs or a merchant id never holds a secret it could log.
 *
 * @publicApi
 */
export type PaymentsOptionsView = Readonly<
  Omit<ResolvedPaymentsOptions, 'merchants'> & {
    merchants: readonly PaymentsMerchantView[];
  }
>;

/** The view of resolved options that leaves every HashKey and HashIV out. */
export function paymentsOptionsView(
  options: ResolvedPaymentsOptions,
): PaymentsOptionsView {
  return Object.freeze({
    ...options,
    merchants: options.merchants.map(({ merchantId, platformId }) =>
      Object.freeze(
        platformId === undefined ? { merchantId } : { merchantId, platformId },
      ),
    ),
  });
}
