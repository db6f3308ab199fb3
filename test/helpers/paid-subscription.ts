import { expect } from '@jest/globals';
import request from 'supertest';
import type { App } from 'supertest/types.js';

/** The ECPay stage test card the simulator approves. */
export const APPROVED_CARD = '4311-9522-2222-2222';
/** An expiry five years ahead, so the card stays valid whenever the suite runs. */
export const CARD_EXPIRY = `12/${String((new Date().getFullYear() + 5) % 100).padStart(2, '0')}`;

/**
 * `POST /api/subscriptions` on the example app, then pays its checkout with {@link APPROVED_CARD}
 * through the in-process simulator's JSON twin of the checkout page; the first authorization's
 * ReturnURL post has reached the app when this resolves.
 */
export async function subscribeAndPay(
  server: App,
  plan: object,
): Promise<{ id: string; merchantTradeNo: string }> {
  const created = await request(server)
    .post('/api/subscriptions')
    .send(plan)
    .expect(201);
  const { action, fields } = created.body.checkout;
  const paid = await request(server)
    .post('/simulator/api/checkout')
    .send({
      action,
      fields,
      card: { number: APPROVED_CARD, expiry: CARD_EXPIRY, cvv: '222' },
    })
    .expect(200);
  expect(paid.body.rtnCode).toBe('1');
  return {
    id: created.body.id as string,
    merchantTradeNo: created.body.merchantTradeNo as string,
  };
}
