import {
  CHECK_MAC_VALUE_FIELD,
  checkMacValue,
  type MacKeys,
} from '../protocol/check-mac-value.js';
import type { GatewayFieldList } from '../protocol/gateway-fields.js';
import { renderAutoSubmitForm } from '../protocol/render-auto-submit-form.js';

/**
 * A signed checkout: what the buyer's browser must POST to the gateway.
 *
 * @publicApi
 */
export interface CheckoutForm {
  /** The gateway's AioCheckOut URL. */
  action: string;
  method: 'POST';
  /** Every field to post, CheckMacValue included, exactly as signed. */
  fields: Record<string, string>;
  /** A self-submitting HTML page posting `fields` to `action`, every value escaped. */
  html: string;
}

/**
 * Signs a field list with the merchant's keys and renders the auto-submit page.
 *
 * @internal
 */
export function signCheckoutForm(
  action: string,
  fields: GatewayFieldList,
  keys: MacKeys,
): CheckoutForm {
  const signed: GatewayFieldList = [
    ...fields,
    [CHECK_MAC_VALUE_FIELD, checkMacValue(fields, keys)],
  ];
  return {
    action,
    method: 'POST',
    fields: Object.fromEntries(signed),
    html: renderAutoSubmitForm(action, signed),
  };
}
