import type { FaultSettings } from '../fault-plan.js';
import type { MerchantAnswer } from '../notification-transport.js';
import type {
  DeliverySnapshot,
  OrderSnapshot,
  SimulatorSnapshot,
} from '../simulator-snapshot.js';
import { markup, page, type SafeHtml } from './html.js';

/** Every form on the dashboard posts with this field, so the control API redirects back here. */
const BACK = markup`<input type="hidden" name="redirect" value="dashboard" />`;

const COUNTED_FAULTS: readonly (keyof Omit<
  FaultSettings,
  'delayNextNotifications'
>)[] = [
  'declineNextCharges',
  'dropNextNotifications',
  'duplicateNextNotifications',
  'reorderNextPeriodNotifications',
  'corruptNextMacs',
  'simulatePaidNext',
  'tooFastNextQueries',
];

/**
 * `GET /simulator`: the clock with buttons to advance it, the faults, every agreement with its
 * authorizations, and every notification with each attempt and the merchant's answer. Plain HTML
 * forms posting to the control API, so it works without scripts.
 */
export function renderDashboard(
  snapshot: SimulatorSnapshot,
  root: string,
): string {
  const at = (path: string) => simulatorPath(root, path);
  const { faults } = snapshot;
  return page(
    'Gateway simulator',
    markup`<h1>Gateway simulator</h1>
<section id="clock">
<h2>Virtual clock: <span id="now">${snapshot.clock.taipei}</span> (Taipei)</h2>
<form class="inline" method="post" action="${at('/clock/advance')}">${BACK}<input type="hidden" name="days" value="1"><button id="advance-day">+1 day</button></form>
<form class="inline" method="post" action="${at('/clock/advance')}">${BACK}<input type="hidden" name="months" value="1"><button id="advance-month">+1 month</button></form>
<form class="inline" method="post" action="${at('/clock/advance')}">${BACK}
<input name="months" size="3" placeholder="months"> <input name="days" size="3" placeholder="days"> <input name="minutes" size="4" placeholder="minutes">
<button id="advance-custom">Advance</button></form>
<form class="inline" method="post" action="${at('/reset')}">${BACK}<button id="reset">Reset everything</button></form>
<p class="muted">Merchants: ${snapshot.merchants.join(', ')}. Advancing runs every charge, ReAuth and notification re-send that falls due, in time order.</p>
</section>
<section id="faults">
<h2>Faults</h2>
<form method="post" action="${at('/faults')}">${BACK}
<table><tr><th>Fault</th><th>Remaining</th><th>Set to</th></tr>
${COUNTED_FAULTS.map(
  (name) =>
    markup`<tr><td>${name}</td><td>${faults[name]}</td><td><input name="${name}" size="4"></td></tr>`,
)}
<tr><td>delayNextNotifications</td><td>${faults.delayNextNotifications.count} x ${faults.delayNextNotifications.minutes} min</td>
<td><input name="delayNextNotifications[count]" size="4" placeholder="count"> <input name="delayNextNotifications[minutes]" size="4" placeholder="minutes"></td></tr>
</table>
<button id="set-faults">Set faults</button></form>
<form method="post" action="${at('/faults')}">${BACK}${COUNTED_FAULTS.map(
      (name) => markup`<input type="hidden" name="${name}" value="0">`,
    )}<input type="hidden" name="delayNextNotifications[count]" value="0"><button id="clear-faults">Clear faults</button></form>
</section>
<section id="orders">
<h2>Orders and agreements (${snapshot.orders.length})</h2>
${snapshot.orders.length === 0 ? markup`<p>No orders yet.</p>` : snapshot.orders.map((o) => orderSection(o, root))}
</section>
<section id="deliveries">
<h2>Notifications (${snapshot.deliveries.length})</h2>
${snapshot.deliveries.length === 0 ? markup`<p>None sent yet.</p>` : deliveryTable(snapshot.deliveries)}
</section>`,
  );
}

function orderSection(o: OrderSnapshot, root: string): SafeHtml {
  const p = o.period;
  const decide = (decision: 'approve' | 'reject') =>
    markup`<form class="inline" method="post" action="${simulatorPath(root, `/bnpl/${encodeURIComponent(o.merchantTradeNo)}/${decision}`)}">${BACK}<input type="hidden" name="merchantId" value="${o.merchantId}"><button>${decision}</button></form>`;
  return markup`<h3 id="order-${o.merchantTradeNo}">${o.gateway === 'ecpay' ? 'ECPay V5' : 'AllPay V4'} ${o.merchantId} / ${o.merchantTradeNo}</h3>
<table class="order">
<tr><th>TradeNo</th><th>Payment</th><th>Status</th><th>Amount</th><th>Terms</th><th>ExecStatus</th><th>Successes</th><th>Next due</th><th>Actions</th></tr>
<tr><td>${o.tradeNo}</td><td>${o.payment}${o.card && ` ${o.card.card6no}******${o.card.card4no}`}</td>
<td class="status">${o.status}</td><td>NT$${o.totalAmount}</td>
<td>${p ? `every ${p.frequency}${p.periodType} x ${p.execTimes}` : '-'}</td>
<td>${p?.execStatus ?? '-'}${p?.stoppedBecause && ` (${p.stoppedBecause})`}${p?.reauthPending && ' ReAuth pending'}</td>
<td>${p ? `${p.totalSuccessTimes} / NT$${p.totalSuccessAmount}` : '-'}</td>
<td>${p?.nextDueAt ?? '-'}</td>
<td>${o.status === 'awaiting-payment' && markup`<a href="${root}${o.checkoutPath}">checkout page</a>`}${o.status === 'bnpl-applying' && [decide('approve'), decide('reject')]}</td></tr>
</table>
${
  o.authorizations.length > 0 &&
  markup`<table class="authorizations"><tr><th>#</th><th>Kind</th><th>Gwsr</th><th>TradeNo</th><th>RtnCode</th><th>RtnMsg</th><th>AuthCode</th><th>Amount</th><th>Processed</th><th>SimulatePaid</th></tr>
${o.authorizations.map(
  (a) =>
    markup`<tr><td>${a.sequence}</td><td>${a.kind}</td><td>${a.gwsr}</td><td>${a.tradeNo}</td><td>${a.rtnCode}</td><td>${a.rtnMsg}</td><td>${a.authCode}</td><td>${a.amount}</td><td>${a.processDate}</td><td>${a.simulatePaid ? '1' : '0'}</td></tr>`,
)}</table>`
}
${o.bnpl && markup`<p>BNPL ${o.bnpl.bnplTradeNo}, ${o.bnpl.installment} instalments, applied ${o.bnpl.appliedAt}${o.bnpl.result && `; result ${o.bnpl.result.rtnCode} ${o.bnpl.result.rtnMsg}`}</p>`}`;
}

function deliveryTable(deliveries: DeliverySnapshot[]): SafeHtml {
  return markup`<table><tr><th>#</th><th>Channel</th><th>MerchantTradeNo</th><th>URL</th><th>Status</th><th>Attempts: time, RtnMsg, merchant's answer</th></tr>
${deliveries.map(
  (
    d,
  ) => markup`<tr class="delivery"><td>${d.id}</td><td>${d.channel}</td><td>${d.merchantTradeNo}</td><td><code>${d.url}</code></td>
<td>${d.status}${d.nextAttemptAt && ` (next ${d.nextAttemptAt})`}</td>
<td>${d.attempts.map((a) => markup`<div>#${a.number} ${a.at} ${a.rtnMsg}${a.duplicate && ' [duplicate]'}${a.dropped && ' [dropped]'}${a.macCorrupted && ' [MAC corrupted]'}: ${answerCell(a.answer, a.dropped)}</div>`)}</td></tr>`,
)}</table>`;
}

function answerCell(
  answer: MerchantAnswer | undefined,
  dropped: boolean,
): SafeHtml | string {
  if (answer === undefined) return dropped ? 'not sent' : 'in flight';
  if ('error' in answer)
    return markup`<span class="error">${answer.error}</span>`;
  return markup`<span class="${answer.acknowledged ? 'ok' : 'error'}">HTTP ${answer.status}</span> <code>${answer.body}</code>`;
}

/** A control-API path under the mount root ('' when the simulator is mounted at the root). */
function simulatorPath(root: string, path: string): string {
  return `${root}/simulator${path}`;
}
