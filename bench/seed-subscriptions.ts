import {
  BENCH_PLAN,
  firstAuthorizationBody,
  type BenchSubscription,
} from './gateway-posts.js';

/**
 * Creates `count` subscriptions through the example app's own API (`POST /api/subscriptions`) and
 * posts each one's first authorization to ReturnURL, then checks through `GET /api/subscriptions/:id`
 * that every one is `active`.
 */
export async function seedActiveSubscriptions(
  baseUrl: string,
  count: number,
): Promise<BenchSubscription[]> {
  const subscriptions: BenchSubscription[] = [];
  for (let start = 0; start < count; start += 10) {
    const batch = Array.from(
      { length: Math.min(10, count - start) },
      (_, i) => start + i,
    );
    subscriptions.push(
      ...(await Promise.all(batch.map((i) => seedOne(baseUrl, i)))),
    );
  }
  return subscriptions;
}

async function seedOne(
  baseUrl: string,
  index: number,
): Promise<BenchSubscription> {
  const created = await fetch(`${baseUrl}/api/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...BENCH_PLAN, customerId: `bench-${index}` }),
  });
  if (created.status !== 201)
    throw new Error(
      `POST /api/subscriptions answered ${created.status}: ${await created.text()}`,
    );
  const { id, merchantTradeNo } = (await created.json()) as {
    id: string;
    merchantTradeNo: string;
  };
  const subscription = {
    id,
    merchantTradeNo,
    periodAmount: BENCH_PLAN.periodAmount,
  };
  const answer = await fetch(`${baseUrl}/payments/notify/return`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: firstAuthorizationBody(subscription, index),
  });
  const text = await answer.text();
  if (text !== '1|OK')
    throw new Error(`first authorization of ${merchantTradeNo}: ${text}`);
  const view = (await (
    await fetch(`${baseUrl}/api/subscriptions/${id}`)
  ).json()) as { status: string };
  if (view.status !== 'active')
    throw new Error(`${merchantTradeNo} is ${view.status}, not active`);
  return subscription;
}
