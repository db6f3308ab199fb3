import { type PaymentSubscriptionEntity } from 'nestjs-twpay';
import { html } from '../html.js';
import { formatNtd } from '../shop-plans.js';
import { planOf, statusBadge, taipeiTime } from './page-fragments.js';
import { renderLayout } from './page-layout.js';
import type { ShopContext } from './shop-context.js';

/** `GET /subscriptions`: every subscription, newest first. */
export function renderSubscriptionListPage(
  subscriptions: PaymentSubscriptionEntity[],
  total: number,
  context: ShopContext,
): string {
  return renderLayout(
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
                        <td>${taipeiTime(s.createdAt)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
              ${total > subscriptions.length && html`<p class="muted">Showing the newest ${subscriptions.length} of ${total}.</p>`}`
      }`,
  );
}
