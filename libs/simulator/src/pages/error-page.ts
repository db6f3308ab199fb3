import type { GatewayError } from '../gateway-errors.js';
import { markup, page } from './html.js';

/**
 * The gateway's error page: `<code> <message>`, e.g. `10200073 CheckMacValue Error`. Served with HTTP
 * 200, as the real error page is, so a merchant's test has to read the page, not the status.
 * For a CheckMacValue error the simulator adds what the real gateway never shows: the canonical
 * string it hashed, with HashKey and HashIV masked, to compare with the merchant's own.
 */
export function renderErrorPage(
  error: GatewayError,
  maskedCanonical?: string,
): string {
  return page(
    `Error ${error.code}`,
    markup`<h1>Error</h1>
<p class="error" id="error">${error.code} ${error.message}</p>
${error.code.startsWith('991') && markup`<p class="muted">Codes starting with 991 are the simulator's own: the gateway's code for this rule is not documented.</p>`}
${
  maskedCanonical &&
  markup`<p>The simulator hashed (HashKey and HashIV masked):</p>
<pre id="canonical">${maskedCanonical}</pre>`
}`,
  );
}
