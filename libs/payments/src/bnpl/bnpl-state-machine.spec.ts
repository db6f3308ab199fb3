import { PAYMENTS_EVENTS } from '../events/payments-events.js';
import {
  decideBnplResult,
  type BnplApplicationResult,
  type BnplPaymentResult,
  type BnplResult,
} from './bnpl-state-machine.js';
import type { BnplStatus } from '../domain/bnpl-status.js';

const RECEIVED_AT = new Date('2024-03-01T04:00:00Z');
const PAID_AT = new Date('2024-03-02T02:00:00Z');

const applying: BnplApplicationResult = {
  kind: 'application',
  applying: true,
  rtnCode: '2',
  rtnMsg: '申請中',
  tradeNo: '2403011200001234',
  bnplTradeNo: 'U2024030100001',
  installments: 6,
  paymentType: 'BNPL_URICH',
  receivedAt: RECEIVED_AT,
};
const applicationFailed: BnplApplicationResult = {
  ...applying,
  applying: false,
  rtnCode: '10100058',
  rtnMsg: '申請失敗',
  bnplTradeNo: null,
  installments: null,
};
const paid: BnplPaymentResult = {
  kind: 'payment',
  paid: true,
  simulated: false,
  rtnCode: '1',
  rtnMsg: '交易成功',
  tradeNo: '2403011200001234',
  bnplTradeNo: null,
  installments: null,
  paymentType: 'BNPL_URICH',
  paidAt: PAID_AT,
};
const paymentFailed: BnplPaymentResult = {
  ...paid,
  paid: false,
  rtnCode: '10100058',
  rtnMsg: '付款失敗',
  paidAt: null,
};

const order = (status: BnplStatus) => ({
  status,
  tradeNo: null,
  bnplTradeNo: null,
  installments: null,
  paymentType: null,
});

const {
  BNPL_APPLICATION_RECEIVED: RECEIVED,
  BNPL_APPLICATION_FAILED: APP_FAILED,
  BNPL_PAID: PAID,
  BNPL_FAILED: FAILED,
} = PAYMENTS_EVENTS;

describe('decideBnplResult', () => {
  it.each<[BnplStatus, string, BnplResult, BnplStatus | null, string[]]>([
    ['created', 'applying', applying, 'applying', [RECEIVED]],
    [
      'created',
      'application failed',
      applicationFailed,
      'failed',
      [APP_FAILED, FAILED],
    ],
    // The payment result may overtake the application result.
    ['created', 'paid', paid, 'paid', [PAID]],
    ['created', 'payment failed', paymentFailed, 'failed', [FAILED]],
    ['applying', 'paid', paid, 'paid', [PAID]],
    ['applying', 'payment failed', paymentFailed, 'failed', [FAILED]],
    [
      'applying',
      'application failed',
      applicationFailed,
      'failed',
      [APP_FAILED, FAILED],
    ],
    // The payment result is the one that counts (docs/gateway-protocol.md §8).
    ['failed', 'paid', paid, 'paid', [PAID]],
    // Duplicates and late results change nothing.
    ['applying', 'applying again', applying, null, []],
    ['failed', 'applying (late)', applying, null, []],
    ['failed', 'payment failed again', paymentFailed, null, []],
    ['failed', 'application failed again', applicationFailed, null, []],
    ['paid', 'paid again', paid, null, []],
    ['paid', 'applying (late)', applying, null, []],
    ['paid', 'payment failed (late)', paymentFailed, null, []],
    ['paid', 'application failed (late)', applicationFailed, null, []],
  ])('%s + %s → %s', (from, _label, result, to, events) => {
    const transition = decideBnplResult(order(from), result);
    expect(
      transition && {
        from: transition.from,
        to: transition.to,
        status: transition.changes.status,
        events: transition.events,
      },
    ).toEqual(to && { from, to, status: to, events });
  });

  it('stores the application details on applying', () => {
    expect(decideBnplResult(order('created'), applying)?.changes).toEqual({
      status: 'applying',
      rtnCode: '2',
      rtnMsg: '申請中',
      tradeNo: '2403011200001234',
      bnplTradeNo: 'U2024030100001',
      installments: 6,
      paymentType: 'BNPL_URICH',
      appliedAt: RECEIVED_AT,
    });
  });

  it('stores the payment date and the simulated flag on paid, keeping what the application told', () => {
    const known = {
      ...order('applying'),
      tradeNo: '2403011200001234',
      bnplTradeNo: 'U2024030100001',
      installments: 6,
      paymentType: 'BNPL_URICH',
    };
    expect(
      decideBnplResult(known, { ...paid, tradeNo: null, simulated: true })
        ?.changes,
    ).toEqual({
      status: 'paid',
      rtnCode: '1',
      rtnMsg: '交易成功',
      tradeNo: '2403011200001234',
      bnplTradeNo: 'U2024030100001',
      installments: 6,
      paymentType: 'BNPL_URICH',
      paidAt: PAID_AT,
      simulated: true,
    });
  });

  it('keeps RtnMsg within its 200-character column', () => {
    const long = { ...paymentFailed, rtnMsg: 'x'.repeat(300) };
    expect(
      decideBnplResult(order('created'), long)?.changes.rtnMsg,
    ).toHaveLength(200);
  });
});
