import { formatTaipeiDateTime } from 'nestjs-twpay/protocol';
import {
  type BnplStatus,
  type PaymentSubscriptionEntity,
  type SubscriptionStatus,
} from 'nestjs-twpay';
import { html, type SafeHtml } from '../html.js';
import { findPlan, type ShopPlan } from '../shop-plans.js';

/** The shop plan a subscription was bought as (its `metadata.plan`), if it still exists. */
export function planOf(s: PaymentSubscriptionEntity): ShopPlan | undefined {
  return findPlan(s.metadata?.plan);
}

/** A subscription's or BNPL order's status as a coloured badge (`#status[data-status]`). */
export function statusBadge(status: SubscriptionStatus | BnplStatus): SafeHtml {
  return html`<span
    class="badge status-${status}"
    id="status"
    data-status="${status}"
    >${status.replace(/_/g, ' ')}</span
  >`;
}

/** A date in Taipei time, to the minute (`yyyy/MM/dd HH:mm`). */
export function taipeiTime(date: Date): string {
  return formatTaipeiDateTime(date).slice(0, 16);
}
