/**
 * Where a BNPL (無卡分期) order stands (docs/gateway-protocol.md section 8).
 *
 * - `created`: checkout created, nothing heard from the gateway yet;
 * - `applying`: the instalment provider received the buyer's application (PaymentInfoURL, `RtnCode=2`).
 *   Not approved, not paid;
 * - `paid`: the payment result on ReturnURL said paid (`RtnCode=1`). Final;
 * - `failed`: the application or the payment failed. Only a later payment result that says paid
 *   moves it on, because that result is the one the gateway says counts.
 *
 * @publicApi
 */
export type BnplStatus = 'created' | 'applying' | 'paid' | 'failed';

/** @publicApi */
export const BNPL_STATUSES: readonly BnplStatus[] = [
  'created',
  'applying',
  'paid',
  'failed',
];
