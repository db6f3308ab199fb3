import { verifyCheckMacValue } from 'nestjs-twpay/protocol';
import { FakeTransport, REFUSE } from '../test/helpers/fake-transport.js';
import {
  APPROVED_CARD,
  bnplOrder,
  DECLINED_CARD,
  ECPAY,
  periodicOrder,
  signed,
} from '../test/helpers/orders.js';
import { GatewaySimulator } from './gateway-simulator.js';
import { resolveSimulatorOptions } from './simulator-options.js';
import type { SimulatedOrder } from './simulator-model.js';

const URLS = {
  returnUrl: 'https://shop/return',
  periodReturnUrl: 'https://shop/period',
  paymentInfoUrl: 'https://shop/info',
};
const START = new Date('2024-01-31T02:00:00Z'); // 2024/01/31 10:00:00 Taipei: a month-end anchor

function setup(options: Parameters<typeof resolveSimulatorOptions>[0] = {}) {
  const transport = new FakeTransport();
  const simulator = new GatewaySimulator(
    resolveSimulatorOptions({ startTime: START, ...options }),
    transport,
  );
  return { simulator, transport };
}

async function paidAgreement(
  simulator: GatewaySimulator,
  overrides: Record<string, string> = {},
): Promise<SimulatedOrder> {
  const created = simulator.createOrder(
    'ecpay',
    Object.entries(signed(periodicOrder(URLS, overrides))),
  );
  if (!created.ok) throw new Error(created.error.message);
  const paid = await simulator.pay(created.order.id, APPROVED_CARD);
  if (!paid.ok) throw new Error(paid.error.message);
  return created.order;
}

describe('GatewaySimulator', () => {
  it('authorizes the first period at checkout and notifies ReturnURL', async () => {
    const { simulator, transport } = setup();
    const order = await paidAgreement(simulator);
    expect(order.status).toBe('paid');
    expect(order.agreement).toMatchObject({ execStatus: '1', nextSequence: 2 });
    const [post] = transport.to(URLS.returnUrl);
    expect(post).toMatchObject({
      RtnCode: '1',
      RtnMsg: '交易成功',
      TradeNo: order.tradeNo,
      TradeAmt: '299',
    });
    // A 16-digit order TradeNo, as captured (docs/gateway-protocol.md §12.2).
    expect(post.TradeNo).toMatch(/^\d{16}$/);
    expect(verifyCheckMacValue(post, ECPAY).valid).toBe(true);
  });

  it('runs the whole schedule in order, month-end clamped, and finishes with ExecStatus 2', async () => {
    const { simulator, transport } = setup();
    const order = await paidAgreement(simulator);
    const result = await simulator.advance({ months: 11 });
    const posts = transport.to(URLS.periodReturnUrl);
    expect(posts.map((p) => p.TotalSuccessTimes)).toEqual([
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      '12',
    ]);
    expect(posts.slice(0, 3).map((p) => p.ProcessDate)).toEqual([
      '2024/02/29 10:00:00',
      '2024/03/31 10:00:00',
      '2024/04/30 10:00:00',
    ]);
    expect(new Set(posts.map((p) => p.Gwsr)).size).toBe(11);
    for (const post of posts)
      expect(verifyCheckMacValue(post, ECPAY).valid).toBe(true);
    expect(result.authorizations).toHaveLength(11);
    expect(order.agreement).toMatchObject({
      execStatus: '2',
      stoppedBecause: 'finished',
      nextDueAt: undefined,
    });
    await simulator.advance({ months: 3 });
    expect(transport.to(URLS.periodReturnUrl)).toHaveLength(11);
  });

  it('does not charge before the due time', async () => {
    const { simulator, transport } = setup();
    await paidAgreement(simulator);
    await simulator.advance({ days: 28 }); // 2024/02/28, period 2 is due 02/29
    expect(transport.to(URLS.periodReturnUrl)).toHaveLength(0);
    await simulator.advance({ days: 1 });
    expect(transport.to(URLS.periodReturnUrl)).toHaveLength(1);
  });

  it('posts a failed charge with RtnCode 10100058 and its own Gwsr, and can be told not to', async () => {
    const { simulator, transport } = setup();
    await paidAgreement(simulator);
    simulator.faults.apply({ declineNextCharges: 1 });
    await simulator.advance({ months: 1 });
    expect(transport.to(URLS.periodReturnUrl)[0]).toMatchObject({
      RtnCode: '10100058',
      AuthCode: '',
      TotalSuccessTimes: '1',
      Gwsr: expect.stringMatching(/^\d+$/),
    });

    const quiet = setup({ postFailedPeriods: false });
    const order = await paidAgreement(quiet.simulator);
    quiet.simulator.faults.apply({ declineNextCharges: 1 });
    await quiet.simulator.advance({ months: 1 });
    expect(quiet.transport.to(URLS.periodReturnUrl)).toHaveLength(0);
    expect(order.authorizations.at(-1)).toMatchObject({ rtnCode: '10100058' });
  });

  it('stops the agreement after six consecutive failures (ExecStatus 0)', async () => {
    const { simulator, transport } = setup();
    const order = await paidAgreement(simulator, { ExecTimes: '24' });
    simulator.faults.apply({ declineNextCharges: 5 });
    await simulator.advance({ months: 6 }); // 5 failures, then a success resets the count
    expect(order.agreement).toMatchObject({
      execStatus: '1',
      consecutiveFailures: 0,
    });
    simulator.faults.apply({ declineNextCharges: 6 });
    await simulator.advance({ months: 6 });
    expect(order.agreement).toMatchObject({
      execStatus: '0',
      stoppedBecause: 'six-failures',
    });
    expect(order.authorizations.map((a) => a.rtnCode === '1')).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    await simulator.advance({ months: 6 });
    expect(transport.to(URLS.periodReturnUrl)).toHaveLength(12);
    expect(simulator.requestReAuth(order)?.code).toBe('100006');
  });

  it('counts failed charges toward ExecTimes', async () => {
    const { simulator } = setup();
    const order = await paidAgreement(simulator, { ExecTimes: '3' });
    simulator.faults.apply({ declineNextCharges: 1 });
    await simulator.advance({ months: 5 });
    expect(order.authorizations.map((a) => a.sequence)).toEqual([1, 2, 3]);
    expect(order.agreement?.execStatus).toBe('2');
  });

  it('declines a charge once the card has expired on the virtual clock', async () => {
    const { simulator } = setup();
    const created = simulator.createOrder(
      'ecpay',
      Object.entries(signed(periodicOrder(URLS))),
    );
    if (!created.ok) throw new Error('order refused');
    await simulator.pay(created.order.id, {
      ...APPROVED_CARD,
      expiry: '02/24',
    });
    await simulator.advance({ months: 2 });
    expect(created.order.authorizations.map((a) => a.rtnMsg)).toEqual([
      '交易成功',
      '交易成功',
      '授權失敗 (卡片過期)',
    ]);
  });

  it('cancels: no more charges, ExecStatus 0, irreversible', async () => {
    const { simulator, transport } = setup();
    const order = await paidAgreement(simulator);
    await simulator.advance({ months: 1 });
    expect(simulator.cancelAgreement(order)).toBeUndefined();
    await simulator.advance({ months: 3 });
    expect(transport.to(URLS.periodReturnUrl)).toHaveLength(1);
    expect(order.agreement).toMatchObject({
      execStatus: '0',
      stoppedBecause: 'cancelled',
    });
    // Cancel is irreversible: any later action answers the captured 100006 (docs/gateway-protocol.md §12.1).
    const stopped = { code: '100006', message: '該訂單狀態為停用中' };
    expect(simulator.cancelAgreement(order)).toEqual(stopped);
    expect(simulator.requestReAuth(order)).toEqual(stopped);
  });

  it('re-authorizes only the latest failed charge, at the next clock advance', async () => {
    const { simulator, transport } = setup();
    const order = await paidAgreement(simulator);
    expect(simulator.requestReAuth(order)?.message).toMatch(
      /latest charge succeeded/,
    );
    simulator.faults.apply({ declineNextCharges: 1 });
    await simulator.advance({ months: 1 });
    expect(simulator.requestReAuth(order)).toBeUndefined();
    expect(simulator.requestReAuth(order)?.message).toMatch(/already pending/);
    expect(transport.to(URLS.periodReturnUrl)).toHaveLength(1);
    await simulator.advance({});
    const posts = transport.to(URLS.periodReturnUrl);
    expect(posts.map((p) => [p.RtnCode, p.TotalSuccessTimes])).toEqual([
      ['10100058', '1'],
      ['1', '2'],
    ]);
    expect(order.authorizations.at(-1)).toMatchObject({
      sequence: 2,
      kind: 'reauth',
      rtnCode: '1',
    });
    expect(simulator.requestReAuth(order)?.message).toMatch(
      /latest charge succeeded/,
    );
  });

  it('refuses ReAuth of an older failure once a later charge succeeded', async () => {
    const { simulator } = setup();
    const order = await paidAgreement(simulator);
    simulator.faults.apply({ declineNextCharges: 1 });
    await simulator.advance({ months: 2 });
    expect(order.authorizations.map((a) => a.rtnCode)).toEqual([
      '1',
      '10100058',
      '1',
    ]);
    expect(simulator.requestReAuth(order)?.code).toBe('99100013');
  });

  it('re-sends an unanswered ReturnURL on the virtual clock, between charges', async () => {
    const { simulator, transport } = setup();
    transport.answer = (url) =>
      url === URLS.returnUrl
        ? REFUSE
        : { status: 200, body: '1|OK', acknowledged: true };
    await paidAgreement(simulator);
    await simulator.advance({ months: 1 });
    expect(transport.to(URLS.returnUrl).map((p) => p.RtnMsg)).toEqual([
      '交易成功',
      'paid',
      'paid',
      'paid',
      'paid',
    ]);
    expect(
      transport.posts.map((p) => p.url).indexOf(URLS.periodReturnUrl),
    ).toBe(5);
  });

  it('declines a declined test card at checkout and stops the agreement before it starts', async () => {
    const { simulator, transport } = setup();
    const created = simulator.createOrder(
      'ecpay',
      Object.entries(signed(periodicOrder(URLS))),
    );
    if (!created.ok) throw new Error('order refused');
    const paid = await simulator.pay(created.order.id, DECLINED_CARD);
    expect(paid).toMatchObject({ ok: true, result: { rtnCode: '10100058' } });
    expect(created.order).toMatchObject({
      status: 'failed',
      agreement: { execStatus: '0' },
    });
    expect(transport.to(URLS.returnUrl)[0]).toMatchObject({
      RtnCode: '10100058',
    });
    const again = await simulator.pay(created.order.id, APPROVED_CARD);
    expect(again).toMatchObject({ ok: false, error: { code: '99100014' } });
  });

  it('sends card input the bank does not know back without touching the order', async () => {
    const { simulator, transport } = setup();
    const created = simulator.createOrder(
      'ecpay',
      Object.entries(signed(periodicOrder(URLS))),
    );
    if (!created.ok) throw new Error('order refused');
    for (const card of [
      { ...APPROVED_CARD, number: '4111111111111111' },
      { ...APPROVED_CARD, expiry: '12/23' },
      { ...APPROVED_CARD, expiry: '13/30' },
      { ...APPROVED_CARD, cvv: '22' },
    ]) {
      expect(await simulator.pay(created.order.id, card)).toMatchObject({
        ok: false,
        error: { code: '99100015' },
      });
    }
    expect(created.order.status).toBe('awaiting-payment');
    expect(transport.posts).toHaveLength(0);
  });

  it('flags SimulatePaid=1 on the next successful payments only', async () => {
    const { simulator, transport } = setup();
    simulator.faults.apply({ simulatePaidNext: 1 });
    await paidAgreement(simulator);
    await simulator.advance({ months: 1 });
    expect(transport.to(URLS.returnUrl)[0].SimulatePaid).toBe('1');
    expect(transport.to(URLS.periodReturnUrl)[0].SimulatePaid).toBe('0');
  });

  it('runs a BNPL application, then its approval', async () => {
    const { simulator, transport } = setup();
    const created = simulator.createOrder(
      'ecpay',
      Object.entries(signed(bnplOrder(URLS))),
    );
    if (!created.ok) throw new Error('order refused');
    expect(await simulator.applyBnpl(created.order.id, 5)).toMatchObject({
      ok: false,
    });
    const applied = await simulator.applyBnpl(created.order.id, 6);
    expect(applied).toMatchObject({ ok: true, result: { rtnCode: '2' } });
    expect(transport.to(URLS.paymentInfoUrl)[0]).toMatchObject({
      RtnCode: '2',
      BNPLInstallment: '6',
    });
    await simulator.decideBnpl(created.order.id, true);
    expect(transport.to(URLS.returnUrl)[0]).toMatchObject({
      RtnCode: '1',
      PaymentType: 'BNPL_URICH',
    });
    expect(created.order.status).toBe('paid');
    expect(await simulator.decideBnpl(created.order.id, false)).toMatchObject({
      ok: false,
    });
  });

  it('reset forgets orders and puts the clock back', async () => {
    const { simulator } = setup();
    await paidAgreement(simulator);
    await simulator.advance({ days: 3 });
    await simulator.reset();
    expect(simulator.state.all()).toHaveLength(0);
    expect(simulator.deliveries.all()).toHaveLength(0);
    expect(simulator.clock.now()).toEqual(START);
  });

  it('never runs two advances at once', async () => {
    const { simulator, transport } = setup();
    await paidAgreement(simulator);
    await Promise.all([
      simulator.advance({ days: 30 }),
      simulator.advance({ days: 30 }),
    ]);
    expect(
      transport.to(URLS.periodReturnUrl).map((p) => p.TotalSuccessTimes),
    ).toEqual(['2', '3']);
  });
});
