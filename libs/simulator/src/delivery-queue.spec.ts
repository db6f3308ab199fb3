import {
  verifyCheckMacValue,
  formatTaipeiDateTime,
} from 'nestjs-twpay/protocol';
import { ACK, FakeTransport, REFUSE } from '../test/helpers/fake-transport.js';
import { ECPAY } from '../test/helpers/orders.js';
import { DeliveryQueue, type DeliveryRequest } from './delivery-queue.js';
import { FaultPlan } from './fault-plan.js';
import { NotificationSigner } from './notification-signer.js';
import { VirtualClock } from './virtual-clock.js';

const START = new Date('2024-03-01T02:00:00Z'); // 2024/03/01 10:00:00 Taipei

function setup() {
  const clock = new VirtualClock(START);
  const faults = new FaultPlan();
  const transport = new FakeTransport();
  const queue = new DeliveryQueue({
    clock,
    faults,
    transport,
    signer: new NotificationSigner(() => ECPAY, faults),
    retryIntervalMinutes: 10,
  });
  /** Runs every attempt due up to `minutes` from now, as the simulator's clock advance does. */
  const runFor = async (minutes: number) => {
    const until = clock.now().getTime() + minutes * 60_000;
    for (
      let d = queue.nextDue();
      d && d.nextAttemptAt!.getTime() <= until;
      d = queue.nextDue()
    ) {
      clock.moveTo(d.nextAttemptAt!);
      await queue.attempt(d);
    }
    clock.moveTo(new Date(until));
  };
  return { clock, faults, transport, queue, runFor };
}

const returnUrl = (n = 1): DeliveryRequest => ({
  channel: 'ReturnURL',
  url: 'https://shop/return',
  merchantId: '3002607',
  merchantTradeNo: `T${n}`,
  orderId: `o${n}`,
  fields: {
    MerchantID: '3002607',
    MerchantTradeNo: `T${n}`,
    RtnCode: '1',
    RtnMsg: '交易成功',
  },
  resendFields: {
    MerchantID: '3002607',
    MerchantTradeNo: `T${n}`,
    RtnCode: '1',
    RtnMsg: 'paid',
  },
});

const periodPost = (gwsr: number): DeliveryRequest => ({
  channel: 'PeriodReturnURL',
  url: 'https://shop/period',
  merchantId: '3002607',
  merchantTradeNo: 'T1',
  orderId: 'o1',
  fields: { MerchantID: '3002607', Gwsr: String(gwsr), RtnCode: '1' },
});

describe('DeliveryQueue', () => {
  it('sends once, signed, and stops at 1|OK', async () => {
    const { queue, transport } = setup();
    const delivery = await queue.submit(returnUrl());
    expect(delivery.status).toBe('acknowledged');
    expect(transport.posts).toHaveLength(1);
    expect(verifyCheckMacValue(transport.posts[0].fields, ECPAY).valid).toBe(
      true,
    );
    expect(queue.nextDue()).toBeUndefined();
  });

  it('re-sends an unacknowledged ReturnURL 4 times, every 10 virtual minutes, with RtnMsg=paid', async () => {
    const { queue, transport, runFor } = setup();
    transport.answer = () => REFUSE;
    const delivery = await queue.submit(returnUrl());
    expect(delivery.status).toBe('scheduled');
    expect(formatTaipeiDateTime(delivery.nextAttemptAt!)).toBe(
      '2024/03/01 10:10:00',
    );
    await runFor(9);
    expect(transport.posts).toHaveLength(1);
    await runFor(120);
    expect(transport.posts.map((p) => p.fields.RtnMsg)).toEqual([
      '交易成功',
      'paid',
      'paid',
      'paid',
      'paid',
    ]);
    expect(delivery.attempts.map((a) => formatTaipeiDateTime(a.at))).toEqual([
      '2024/03/01 10:00:00',
      '2024/03/01 10:10:00',
      '2024/03/01 10:20:00',
      '2024/03/01 10:30:00',
      '2024/03/01 10:40:00',
    ]);
    expect(delivery.status).toBe('unacknowledged');
    for (const post of transport.posts)
      expect(verifyCheckMacValue(post.fields, ECPAY).valid).toBe(true);
  });

  it('stops re-sending once the merchant acknowledges', async () => {
    const { queue, transport, runFor } = setup();
    transport.answer = () => (transport.posts.length < 3 ? REFUSE : ACK);
    const delivery = await queue.submit(returnUrl());
    await runFor(120);
    expect(transport.posts).toHaveLength(3);
    expect(delivery.status).toBe('acknowledged');
  });

  it('never re-sends a PeriodReturnURL post', async () => {
    const { queue, transport, runFor } = setup();
    transport.answer = () => REFUSE;
    const delivery = await queue.submit(periodPost(1));
    await runFor(24 * 60);
    expect(transport.posts).toHaveLength(1);
    expect(delivery.status).toBe('unacknowledged');
  });

  it('drop: the attempt is not sent but counts, so ReturnURL re-sends still come', async () => {
    const { queue, transport, faults, runFor } = setup();
    faults.apply({ dropNextNotifications: 1 });
    const delivery = await queue.submit(returnUrl());
    expect(transport.posts).toHaveLength(0);
    expect(delivery.attempts[0]).toMatchObject({ number: 1, dropped: true });
    await runFor(10);
    expect(transport.posts.map((p) => p.fields.RtnMsg)).toEqual(['paid']);
    expect(delivery.status).toBe('acknowledged');
  });

  it('drop: a dropped PeriodReturnURL post is lost for good', async () => {
    const { queue, transport, faults, runFor } = setup();
    faults.apply({ dropNextNotifications: 1 });
    const delivery = await queue.submit(periodPost(1));
    await runFor(24 * 60);
    expect(transport.posts).toHaveLength(0);
    expect(delivery.status).toBe('unacknowledged');
  });

  it('duplicate: the same signed body is sent twice', async () => {
    const { queue, transport, faults } = setup();
    faults.apply({ duplicateNextNotifications: 1 });
    const delivery = await queue.submit(periodPost(7));
    await queue.submit(periodPost(8));
    expect(transport.posts.map((p) => p.fields.Gwsr)).toEqual(['7', '7', '8']);
    expect(transport.posts[0].fields).toEqual(transport.posts[1].fields);
    expect(delivery.attempts.map((a) => [a.number, a.duplicate])).toEqual([
      [1, false],
      [1, true],
    ]);
  });

  it('corrupt: the next MAC fails verification, the one after is fine', async () => {
    const { queue, transport, faults } = setup();
    faults.apply({ corruptNextMacs: 1 });
    await queue.submit(periodPost(1));
    await queue.submit(periodPost(2));
    const [bad, good] = transport.posts;
    expect(verifyCheckMacValue(bad.fields, ECPAY).valid).toBe(false);
    expect(verifyCheckMacValue(good.fields, ECPAY).valid).toBe(true);
  });

  it('delay: the first send waits the given virtual minutes', async () => {
    const { queue, transport, faults, runFor } = setup();
    faults.apply({ delayNextNotifications: { count: 1, minutes: 30 } });
    const delivery = await queue.submit(returnUrl());
    expect(transport.posts).toHaveLength(0);
    expect(formatTaipeiDateTime(delivery.nextAttemptAt!)).toBe(
      '2024/03/01 10:30:00',
    );
    await runFor(29);
    expect(transport.posts).toHaveLength(0);
    await runFor(1);
    expect(transport.posts.map((p) => p.fields.RtnMsg)).toEqual(['交易成功']);
  });

  it('reorder: the next N period posts are held, then sent newest first', async () => {
    const { queue, transport, faults } = setup();
    faults.apply({ reorderNextPeriodNotifications: 3 });
    await queue.submit(periodPost(1));
    await queue.submit(periodPost(2));
    expect(transport.posts).toHaveLength(0);
    expect(queue.all().map((d) => d.status)).toEqual(['held', 'held']);
    await queue.submit(periodPost(3));
    await queue.submit(periodPost(4));
    expect(transport.posts.map((p) => p.fields.Gwsr)).toEqual([
      '3',
      '2',
      '1',
      '4',
    ]);
  });

  it('reorder: releaseHeld sends an incomplete batch, newest first', async () => {
    const { queue, transport, faults } = setup();
    faults.apply({ reorderNextPeriodNotifications: true });
    await queue.submit(periodPost(1));
    await queue.releaseHeld();
    expect(transport.posts.map((p) => p.fields.Gwsr)).toEqual(['1']);
    expect(faults.current().reorderNextPeriodNotifications).toBe(1);
  });

  it('reports what an operation touched', async () => {
    const { queue, transport, runFor } = setup();
    transport.answer = () => REFUSE;
    await queue.submit(returnUrl(1));
    const mark = queue.mark();
    await runFor(10);
    await queue.submit(returnUrl(2));
    expect(queue.touchedSince(mark).map((d) => d.merchantTradeNo)).toEqual([
      'T1',
      'T2',
    ]);
  });
});
