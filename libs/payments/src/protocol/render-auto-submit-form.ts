import type { GatewayFieldsInput } from './gateway-fields.js';
import { toFieldList } from './gateway-fields.js';

/**
 * Escapes text for an HTML attribute value or text node. The official SDKs do not escape, so a `'` or
 * `"` in ItemName truncates the posted value and the gateway answers "CheckMacValue Error"
 * (docs/gateway-protocol.md section 10, pitfall 2). Escaping keeps what the browser posts equal to what we signed.
 *
 * @internal
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c]);
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/**
 * Renders a self-submitting HTML form that posts the signed fields to the gateway, with a button as a
 * fallback when scripts are off. Every attribute value is escaped.
 *
 * @publicApi
 */
export function renderAutoSubmitForm(
  action: string,
  fields: GatewayFieldsInput,
): string {
  const inputs = toFieldList(fields)
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
    )
    .join('\n');
  return [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8"><title>Redirecting to payment…</title></head>',
    '<body onload="document.forms[0].submit()">',
    `<form method="post" action="${escapeHtml(action)}" accept-charset="UTF-8">`,
    inputs,
    '<noscript><button type="submit">Continue to payment</button></noscript>',
    '</form>',
    '</body></html>',
  ].join('\n');
}
