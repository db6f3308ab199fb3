import request from 'supertest';
import {
  GatewayNotificationEntity,
  PAYMENTS_EVENTS,
  PaymentsValidationError,
  PeriodAuthorizationEntity,
} from 'nestjs-twpay';
import {
  ECPAY_STAGE,
  firstAuthorizationFields,
  monthlyProcessDate,
  periodFields,
  signedBody,
  tamperCheckMacValue,
} from './support/gateway-bodies.js';
import {
  createPaymentsTestApp,
  type PaymentsTestApp,
} from './fixtures/payments-test-app.js';

const DB = process.env.TWPAY_TEST_DB ?? 'sqlite';
const MONTHLY = {
  periodAmount: 299,
  periodType: 'M',
  frequency: 1,
  execTimes: 12,
  itemName: 'Pro plan',
  customerId: 'cust-42',
};

describe(`periodic subscription notifications (${DB})`, () => {
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

  async function subscribe(overrides: Record<string, unknown> = {}) {
    const { subscription, checkout } = await t.service.createSubscription({
      ...MONTHLY,
      ...overrides,
    });
    return {
      subscription,
      checkout,
      merchantTradeNo: subscription.merchantTradeNo,
    };
  }

  async function activate(merchantTradeNo: string, gwsr = '9000') {
    const res = await post(
      'notify/return',
      signedBody(
        firstAuthorizationFields({
          merchantTradeNo,
          amount: 299,
          gwsr,
          tradeNo: `T${gwsr}`,
        }),
      ),
    );
    expect(res.status).toBe(200);
    expect(res.text).toBe('1|OK');
  }

  const period = (
    merchantTradeNo: string,
    n: number,
    extra: Partial<Parameters<typeof periodFields>[0]> = {},
  ) =>
    post(
      'notify/period',
      signedBody(
        periodFields({
          merchantTradeNo,
          amount: 299,
          gwsr:
            `${merchantTradeNo.slice(-6)}${n}`.replace(/\D/g, '') +
            String(n).padStart(3, '0'),
          totalSuccessTimes: n,
          processDate: monthlyProcessDate(n - 1),
          ...extra,
        }),
      ),
    );

  const names = () =>
    t.events
      .map((e) => e.name)
      .filter((n) => n !== PAYMENTS_EVENTS.NOTIFICATION_REJECTED);
  const inbox = (merchantTradeNo: string) =>
    t.dataSource
      .getRepository(GatewayNotificationEntity)
      .find({ where: { merchantTradeNo }, order: { receivedAt: 'ASC' } });

  it('creates a pending subscription with a signed checkout form', async () => {
    const { subscription, checkout } = await subscribe();
    expect(subscription.status).toBe('pending');
    expect(checkout.action).toBe(
      'https://payment-stage.ecpay.com.tw/Cashier/AioCheckOut/V5',
    );
    expect(checkout.fields.ReturnURL).toBe(
      'https://shop.example.com/payments/notify/return',
    );
    expect(checkout.fields.PeriodReturnURL).toBe(
      'https://shop.example.com/payments/notify/period',
    );
    expect(checkout.fields.MerchantTradeNo).toBe(subscription.merchantTradeNo);
    expect(checkout.fields.CheckMacValue).toMatch(/^[0-9A-F]{64}$/);
    expect(checkout.html).toContain('name="CheckMacValue"');
  });

  it("posts a platform merchant's configured PlatformID, and refuses a request naming another before storing it", async () => {
    const platform = await createPaymentsTestApp({
      merchants: [{ ...ECPAY_STAGE, platformId: '3002599' }],
    });
    try {
      const { checkout } = await platform.service.createSubscription({
        ...MONTHLY,
        platformId: '3002599',
      });
      expect(checkout.fields.PlatformID).toBe('3002599');
      const attempt = platform.service.createSubscription({
        ...MONTHLY,
        platformId: '3002600',
      });
      await expect(attempt).rejects.toBeInstanceOf(PaymentsValidationError);
      await expect(attempt).rejects.toMatchObject({
        violations: [
          {
            field: 'platformId',
            rule: 'matchesConfiguredPlatform',
            message:
              "platformId must equal the merchant's configured platformId (3002599): the request is signed with that platform's keys",
          },
        ],
      });
      expect((await platform.service.listSubscriptions()).total).toBe(1);
    } finally {
      await platform.close();
    }
  });

  it('runs a 12-period monthly subscription from pending to completed', async () => {
    const { subscription, merchantTradeNo } = await subscribe();
    await activate(merchantTradeNo);
    expect((await t.service.getSubscription(subscription.id)).status).toBe(
      'active',
    );
    for (let n = 2; n <= 12; n++) {
      const res = await period(merchantTradeNo, n);
      expect([res.status, res.text]).toEqual([200, '1|OK']);
    }
    const done = await t.service.getSubscription(subscription.id);
    expect(done.status).toBe('completed');
    expect(done.totalSuccessTimes).toBe(12);
    expect(done.amountCollected).toBe(12 * 299);
    expect(done.periods).toHaveLength(12);
    expect(done.periods.map((p) => p.sequence)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
    expect(done.periods[0]).toMatchObject({
      source: 'return_url',
      tradeNo: 'T9000',
      cardLast4: '2222',
      cardFirst6: '431195',
    });
    expect(names()).toEqual([
      PAYMENTS_EVENTS.PERIOD_SUCCEEDED,
      PAYMENTS_EVENTS.SUBSCRIPTION_ACTIVATED,
      ...Array(11).fill(PAYMENTS_EVENTS.PERIOD_SUCCEEDED),
      PAYMENTS_EVENTS.SUBSCRIPTION_COMPLETED,
    ]);
    expect(t.events.at(-1)?.payload).toMatchObject({
      status: 'completed',
      previousStatus: 'active',
      customerId: 'cust-42',
    });
  });

  it('goes past_due on a failed period and back to active on a later success', async () => {
    const { subscription, merchantTradeNo } = await subscribe();
    await activate(merchantTradeNo);
    t.events.length = 0;
    const failed = await period(merchantTradeNo, 2, {
      rtnCode: '10100058',
      rtnMsg: '授權失敗',
      totalSuccessTimes: 1,
    });
    expect([failed.status, failed.text]).toEqual([200, '1|OK']);
    expect((await t.service.getSubscription(subscription.id)).status).toBe(
      'past_due',
    );
    const recovered = await period(merchantTradeNo, 2, {
      gwsr: '77002',
      processDate: monthlyProcessDate(2),
    });
    expect(recovered.text).toBe('1|OK');
    const after = await t.service.getSubscription(subscription.id);
    expect(after.status).toBe('active');
    expect(after.periods.map((p) => [p.success, p.sequence])).toEqual([
      [true, 1],
      [false, 2],
      [true, 2],
    ]);
    expect(names()).toEqual([
      PAYMENTS_EVENTS.PERIOD_FAILED,
      PAYMENTS_EVENTS.SUBSCRIPTION_PAST_DUE,
      PAYMENTS_EVENTS.PERIOD_SUCCEEDED,
      PAYMENTS_EVENTS.SUBSCRIPTION_RECOVERED,
    ]);
  });

  it('changes nothing for duplicates and re-sends, and still answers 1|OK', async () => {
    const { subscription, merchantTradeNo } = await subscribe();
    await activate(merchantTradeNo, '5000');
    const resend = await post(
      'notify/return',
      signedBody(
        firstAuthorizationFields({
          merchantTradeNo,
          amount: 299,
          gwsr: '5000',
          tradeNo: 'T5000',
          rtnMsg: 'paid',
        }),
      ),
    );
    expect([resend.status, resend.text]).toEqual([200, '1|OK']);
    const first = await period(merchantTradeNo, 2);
    const again = await period(merchantTradeNo, 2);
    expect([first.text, again.text]).toEqual(['1|OK', '1|OK']);
    const after = await t.service.getSubscription(subscription.id);
    expect(after.periods).toHaveLength(2);
    expect(after.totalSuccessTimes).toBe(2);
    expect((await inbox(merchantTradeNo)).map((n) => n.outcome)).toEqual([
      'applied',
      'duplicate',
      'applied',
      'duplicate',
    ]);
    expect(
      names().filter((n) => n === PAYMENTS_EVENTS.PERIOD_SUCCEEDED),
    ).toHaveLength(2);
  });

  it('never moves the state backwards when deliveries are reordered', async () => {
    const { subscription, merchantTradeNo } = await subscribe();
    await activate(merchantTradeNo);
    expect((await period(merchantTradeNo, 3)).text).toBe('1|OK');
    // An older failure arrives late: it is recorded, but the subscription stays active.
    const late = await period(merchantTradeNo, 2, {
      rtnCode: '10100058',
      totalSuccessTimes: 1,
      processDate: monthlyProcessDate(1),
    });
    expect(late.text).toBe('1|OK');
    const after = await t.service.getSubscription(subscription.id);
    expect(after.status).toBe('active');
    expect(after.totalSuccessTimes).toBe(3);
    expect(after.periods).toHaveLength(3);
    expect(names()).not.toContain(PAYMENTS_EVENTS.SUBSCRIPTION_PAST_DUE);
  });

  describe('rejections answer 0|reason with a 4xx and leave an inbox row with the reason', () => {
    it.each([
      [
        'a tampered CheckMacValue',
        'CheckMacValue mismatch',
        (no: string) =>
          tamperCheckMacValue(
            signedBody(
              periodFields({
                merchantTradeNo: no,
                amount: 299,
                gwsr: '1',
                totalSuccessTimes: 2,
                processDate: monthlyProcessDate(1),
              }),
            ),
          ),
      ],
      [
        'a missing CheckMacValue',
        'CheckMacValue missing',
        (no: string) =>
          new URLSearchParams(
            periodFields({
              merchantTradeNo: no,
              amount: 299,
              gwsr: '1',
              totalSuccessTimes: 2,
              processDate: monthlyProcessDate(1),
            }),
          ).toString(),
      ],
      [
        'an unknown MerchantID',
        'unknown MerchantID 9999999',
        (no: string) =>
          signedBody({
            ...periodFields({
              merchantTradeNo: no,
              amount: 299,
              gwsr: '1',
              totalSuccessTimes: 2,
              processDate: monthlyProcessDate(1),
            }),
            MerchantID: '9999999',
          }),
      ],
      [
        'an unknown MerchantTradeNo',
        'unknown MerchantTradeNo NOSUCHORDER',
        () =>
          signedBody(
            periodFields({
              merchantTradeNo: 'NOSUCHORDER',
              amount: 299,
              gwsr: '1',
              totalSuccessTimes: 2,
              processDate: monthlyProcessDate(1),
            }),
          ),
      ],
      [
        'an amount other than PeriodAmount',
        "Amount 300 differs from the subscription's PeriodAmount 299",
        (no: string) =>
          signedBody(
            periodFields({
              merchantTradeNo: no,
              amount: 300,
              gwsr: '1',
              totalSuccessTimes: 2,
              processDate: monthlyProcessDate(1),
            }),
          ),
      ],
      [
        'a malformed ProcessDate',
        'ProcessDate must be a date in the form yyyy/MM/dd HH:mm:ss',
        (no: string) =>
          signedBody(
            periodFields({
              merchantTradeNo: no,
              amount: 299,
              gwsr: '1',
              totalSuccessTimes: 2,
              processDate: '2024-03-01',
            }),
          ),
      ],
      [
        'a missing Gwsr',
        'Gwsr is required',
        (no: string) => {
          const f = periodFields({
            merchantTradeNo: no,
            amount: 299,
            gwsr: '1',
            totalSuccessTimes: 2,
            processDate: monthlyProcessDate(1),
          });
          delete (f as Partial<typeof f>).Gwsr;
          return signedBody(f);
        },
      ],
    ])('%s', async (_case, reason, body) => {
      const { subscription, merchantTradeNo } = await subscribe();
      await activate(merchantTradeNo);
      t.events.length = 0;
      const res = await post('notify/period', body(merchantTradeNo));
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/^0\|/);
      expect(res.text).toContain(reason);
      const rows = await t.dataSource
        .getRepository(GatewayNotificationEntity)
        .find({
          where: { channel: 'period' },
          order: { receivedAt: 'DESC' },
          take: 1,
        });
      expect(rows[0]).toMatchObject({ outcome: 'rejected' });
      expect(rows[0].reason).toContain(reason);
      expect(
        (await t.service.getSubscription(subscription.id)).periods,
      ).toHaveLength(1);
      expect(t.events.map((e) => e.name)).toEqual([
        PAYMENTS_EVENTS.NOTIFICATION_REJECTED,
      ]);
    });
  });

  it('stores SimulatePaid=1 flagged; under the default policy in production it never counts as paid', async () => {
    const prod = await createPaymentsTestApp({ environment: 'production' });
    try {
      const { subscription } = await prod.service.createSubscription(MONTHLY);
      const res = await request(prod.app.getHttpServer())
        .post('/payments/notify/return')
        .type('form')
        .send(
          signedBody(
            firstAuthorizationFields({
              merchantTradeNo: subscription.merchantTradeNo,
              amount: 299,
              simulatePaid: '1',
            }),
          ),
        );
      expect(res.text).toBe('1|OK');
      const after = await prod.service.getSubscription(subscription.id);
      expect(after.status).toBe('pending');
      expect(after.periods[0]).toMatchObject({
        simulated: true,
        countsAsPaid: false,
        success: true,
      });
      expect(prod.events.map((e) => e.name)).not.toContain(
        PAYMENTS_EVENTS.PERIOD_SUCCEEDED,
      );
    } finally {
      await prod.close();
    }
  });

  it('counts SimulatePaid=1 as paid on stage under the default policy, flagged', async () => {
    const { subscription, merchantTradeNo } = await subscribe();
    await post(
      'notify/return',
      signedBody(
        firstAuthorizationFields({
          merchantTradeNo,
          amount: 299,
          simulatePaid: '1',
          gwsr: '6100',
        }),
      ),
    );
    const after = await t.service.getSubscription(subscription.id);
    expect(after.status).toBe('active');
    expect(after.periods[0]).toMatchObject({
      simulated: true,
      countsAsPaid: true,
    });
  });

  it('marks a declined first authorization first_auth_failed', async () => {
    const { subscription, merchantTradeNo } = await subscribe();
    const res = await post(
      'notify/return',
      signedBody(
        firstAuthorizationFields({
          merchantTradeNo,
          amount: 299,
          rtnCode: '10100058',
          rtnMsg: '授權失敗',
          gwsr: '6200',
        }),
      ),
    );
    expect(res.text).toBe('1|OK');
    expect((await t.service.getSubscription(subscription.id)).status).toBe(
      'first_auth_failed',
    );
    expect(names()).toEqual([PAYMENTS_EVENTS.FIRST_AUTHORIZATION_FAILED]);
  });

  it('accepts either casing of every field name', async () => {
    const { subscription, merchantTradeNo } = await subscribe();
    await activate(merchantTradeNo);
    const f = periodFields({
      merchantTradeNo,
      amount: 299,
      gwsr: '88002',
      totalSuccessTimes: 2,
      processDate: monthlyProcessDate(1),
    });
    const lower = Object.fromEntries(
      Object.entries(f).map(([k, v]) => [
        k === 'MerchantID' ? k : k.toLowerCase(),
        v,
      ]),
    );
    const res = await post('notify/period', signedBody(lower));
    expect(res.text).toBe('1|OK');
    expect(
      (await t.service.getSubscription(subscription.id)).periods.map(
        (p) => p.gwsr,
      ),
    ).toContain('88002');
  });

  it('verifies a browser post to redirect/order-result and redirects without changing state', async () => {
    const { subscription, merchantTradeNo } = await subscribe();
    const fields = {
      ...firstAuthorizationFields({ merchantTradeNo, amount: 299 }),
      RtnMsg: 'Succeeded',
    };
    const res = await post('redirect/order-result', signedBody(fields));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(
      `https://shop.example.com/account/subscriptions/${subscription.id}`,
    );
    expect((await t.service.getSubscription(subscription.id)).status).toBe(
      'pending',
    );
    const bad = await post(
      'redirect/order-result',
      tamperCheckMacValue(signedBody(fields)),
    );
    expect(bad.status).toBe(400);
  });

  it('reads a paginated list filtered by status and customer', async () => {
    await subscribe({ customerId: 'list-a' });
    await subscribe({ customerId: 'list-a' });
    const { merchantTradeNo } = await subscribe({ customerId: 'list-a' });
    await activate(merchantTradeNo, '7100');
    const pending = await t.service.listSubscriptions({
      customerId: 'list-a',
      status: 'pending',
      pageSize: 1,
      page: 2,
    });
    expect(pending).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(pending.items).toHaveLength(1);
    const active = await t.service.listSubscriptions({
      customerId: 'list-a',
      status: 'active',
    });
    expect(active.items.map((s) => s.merchantTradeNo)).toEqual([
      merchantTradeNo,
    ]);
  });

  it('applies twenty parallel copies of one period notification once', async () => {
    const { subscription, merchantTradeNo } = await subscribe();
    await activate(merchantTradeNo);
    t.events.length = 0;
    const body = signedBody(
      periodFields({
        merchantTradeNo,
        amount: 299,
        gwsr: '424242',
        totalSuccessTimes: 2,
        processDate: monthlyProcessDate(1),
      }),
    );
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post('notify/period', body)),
    );
    expect(answers.map((a) => `${a.status} ${a.text}`)).toEqual(
      Array(20).fill('200 1|OK'),
    );
    const rows = await t.dataSource
      .getRepository(PeriodAuthorizationEntity)
      .findBy({ subscriptionId: subscription.id, gwsr: '424242' });
    expect(rows).toHaveLength(1);
    expect(names()).toEqual([PAYMENTS_EVENTS.PERIOD_SUCCEEDED]);
    const outcomes = (await inbox(merchantTradeNo))
      .filter((n) => n.channel === 'period')
      .map((n) => n.outcome)
      .sort();
    expect(outcomes).toEqual(['applied', ...Array(19).fill('duplicate')]);
  });

  it('never stores the HashKey or HashIV in the inbox', async () => {
    const rows = await t.dataSource
      .getRepository(GatewayNotificationEntity)
      .find();
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(ECPAY_STAGE.hashKey);
    expect(dump).not.toContain(ECPAY_STAGE.hashIV);
  });
});
