import { type BnplOrderEntity, type BnplStatus } from 'nestjs-twpay';
import { html } from '../html.js';
import { formatNtd } from '../shop-plans.js';
import { statusBadge, taipeiTime } from './page-fragments.js';
import { renderLayout } from './page-layout.js';
import type { ShopContext } from './shop-context.js';

const BNPL_STATUS_TEXT: Record<BnplStatus, string> = {
  created: 'Waiting for the gateway: no application has been reported yet.',
  applying:
    'Applied for: the BNPL provider is reviewing the application. Nothing is paid yet.',
  paid: 'Approved and paid: the BNPL provider collects the instalments.',
  failed: 'The application was rejected or the payment failed.',
};

/**
 * `GET /bnpl-orders/:id` (where the ClientRedirectURL browser post ends): status, amount and the
 * application; with the simulator mounted, an `applying` order gets approve / reject buttons.
 */
export function renderBnplOrderPage(
  order: BnplOrderEntity,
  context: ShopContext,
): string {
  const o = order;
  const action = `/shop/simulator/bnpl/${encodeURIComponent(o.id)}`;
  return renderLayout(
    o.itemName,
    context,
    html`<h1>${o.itemName} ${statusBadge(o.status)}</h1>
      <p class="lead">${BNPL_STATUS_TEXT[o.status]}</p>
      <table class="summary">
        <tr>
          <th>Amount</th>
          <td id="amount">${formatNtd(o.totalAmount)}</td>
        </tr>
        <tr>
          <th>Installments</th>
          <td id="installments">${o.installments ?? '-'}</td>
        </tr>
        <tr>
          <th>BNPLTradeNo</th>
          <td id="bnpl-trade-no">
            ${o.bnplTradeNo ? html`<code>${o.bnplTradeNo}</code>` : '-'}
          </td>
        </tr>
        <tr>
          <th>MerchantTradeNo</th>
          <td><code>${o.merchantTradeNo}</code></td>
        </tr>
        ${
          o.rtnCode &&
          html`<tr>
            <th>Gateway result</th>
            <td id="rtn">${o.rtnMsg} (${o.rtnCode})</td>
          </tr>`
        }
        ${
          o.paidAt &&
          html`<tr>
            <th>Paid</th>
            <td>${taipeiTime(o.paidAt)}</td>
          </tr>`
        }
      </table>
      ${
        context.simulator &&
        o.status === 'applying' &&
        html`<section class="simulator" id="simulator">
          <h2>Gateway simulator</h2>
          <p>Decide the application as the BNPL provider would.</p>
          <form method="post" action="${action}/approve" class="inline">
            <button type="submit" id="bnpl-approve">Approve (simulator)</button>
          </form>
          <form method="post" action="${action}/reject" class="inline">
            <button type="submit" id="bnpl-reject" class="secondary">
              Reject (simulator)
            </button>
          </form>
        </section>`
      }
      <p><a href="/">Back to the shop</a></p>`,
  );
}
