import { GATEWAY_PROFILES } from 'nestjs-twpay/protocol';
import type { SimulatedOrder } from '../simulator-model.js';
import { markup, page, type SafeHtml } from './html.js';

const PERIOD_UNITS = { D: 'day(s)', M: 'month(s)', Y: 'year(s)' } as const;

/** What the checkout page needs besides the order. */
export interface CheckoutPageContext {
  /** Where the simulator is mounted ('' at the root), to build the form's action. */
  root: string;
  approvedCards: Iterable<string>;
  declinedCards: Iterable<string>;
  installments: readonly number[];
  /** Why the last submission was sent back. */
  message?: string;
}

/**
 * The gateway's payment page: the order summary and a card form (number, expiry MM/YY, CVV), or the
 * instalment choice for BNPL. Field ids and names are stable for browser tests: `cardNumber`,
 * `expiry`, `cvv`, `installment`, the button `pay`, and `message` for an error.
 */
export function renderCheckoutPage(
  order: SimulatedOrder,
  context: CheckoutPageContext,
): string {
  const profile = GATEWAY_PROFILES[order.gateway];
  const action = `${context.root}/simulator/checkout/${encodeURIComponent(order.id)}/pay`;
  const period = order.period;
  return page(
    `${profile.displayName}: checkout ${order.merchantTradeNo}`,
    markup`<h1>${profile.displayName} checkout</h1>
<table id="summary">
<tr><th>Merchant</th><td>${order.merchantId}</td></tr>
<tr><th>MerchantTradeNo</th><td id="merchantTradeNo">${order.merchantTradeNo}</td></tr>
<tr><th>TradeNo</th><td>${order.tradeNo}</td></tr>
<tr><th>Items</th><td>${order.itemName.split('#').map((line) => markup`${line}<br>`)}</td></tr>
<tr><th>Amount</th><td id="amount">NT$${order.totalAmount}</td></tr>
${period && markup`<tr><th>Periodic</th><td>NT$${period.periodAmount} every ${period.frequency} ${PERIOD_UNITS[period.periodType]}, ${period.execTimes} charges in all; this is the first.</td></tr>`}
</table>
${context.message && markup`<p class="error" id="message" role="alert">${context.message}</p>`}
<form method="post" action="${action}">
${order.payment === 'BNPL' ? bnplFields(order, context) : cardFields(order, context)}
</form>`,
  );
}

function cardFields(
  order: SimulatedOrder,
  context: CheckoutPageContext,
): SafeHtml {
  return markup`<label>Card number <input name="cardNumber" id="cardNumber" inputmode="numeric" autocomplete="cc-number" required></label>
<label>Expiry (MM/YY) <input name="expiry" id="expiry" placeholder="MM/YY" autocomplete="cc-exp" required></label>
<label>CVV <input name="cvv" id="cvv" inputmode="numeric" autocomplete="cc-csc" maxlength="3" required></label>
<button type="submit" id="pay">Pay NT$${order.totalAmount}</button>
<p class="muted">Approved test cards: ${[...context.approvedCards].join(', ')}. Declined: ${[...context.declinedCards].join(', ')}. Any future expiry, any 3-digit CVV.</p>`;
}

function bnplFields(
  order: SimulatedOrder,
  context: CheckoutPageContext,
): SafeHtml {
  return markup`<label>Instalments (無卡分期) <select name="installment" id="installment">${context.installments.map(
    (n) => markup`<option value="${n}">${n}</option>`,
  )}</select></label>
<button type="submit" id="pay">Apply for NT$${order.totalAmount} in instalments</button>`;
}
