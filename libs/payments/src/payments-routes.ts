import type { ResolvedPaymentsOptions } from './interfaces/payments-module-options.interface.js';

/**
 * The absolute callback URLs to register with the gateway (and to send in every order), built from
 * `publicUrl` and the route prefix.
 *
 * @publicApi
 */
export interface PaymentsCallbackUrls {
  /** ReturnURL: first authorization; BNPL payment result. */
  returnUrl: string;
  /** PeriodReturnURL: every later authorization. */
  periodReturnUrl: string;
  /** PaymentInfoURL: BNPL application result. */
  paymentInfoUrl: string;
  /** OrderResultURL: the browser's post of the first result. */
  orderResultUrl: string;
  /** ClientRedirectURL: the browser's post of the BNPL application result. */
  clientRedirectUrl: string;
}

/** @internal */
export function callbackUrls(
  options: Pick<ResolvedPaymentsOptions, 'publicUrl' | 'routePrefix'>,
): PaymentsCallbackUrls {
  const base = [options.publicUrl, options.routePrefix]
    .filter(Boolean)
    .join('/');
  return {
    returnUrl: `${base}/notify/return`,
    periodReturnUrl: `${base}/notify/period`,
    paymentInfoUrl: `${base}/notify/payment-info`,
    orderResultUrl: `${base}/redirect/order-result`,
    clientRedirectUrl: `${base}/redirect/client`,
  };
}
