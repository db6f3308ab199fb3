import { formatTaipeiDateTime, type GatewayName } from 'nestjs-twpay/protocol';
import {
  type BnplApplicationEntity,
  type BnplStatus,
  type PaymentSubscriptionEntity,
  type SubscriptionStatus,
  type SubscriptionWithPeriods,
} from 'nestjs-twpay';
import {
  BNPL_PRODUCT,
  describeSchedule,
  findPlan,
  formatNtd,
  SHOP_PLANS,
  type ShopPlan,
} from './shop-plans.js';
import { html, SafeHtml } from './html.js';

/** What every page needs to know about the app around it. */
export interface ShopContext {
  /** The gateway the payments module is configured for (TWPAY_GATEWAY); BNPL is ECPay only. */
  gateway: GatewayName;
  /** Whether the gateway simulator is mounted in this process (no TWPAY_GATEWAY_URL). */
  simulator: boolean;
  /** The simulator's virtual clock, when it is mounted. */
  simulatorClock?: Date;
}

/** The ECPay stage test card the simulator approves (REFERENCE.md section 4). */
const TEST_CARD = '4311-9522-2222-2222';

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

const BNPL_STATUS_TEXT: Record<BnplStatus, string> = {
  created: 'Waiting for the gateway: no application has been reported yet.',
  applying:
    'Applied for: the BNPL provider is reviewing the application. Nothing is paid yet.',
  paid: 'Approved and paid: the BNPL provider collects the instalments.',
  failed: 'The application was rejected or the payment failed.',
};

/**
 * `GET /`: the plans, each with a Subscribe button, and on ECPay a product bought with BNPL
 * (無卡分期); on AllPay, which has no BNPL, a line saying so.
 */
export function renderHomePage(context: ShopContext): string {
  return layout(
    'Plans',
    context,
    html`<h1>Choose a plan</h1>
      <p class="lead">
        Each plan is a credit-card periodic agreement (信用卡定期定額): you pay
        the first period now, and the gateway charges the same card on schedule
        after that.
      </p>
      <div class="plans">${SHOP_PLANS.map(planCard)}</div>
      ${
        context.gateway === 'ecpay'
          ? bnplCard()
          : html`<p class="muted" id="bnpl-unavailable">
              BNPL (無卡分期) is offered by ECPay only: run the shop with
              <code>TWPAY_GATEWAY=ecpay</code> to buy with instalments.
            </p>`
      }
      ${
        context.simulator &&
        html`<p class="note">
          Payments go to the gateway simulator running in this app: pay with the
          test card <code>${TEST_CARD}</code>, any future expiry and any 3-digit
          CVV. No real card is charged.
        </p>`
      }`,
  );
}

function planCard(plan: ShopPlan): SafeHtml {
  const total = plan.periodAmount * plan.execTimes;
  return html`<section class="plan" id="plan-${plan.id}">
    <h2>${plan.name}</h2>
    <p class="price">${formatNtd(plan.periodAmount)}</p>
    <p>${describeSchedule(plan)}</p>
    <p class="muted">${plan.description} ${formatNtd(total)} in all.</p>
    <form method="post" action="/shop/subscribe">
      <input type="hidden" name="plan" value="${plan.id}" />
      <button type="submit" id="subscribe-${plan.id}">Subscribe</button>
    </form>
  </section>`;
}

function bnplCard(): SafeHtml {
  return html`<h2>Or pay in instalments</h2>
    <section class="plan" id="bnpl-product">
      <h2>${BNPL_PRODUCT.name}</h2>
      <p class="price">${formatNtd(BNPL_PRODUCT.price)}</p>
      <p class="muted">${BNPL_PRODUCT.description}</p>
      <form method="post" action="/shop/bnpl">
        <button type="submit" id="buy-bnpl">Buy with BNPL</button>
      </form>
    </section>`;
}

/**
 * `GET /bnpl-orders/:id` (where the ClientRedirectURL browser post ends): status, amount and the
 * application; with the simulator mounted, an `applying` order gets approve / reject buttons.
 */
export function renderBnplOrderPage(
  order: BnplApplicationEntity,
  context: ShopContext,
): string {
  const o = order;
  const action = `/shop/simulator/bnpl/${encodeURIComponent(o.id)}`;
  return layout(
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
            <td>${taipei(o.paidAt)}</td>
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
  return layout(
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
            <td>${taipei(s.firstAuthorizedAt)}</td>
          </tr>`
        }
      </table>
      <h2>Timeline</h2>
      <ol class="timeline" id="timeline">
        ${s.periods.map(
          (p) =>
            html`<li
              class="period ${p.success ? 'ok' : 'failed'}"
              data-sequence="${p.sequence}"
            >
              <span class="seq">Period ${p.sequence}</span>
              <span class="date">${taipei(p.processedAt)}</span>
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

function simulatorPanel(returnTo: string, context: ShopContext): SafeHtml {
  return html`<section class="simulator" id="simulator">
    <h2>Gateway simulator</h2>
    <p>
      Virtual clock:
      <strong id="simulator-clock"
        >${context.simulatorClock ? taipei(context.simulatorClock) : '?'}</strong
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

/** `GET /subscriptions`: every subscription, newest first. */
export function renderSubscriptionListPage(
  subscriptions: PaymentSubscriptionEntity[],
  total: number,
  context: ShopContext,
): string {
  return layout(
    'Subscriptions',
    context,
    html`<h1>Subscriptions</h1>
      ${
        subscriptions.length === 0
          ? html`<p>No subscriptions yet. <a href="/">Choose a plan</a>.</p>`
          : html`<table class="list" id="subscriptions">
                <thead>
                  <tr>
                    <th>Plan</th>
                    <th>Status</th>
                    <th>Paid</th>
                    <th>Collected</th>
                    <th>Created</th>
                  </tr>
                </thead>
                <tbody>
                  ${subscriptions.map(
                    (s) =>
                      html`<tr>
                        <td>
                          <a href="/subscriptions/${encodeURIComponent(s.id)}"
                            >${planOf(s)?.name ?? s.itemName}</a
                          >
                        </td>
                        <td>${statusBadge(s.status)}</td>
                        <td>${s.totalSuccessTimes} of ${s.execTimes}</td>
                        <td>${formatNtd(s.amountCollected)}</td>
                        <td>${taipei(s.createdAt)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
              ${total > subscriptions.length && html`<p class="muted">Showing the newest ${subscriptions.length} of ${total}.</p>`}`
      }`,
  );
}

/** A plain error page (unknown subscription or plan). */
export function renderMessagePage(
  title: string,
  message: string,
  context: ShopContext,
): string {
  return layout(
    title,
    context,
    html`<h1>${title}</h1>
      <p>${message}</p>
      <p><a href="/">Back to the plans</a></p>`,
  );
}

function planOf(s: PaymentSubscriptionEntity): ShopPlan | undefined {
  return findPlan(s.metadata?.plan);
}

function statusBadge(status: SubscriptionStatus | BnplStatus): SafeHtml {
  return html`<span
    class="badge status-${status}"
    id="status"
    data-status="${status}"
    >${status.replace(/_/g, ' ')}</span
  >`;
}

function taipei(date: Date): string {
  return formatTaipeiDateTime(date).slice(0, 16);
}

function layout(title: string, context: ShopContext, body: SafeHtml): string {
  return html`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · TWPay demo shop</title>
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        <header>
          <a href="/" class="brand">TWPay demo shop</a>
          <nav>
            <a href="/">Plans</a>
            <a href="/subscriptions">Subscriptions</a
            >${context.simulator && html` <a href="/simulator">Simulator</a>`}
          </nav>
        </header>
        <main>${body}</main>
        <footer class="muted">
          An example app for <code>nestjs-twpay</code>.
        </footer>
      </body>
    </html> `.value;
}

const STYLE = `
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1f2933; background: #f7f8fa; }
header { display: flex; justify-content: space-between; align-items: center; padding: .8rem 1.5rem; background: #fff; border-bottom: 1px solid #e4e7eb; }
header a { color: #1f2933; text-decoration: none; margin-left: 1rem; }
header .brand { font-weight: 700; margin-left: 0; }
main { max-width: 56rem; margin: 1.5rem auto; padding: 0 1.5rem; }
footer { max-width: 56rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; margin: .5rem 0; }
.lead { color: #3e4c59; }
.muted { color: #7b8794; font-size: .9rem; }
.note { background: #fffbea; border: 1px solid #f0d98c; padding: .6rem .9rem; border-radius: 6px; }
.plans { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; margin: 1rem 0; }
.plan { background: #fff; border: 1px solid #e4e7eb; border-radius: 8px; padding: 1rem 1.2rem; }
.plan h2 { margin: 0; font-size: 1.2rem; }
.plan .price { font-size: 1.8rem; font-weight: 700; margin: .4rem 0; }
button { font-size: 1rem; padding: .45rem 1rem; border: 0; border-radius: 6px; background: #2563eb; color: #fff; cursor: pointer; }
button.secondary { background: #52606d; }
table { border-collapse: collapse; background: #fff; margin: .5rem 0 1rem; }
th, td { border: 1px solid #e4e7eb; padding: .35rem .7rem; text-align: left; }
th { background: #f0f2f5; font-weight: 600; }
.badge { display: inline-block; vertical-align: middle; font-size: .8rem; font-weight: 600; padding: .15rem .55rem; border-radius: 999px; background: #e4e7eb; color: #323f4b; text-transform: uppercase; letter-spacing: .03em; }
.status-active, .status-paid { background: #d1fae5; color: #065f46; }
.status-completed { background: #dbeafe; color: #1e40af; }
.status-past_due, .status-applying { background: #fef3c7; color: #92400e; }
.status-first_auth_failed, .status-terminated, .status-failed { background: #fee2e2; color: #991b1b; }
.timeline { list-style: none; padding: 0; border-left: 3px solid #cbd2d9; margin: .5rem 0 1rem .5rem; }
.timeline li { position: relative; padding: .35rem .8rem; margin-left: .8rem; display: flex; gap: 1rem; flex-wrap: wrap; }
.timeline li::before { content: ""; position: absolute; left: -1.35rem; top: .75rem; width: .7rem; height: .7rem; border-radius: 50%; background: #cbd2d9; }
.timeline li.ok::before { background: #10b981; }
.timeline li.failed::before { background: #ef4444; }
.timeline .seq { font-weight: 600; min-width: 5rem; }
.timeline .result { min-width: 4rem; }
.timeline li.ok .result { color: #047857; }
.timeline li.failed .result { color: #b91c1c; }
.simulator { background: #fff; border: 1px dashed #9aa5b1; border-radius: 8px; padding: .6rem 1rem 1rem; }
.simulator h2 { font-size: 1.1rem; }
.simulator a { margin-left: .8rem; }
form.inline { display: inline; }
code { background: #eef1f4; padding: .05rem .3rem; border-radius: 4px; }
`;
