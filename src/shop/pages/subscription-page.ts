import {
  type SubscriptionStatus,
  type SubscriptionWithPeriods,
} from 'nestjs-twpay';
import { html, type SafeHtml } from '../html.js';
import { describeSchedule, formatNtd } from '../shop-plans.js';
import { planOf, statusBadge, taipeiTime } from './page-fragments.js';
import { renderLayout } from './page-layout.js';
import type { ShopContext } from './shop-context.js';

const STATUS_TEXT: Record<SubscriptionStatus, string> = {
  pending:
    'Waiting for the gateway: the first payment has not been reported yet.',
  active: 'Paid up: the gateway charges the card on schedule.',
  first_auth_failed:
    'The first payment was declined; the agreement never started.',
  past_due: 'The last charge failed; the gateway will try again next period.',
  completed: 'Every charge of the agreement has been paid.',
  cancelled: 'Cancelled: the gateway charges nothing more.',
  terminated: 'Stopped by the gateway (e.g. after repeated failures).',
};

/** `GET /subscriptions/:id`: status, totals and the timeline of periods. */
export function renderSubscriptionPage(
  subscription: SubscriptionWithPeriods,
  context: ShopContext,
): string {
  const s = subscription;
  const plan = planOf(s);
  const paid = s.periods.filter((p) => p.countsAsPaid).length;
  const remaining = Math.max(0, s.execTimes - s.totalSuccessTimes);
  const withCard = s.periods.find((p) => p.cardLast4);
  const card = withCard
    ? `${withCard.cardFirst6 ?? ''}******${withCard.cardLast4}`
    : undefined;
  const open =
    s.status === 'active' || s.status === 'past_due' || s.status === 'pending';
  return renderLayout(
    s.itemName,
    context,
    html`<p class="back">
        <a href="/subscriptions">&larr; All subscriptions</a>
      </p>
      <h1>${plan?.name ?? s.itemName} ${statusBadge(s.status)}</h1>
      <p class="lead">${STATUS_TEXT[s.status]}</p>
      <table class="summary">
        <tr>
          <th>Plan</th>
          <td>${s.itemName}</td>
        </tr>
        <tr>
          <th>Charge</th>
          <td>${formatNtd(s.periodAmount)}, ${describeSchedule(s)}</td>
        </tr>
        <tr>
          <th>Paid</th>
          <td id="paid-count">${s.totalSuccessTimes} of ${s.execTimes}</td>
        </tr>
        <tr>
          <th>Collected</th>
          <td id="collected">${formatNtd(s.amountCollected)}</td>
        </tr>
        ${
          card &&
          html`<tr>
            <th>Card</th>
            <td id="card">${card}</td>
          </tr>`
        }
        <tr>
          <th>MerchantTradeNo</th>
          <td><code>${s.merchantTradeNo}</code></td>
        </tr>
        ${
          s.firstAuthorizedAt &&
          html`<tr>
            <th>First charge</th>
            <td>${taipeiTime(s.firstAuthorizedAt)}</td>
          </tr>`
        }
        ${
          s.nextChargeAt &&
          html`<tr>
            <th>Next charge</th>
            <td id="next-charge">${taipeiTime(s.nextChargeAt)}</td>
          </tr>`
        }
        ${
          s.accessUntil &&
          html`<tr>
            <th>Access until</th>
            <td id="access-until">${taipeiTime(s.accessUntil)}</td>
          </tr>`
        }
      </table>
      ${open && cancelPanel(s.id, context)}
      <h2>Timeline</h2>
      <ol class="timeline" id="timeline">
        ${s.periods.map(
          (p) =>
            html`<li
              class="period ${p.success ? 'ok' : 'failed'}"
              data-sequence="${p.sequence}"
            >
              <span class="seq">Period ${p.sequence}</span>
              <span class="date">${taipeiTime(p.processedAt)}</span>
              <span class="amount">${formatNtd(p.amount)}</span>
              <span class="result"
                >${p.success ? 'paid' : `failed: ${p.rtnMsg} (${p.rtnCode})`}${p.simulated && ' (simulated)'}</span
              >
              <span class="gwsr muted"
                >${p.gwsr ? `gwsr ${p.gwsr}` : p.tradeNo ? `TradeNo ${p.tradeNo}` : ''}</span
              >
            </li>`,
        )}
        ${s.periods.length === 0 && html`<li class="period empty muted">No charge yet.</li>`}
        ${
          open &&
          remaining > 0 &&
          s.periods.length > 0 &&
          html`<li class="period upcoming muted">
            ${remaining} more ${remaining === 1 ? 'charge' : 'charges'} to come
          </li>`
        }
      </ol>
      <p class="muted">
        ${paid} ${paid === 1 ? 'period counts' : 'periods count'} as paid. Dates
        are Taipei time.
      </p>
      ${context.simulator && simulatorPanel(`/subscriptions/${s.id}`, context)}`,
  );
}

/**
 * ECPay: a Cancel button (the gateway stops the agreement at once; access runs to the paid period's
 * end). AllPay documents no periodic action API, so the merchant cancels in its back office.
 */
function cancelPanel(id: string, context: ShopContext): SafeHtml {
  if (context.gateway !== 'ecpay') {
    return html`<p class="muted" id="cancel-elsewhere">
      To cancel, stop the agreement in the AllPay back office (AllPay offers no
      cancel API); the shop shows the change once the gateway reports it.
    </p>`;
  }
  return html`<form
    method="post"
    action="/shop/subscriptions/${id}/cancel"
    class="inline"
    id="cancel-form"
  >
    <input type="hidden" name="atPeriodEnd" value="true" />
    <button type="submit" id="cancel" class="secondary">
      Cancel subscription
    </button>
    <span class="muted"
      >No further charge; access lasts until the paid period ends.</span
    >
  </form>`;
}

function simulatorPanel(returnTo: string, context: ShopContext): SafeHtml {
  return html`<section class="simulator" id="simulator">
    <h2>Gateway simulator</h2>
    <p>
      Virtual clock:
      <strong id="simulator-clock"
        >${context.simulatorClock ? taipeiTime(context.simulatorClock) : '?'}</strong
      >
      (Taipei). Move it forward and the simulated gateway runs the charges that
      fall due, notifying this shop as the real one would.
    </p>
    <form method="post" action="/shop/simulator/advance" class="inline">
      <input type="hidden" name="returnTo" value="${returnTo}" />
      <input type="hidden" name="months" value="1" />
      <button type="submit" id="advance-month">Advance 1 month</button>
    </form>
    <form method="post" action="/shop/simulator/advance" class="inline">
      <input type="hidden" name="returnTo" value="${returnTo}" />
      <input type="hidden" name="months" value="12" />
      <button type="submit" id="advance-year" class="secondary">
        Advance 1 year
      </button>
    </form>
    <a href="/simulator" id="simulator-dashboard">Simulator dashboard</a>
  </section>`;
}
