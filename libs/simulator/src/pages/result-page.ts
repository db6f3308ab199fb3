import type { PaymentResult, SimulatedOrder } from '../simulator-model.js';
import { markup, page } from './html.js';

/**
 * The gateway's own result page, shown when the order has no OrderResultURL (or no ClientRedirectURL
 * for a BNPL application): the outcome, and a link back to the shop when ClientBackURL was given.
 * ClientBackURL carries no result data (docs/gateway-protocol.md §5.1).
 */
export function renderResultPage(
  order: SimulatedOrder,
  result: PaymentResult,
): string {
  const outcome =
    result.rtnCode === '1'
      ? 'Payment approved'
      : result.rtnCode === '2'
        ? 'Instalment application submitted'
        : 'Payment failed';
  const good = result.rtnCode === '1' || result.rtnCode === '2';
  return page(
    outcome,
    markup`<h1>${outcome}</h1>
<p class="${good ? 'ok' : 'error'}" id="result">RtnCode ${result.rtnCode}: ${result.rtnMsg}</p>
<p>MerchantTradeNo <span id="merchantTradeNo">${order.merchantTradeNo}</span>, TradeNo ${order.tradeNo}, NT$${result.amount}</p>
${order.urls.clientBackUrl && markup`<p><a id="back" href="${order.urls.clientBackUrl}">Back to the shop</a></p>`}`,
  );
}
