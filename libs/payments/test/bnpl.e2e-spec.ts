import request from 'supertest';
import {
  BnplOrderEntity,
  GatewayNotificationEntity,
  PAYMENTS_EVENTS,
  PaymentsValidationError,
  UnsupportedByGatewayError,
} from 'nestjs-twpay';
import { checkMacValue, verifyCheckMacValue } from 'nestjs-twpay/protocol';
import {
  ECPAY_STAGE,
  bnplApplicationFields,
  bnplPaymentFields,
  signedBody,
  tamperCheckMacValue,
} from './support/gateway-bodies.js';
import {
  createPaymentsTestApp,
  type PaymentsTestApp,
} from './fixtures/payments-test-app.js';

const DB = process.env.TWPAY_TEST_DB ?? 'sqlite';

/** Vector V8's CheckMacValue (docs/gateway-protocol.md section 3). */
const V8_CHECK_MAC_VALUE =
  'FF9027B7844BA39BCAC731EB70344C39D99CC38251BB977C9AFA929F626E749D';

const {
  BNPL_APPLICATION_RECEIVED,
  BNPL_APPLICATION_FAILED,
  BNPL_PAID,
  BNPL_FAILED,
  NOTIFICATION_REJECTED,
} = PAYMENTS_EVENTS;

describe(`BNPL orders (${DB})`, () => {
  let t: PaymentsTestApp;

  beforeAll(async () => {
    t = await createPaymentsTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(() => {
    t.events.length = 0;
  });

  const post = (route: string, body: string) => t.post(route, body);

  async function order(overrides: Record<string, unknown> = {}) {
    const created = await t.bnpl.createOrder({
      totalAmount: 3000,
      itemName: 'Road bike',
      customerId: 'cust-7',
      ...overrides,
    });
    return { ...created, merchantTradeNo: created.order.merchantTradeNo };
  }

  const application = (
    merchantTradeNo: string,
    extra: Parameters<typeof bnplApplicationFields>[0] = {},
  ) => signedBody(bnplApplicationFields({ merchantTradeNo, ...extra }));

  const payment = (
    merchantTradeNo: string,
    extra: Partial<Parameters<typeof bnplPaymentFields>[0]> = {},
  ) =>
    signedBody(bnplPaymentFields({ merchantTradeNo, amount: 3000, ...extra }));

  const names = () =>
    t.events.map((e) => e.name).filter((n) => n !== NOTIFICATION_REJECTED);
  const outcomes = async (merchantTradeNo: string) =>
    (
      await t.dataSource
        .getRepository(GatewayNotificationEntity)
        .find({ where: { merchantTradeNo }, order: { receivedAt: 'ASC' } })
    ).map((n) => [n.channel, n.outcome]);

  it('creates a created order with a signed ChoosePayment=BNPL checkout and the three callback URLs', async () => {
    const { order: created, checkout } = await order({
      customFields: ['user:7'],
    });
    expect(created).toMatchObject({
      status: 'created',
      gateway: 'ecpay',
      merchantId: ECPAY_STAGE.merchantId,
      totalAmount: 3000,
      itemName: 'Road bike',
      customerId: 'cust-7',
      bnplTradeNo: null,
      installments: null,
      simulated: false,
    });
    expect(checkout.action).toBe(
      'https://payment-stage.ecpay.com.tw/Cashier/AioCheckOut/V5',
    );
    expect(checkout.fields).toMatchObject({
      MerchantTradeNo: created.merchantTradeNo,
      ChoosePayment: 'BNPL',
      EncryptType: '1',
      TotalAmount: '3000',
      ReturnURL: 'https://shop.example.com/payments/notify/return',
      PaymentInfoURL: 'https://shop.example.com/payments/notify/payment-info',
      ClientRedirectURL: 'https://shop.example.com/payments/redirect/client',
      CustomField1: 'user:7',
    });
    expect(
      verifyCheckMacValue(Object.entries(checkout.fields), ECPAY_STAGE).valid,
    ).toBe(true);
  });

  it('takes vector V8 on notify/payment-info to applying, then the ReturnURL payment result to paid', async () => {
    const { order: created } = await order({
      merchantTradeNo: 'BNPL20240301001',
    });
    // Exactly vector V8, fields and CheckMacValue.
    expect(checkMacValue(bnplApplicationFields(), ECPAY_STAGE)).toBe(
      V8_CHECK_MAC_VALUE,
    );
    const applied = await post(
      'notify/payment-info',
      signedBody(bnplApplicationFields()),
    );
    expect([applied.status, applied.text]).toEqual([200, '1|OK']);
    expect(await t.bnpl.getOrder(created.id)).toMatchObject({
      status: 'applying',
      bnplTradeNo: 'U2024030100001',
      installments: 6,
      tradeNo: '2403011200001234',
      paymentType: 'BNPL_URICH',
      rtnCode: '2',
      rtnMsg: '申請中',
      paidAt: null,
    });
    expect(names()).toEqual([BNPL_APPLICATION_RECEIVED]);
    expect(t.events[0].payload).toMatchObject({
      bnplApplicationId: created.id,
      merchantTradeNo: 'BNPL20240301001',
      customerId: 'cust-7',
      status: 'applying',
      previousStatus: 'created',
      result: 'application',
      bnplTradeNo: 'U2024030100001',
      installments: 6,
    });

    t.events.length = 0;
    const paid = await post(
      'notify/return',
      payment('BNPL20240301001', { paymentDate: '2024/03/02 10:00:00' }),
    );
    expect([paid.status, paid.text]).toEqual([200, '1|OK']);
    const after = await t.bnpl.getOrder(created.id);
    expect(after).toMatchObject({
      status: 'paid',
      tradeNo: '2403011200001234',
      bnplTradeNo: 'U2024030100001',
      installments: 6,
      rtnCode: '1',
      simulated: false,
    });
    expect(after.paidAt?.toISOString()).toBe('2024-03-02T02:00:00.000Z');
    expect(names()).toEqual([BNPL_PAID]);
    expect(t.events[0].payload).toMatchObject({
      status: 'paid',
      previousStatus: 'applying',
      result: 'payment',
      totalAmount: 3000,
    });
    expect(await outcomes('BNPL20240301001')).toEqual([
      ['payment_info', 'applied'],
      ['return', 'applied'],
    ]);
  });

  it('marks a non-2 application result failed, with its RtnCode and RtnMsg', async () => {
    const { order: created, merchantTradeNo } = await order();
    const res = await post(
      'notify/payment-info',
      application(merchantTradeNo, {
        rtnCode: '10100058',
        rtnMsg: '申請失敗',
        bnplTradeNo: '',
        installment: '',
      }),
    );
    expect([res.status, res.text]).toEqual([200, '1|OK']);
    expect(await t.bnpl.getOrder(created.id)).toMatchObject({
      status: 'failed',
      rtnCode: '10100058',
      rtnMsg: '申請失敗',
      bnplTradeNo: null,
      installments: null,
    });
    expect(names()).toEqual([BNPL_APPLICATION_FAILED, BNPL_FAILED]);
    expect(t.events[1].payload).toMatchObject({
      status: 'failed',
      previousStatus: 'created',
      result: 'application',
      rtnCode: '10100058',
    });
  });

  it('handles the same application body on notify/return identically', async () => {
    const { order: created, merchantTradeNo } = await order();
    const res = await post('notify/return', application(merchantTradeNo));
    expect([res.status, res.text]).toEqual([200, '1|OK']);
    expect(await t.bnpl.getOrder(created.id)).toMatchObject({
      status: 'applying',
      bnplTradeNo: 'U2024030100001',
      installments: 6,
    });
    expect(names()).toEqual([BNPL_APPLICATION_RECEIVED]);
    // The same result on PaymentInfoURL afterwards is a duplicate.
    const again = await post(
      'notify/payment-info',
      application(merchantTradeNo),
    );
    expect(again.text).toBe('1|OK');
    expect(await outcomes(merchantTradeNo)).toEqual([
      ['return', 'applied'],
      ['payment_info', 'duplicate'],
    ]);

    const failedOnReturn = await order();
    await post(
      'notify/return',
      application(failedOnReturn.merchantTradeNo, {
        rtnCode: '10100058',
        rtnMsg: '申請失敗',
      }),
    );
    expect((await t.bnpl.getOrder(failedOnReturn.order.id)).status).toBe(
      'failed',
    );
    expect(names()).toEqual([
      BNPL_APPLICATION_RECEIVED,
      BNPL_APPLICATION_FAILED,
      BNPL_FAILED,
    ]);
  });

  it('tells a failed payment result carrying BNPLTradeNo from a failed application', async () => {
    const { order: created, merchantTradeNo } = await order();
    await post('notify/payment-info', application(merchantTradeNo));
    t.events.length = 0;
    const res = await post(
      'notify/return',
      payment(merchantTradeNo, {
        rtnCode: '10100058',
        rtnMsg: '付款失敗',
        bnplTradeNo: 'U2024030100001',
      }),
    );
    expect(res.text).toBe('1|OK');
    expect(await t.bnpl.getOrder(created.id)).toMatchObject({
      status: 'failed',
      rtnCode: '10100058',
    });
    expect(names()).toEqual([BNPL_FAILED]);
    expect(t.events[0].payload).toMatchObject({
      result: 'payment',
      previousStatus: 'applying',
    });
  });

  it('changes nothing for duplicates, re-sends and late results, and still answers 1|OK', async () => {
    const { order: created, merchantTradeNo } = await order();
    const answers = [
      await post('notify/payment-info', application(merchantTradeNo)),
      await post('notify/payment-info', application(merchantTradeNo)),
      await post('notify/return', payment(merchantTradeNo)),
      await post('notify/return', payment(merchantTradeNo)),
      // ReturnURL re-sends carry RtnMsg=paid (docs/gateway-protocol.md §6.3).
      await post('notify/return', payment(merchantTradeNo, { rtnMsg: 'paid' })),
      // A late application result, and a late failure, never move a paid order back.
      await post('notify/payment-info', application(merchantTradeNo)),
      await post(
        'notify/return',
        payment(merchantTradeNo, { rtnCode: '10100058', rtnMsg: '付款失敗' }),
      ),
    ];
    expect(answers.map((a) => `${a.status} ${a.text}`)).toEqual(
      Array(7).fill('200 1|OK'),
    );
    const after = await t.bnpl.getOrder(created.id);
    expect(after).toMatchObject({ status: 'paid', rtnCode: '1' });
    expect(after.version).toBe(created.version + 2);
    expect(names()).toEqual([BNPL_APPLICATION_RECEIVED, BNPL_PAID]);
    expect(await outcomes(merchantTradeNo)).toEqual([
      ['payment_info', 'applied'],
      ['payment_info', 'duplicate'],
      ['return', 'applied'],
      ['return', 'duplicate'],
      ['return', 'duplicate'],
      ['payment_info', 'duplicate'],
      ['return', 'duplicate'],
    ]);
  });

  it('takes a payment result that overtakes the application result straight to paid', async () => {
    const { order: created, merchantTradeNo } = await order();
    await post(
      'notify/return',
      payment(merchantTradeNo, { bnplTradeNo: 'U2024030100009' }),
    );
    await post(
      'notify/payment-info',
      application(merchantTradeNo, { bnplTradeNo: 'U2024030100009' }),
    );
    expect(await t.bnpl.getOrder(created.id)).toMatchObject({
      status: 'paid',
      bnplTradeNo: 'U2024030100009',
      installments: 6,
      appliedAt: null,
    });
    expect(names()).toEqual([BNPL_PAID]);
  });

  it('applies twenty parallel copies of one application result once', async () => {
    const { order: created, merchantTradeNo } = await order();
    const body = application(merchantTradeNo);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post('notify/payment-info', body)),
    );
    expect(answers.map((a) => `${a.status} ${a.text}`)).toEqual(
      Array(20).fill('200 1|OK'),
    );
    expect((await t.bnpl.getOrder(created.id)).status).toBe('applying');
    expect(names()).toEqual([BNPL_APPLICATION_RECEIVED]);
    expect(
      (await outcomes(merchantTradeNo)).map(([, outcome]) => outcome).sort(),
    ).toEqual(['applied', ...Array(19).fill('duplicate')]);
  });

  describe('rejections answer 0|reason with a 4xx, change nothing and leave the reason in the inbox', () => {
    it.each<[string, string, string, (no: string) => string]>([
      [
        'a tampered CheckMacValue',
        'notify/payment-info',
        'CheckMacValue mismatch',
        (no) => tamperCheckMacValue(application(no)),
      ],
      [
        'a tampered CheckMacValue on ReturnURL',
        'notify/return',
        'CheckMacValue mismatch',
        (no) => tamperCheckMacValue(payment(no)),
      ],
      [
        'an unknown MerchantTradeNo',
        'notify/payment-info',
        'unknown MerchantTradeNo NOSUCHBNPL',
        () => application('NOSUCHBNPL'),
      ],
      [
        'an unknown MerchantTradeNo on ReturnURL',
        'notify/return',
        'unknown MerchantTradeNo NOSUCHBNPL',
        () => application('NOSUCHBNPL'),
      ],
      [
        'an application amount other than the order’s',
        'notify/payment-info',
        "TradeAmt 2999 differs from the order's TotalAmount 3000",
        (no) => application(no, { amount: 2999 }),
      ],
      [
        'a payment amount other than the order’s',
        'notify/return',
        "TradeAmt 3500 differs from the order's TotalAmount 3000",
        (no) => payment(no, { amount: 3500 }),
      ],
      [
        'an ATM number-issued notice (RtnCode 2, not BNPL)',
        'notify/payment-info',
        'PaymentType must be a BNPL payment type (BNPL_…): this route takes BNPL application results only',
        (no) =>
          signedBody({
            ...bnplApplicationFields({ merchantTradeNo: no }),
            PaymentType: 'ATM_TAISHIN',
          }),
      ],
      [
        'an applying result without BNPLTradeNo',
        'notify/payment-info',
        'BNPLTradeNo is required when RtnCode is 2',
        (no) => application(no, { bnplTradeNo: '' }),
      ],
    ])('%s', async (_case, route, reason, body) => {
      const { order: created, merchantTradeNo } = await order();
      const res = await post(route, body(merchantTradeNo));
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/^0\|/);
      expect(res.text).toContain(reason);
      const [row] = await t.dataSource
        .getRepository(GatewayNotificationEntity)
        .find({ order: { receivedAt: 'DESC' }, take: 1 });
      expect(row).toMatchObject({ outcome: 'rejected' });
      expect(row.reason).toContain(reason);
      expect((await t.bnpl.getOrder(created.id)).status).toBe('created');
      expect(t.events.map((e) => e.name)).toEqual([NOTIFICATION_REJECTED]);
    });
  });

  it('refuses to create an order below 3,000 TWD, naming totalAmount', async () => {
    const before = await t.bnpl.listOrders({ pageSize: 1 });
    const attempt = order({ totalAmount: 2999 });
    await expect(attempt).rejects.toBeInstanceOf(PaymentsValidationError);
    await expect(attempt).rejects.toMatchObject({
      violations: [
        {
          field: 'totalAmount',
          rule: 'min',
          message:
            'totalAmount must be at least 3000 TWD: ECPay takes no smaller BNPL order',
        },
      ],
    });
    expect((await t.bnpl.listOrders({ pageSize: 1 })).total).toBe(before.total);
  });

  it('refuses BNPL at AllPay before validating or storing anything', async () => {
    const allpay = await createPaymentsTestApp({
      gateway: 'allpay',
      merchants: [
        {
          merchantId: '2000132',
          hashKey: '5294y06JbISpM5x9',
          hashIV: 'v77hoKGq4kWxNNIS',
        },
      ],
    });
    try {
      const attempt = allpay.bnpl.createOrder({
        totalAmount: 10,
        itemName: 'Road bike',
      });
      await expect(attempt).rejects.toBeInstanceOf(UnsupportedByGatewayError);
      await expect(attempt).rejects.toThrow(
        /BNPL \(無卡分期, ChoosePayment=BNPL\) is offered by ECPay only; this module is configured for AllPay/,
      );
      expect(
        await allpay.dataSource.getRepository(BnplOrderEntity).count(),
      ).toBe(0);
    } finally {
      await allpay.close();
    }
  });

  it('ignores SimulatePaid=1 in production under the default policy: stored in the inbox, the order unchanged', async () => {
    const prod = await createPaymentsTestApp({ environment: 'production' });
    try {
      const { order: created } = await prod.bnpl.createOrder({
        totalAmount: 3000,
        itemName: 'Road bike',
      });
      const res = await request(prod.app.getHttpServer())
        .post('/payments/notify/return')
        .type('form')
        .send(
          signedBody(
            bnplPaymentFields({
              merchantTradeNo: created.merchantTradeNo,
              amount: 3000,
              simulatePaid: '1',
            }),
          ),
        );
      expect(res.text).toBe('1|OK');
      expect((await prod.bnpl.getOrder(created.id)).status).toBe('created');
      const [row] = await prod.dataSource
        .getRepository(GatewayNotificationEntity)
        .findBy({ merchantTradeNo: created.merchantTradeNo });
      expect(row).toMatchObject({ outcome: 'ignored' });
      expect(row.reason).toContain('SimulatePaid=1 does not count as paid');
      expect(prod.events.map((e) => e.name)).not.toContain(BNPL_PAID);
    } finally {
      await prod.close();
    }
  });

  it('counts SimulatePaid=1 as paid on stage under the default policy, flagged', async () => {
    const { order: created, merchantTradeNo } = await order();
    await post(
      'notify/return',
      payment(merchantTradeNo, { simulatePaid: '1' }),
    );
    expect(await t.bnpl.getOrder(created.id)).toMatchObject({
      status: 'paid',
      simulated: true,
    });
    expect(t.events[0].payload).toMatchObject({ simulated: true });
  });

  it('verifies a browser post to redirect/client and sends the browser to the order page, changing nothing', async () => {
    const { order: created, merchantTradeNo } = await order();
    const body = application(merchantTradeNo);
    const res = await post('redirect/client', body);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(
      `https://shop.example.com/account/orders/${created.id}`,
    );
    expect((await t.bnpl.getOrder(created.id)).status).toBe('created');
    expect(names()).toEqual([]);
    const bad = await post('redirect/client', tamperCheckMacValue(body));
    // A buyer's browser gets a page it can read; the reason is in the inbox.
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^text\/html/);
    expect(bad.text).toContain('The payment result could not be read');
    const [row] = await t.dataSource
      .getRepository(GatewayNotificationEntity)
      .find({ order: { receivedAt: 'DESC' }, take: 1 });
    expect(row.reason).toBe('CheckMacValue mismatch');
  });

  it('reads orders back by id, MerchantTradeNo and a filtered page', async () => {
    const a = await order({ customerId: 'list-bnpl' });
    const b = await order({ customerId: 'list-bnpl' });
    await post('notify/payment-info', application(b.merchantTradeNo));
    expect((await t.bnpl.getOrderByMerchantTradeNo(a.merchantTradeNo)).id).toBe(
      a.order.id,
    );
    const applying = await t.bnpl.listOrders({
      customerId: 'list-bnpl',
      status: 'applying',
    });
    expect(applying.items.map((o) => o.id)).toEqual([b.order.id]);
    expect((await t.bnpl.listOrders({ customerId: 'list-bnpl' })).total).toBe(
      2,
    );
    await expect(t.bnpl.getOrder('no-such-id')).rejects.toThrow(
      'No BNPL order with id no-such-id',
    );
  });
});
