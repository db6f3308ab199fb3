import { html, type SafeHtml } from '../html.js';
import {
  BNPL_PRODUCT,
  describeSchedule,
  formatNtd,
  SHOP_PLANS,
  type ShopPlan,
} from '../shop-plans.js';
import { renderLayout } from './page-layout.js';
import type { ShopContext } from './shop-context.js';

/** The ECPay stage test card the simulator approves (docs/gateway-protocol.md §4). */
const TEST_CARD = '4311-9522-2222-2222';

/**
 * `GET /`: the plans, each with a Subscribe button, and on ECPay a product bought with BNPL
 * (無卡分期); on AllPay, which has no BNPL, a line saying so.
 */
export function renderHomePage(context: ShopContext): string {
  return renderLayout(
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
