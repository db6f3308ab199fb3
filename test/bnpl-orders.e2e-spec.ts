import request from 'supertest';
import type { App } from 'supertest/types.js';
import { startExampleApp, type ExampleApp } from './helpers/example-app.js';

const DB = process.env.TWPAY_TEST_DB ?? 'sqlite';
const ORDER = {
  totalAmount: 3000,
  itemName: 'Road bike',
  customerId: 'e2e-bnpl',
};

/**
 * The example shop's BNPL API on ECPay, with the in-process simulator: every notification the app
 * receives is one the simulator built, signed and posted over loopback to PUBLIC_URL.
 */
describe(`example shop: /api/bnpl-orders on ECPay (${DB})`, () => {
  let shop: ExampleApp;
  let server: App;

  beforeAll(async () => {
    shop = await startExampleApp({ env: { TWPAY_GATEWAY: 'ecpay' } });
    server = shop.app.getHttpServer();
  }, 120_000);
  afterAll(async () => {
    await shop?.close();
  });

  /** POST /api/bnpl-orders, then applies through the simulator's JSON checkout twin. */
  async function createAndApply(installment: number) {
    const created = await request(server)
      .post('/api/bnpl-orders')
      .send(ORDER)
      .expect(201);
    const applied = await request(server)
      .post('/simulator/api/checkout')
      .send({ ...created.body.checkout, bnpl: { installment } })
      .expect(200);
    expect(applied.body).toMatchObject({ ok: true, rtnCode: '2' });
    return {
      ...(created.body as { id: string; merchantTradeNo: string }),
      browserPost: applied.body.browserPost as {
        url: string;
        fields: Record<string, string>;
      },
    };
  }

  const getOrder = async (id: string) =>
    (await request(server).get(`/api/bnpl-orders/${id}`).expect(200)).body;

  it('answers 201 with the order and its signed checkout, and GET shows it created', async () => {
    const res = await request(server)
      .post('/api/bnpl-orders')
      .send(ORDER)
      .expect(201);
    expect(Object.keys(res.body).sort()).toEqual([
      'checkout',
      'id',
      'merchantTradeNo',
      'status',
    ]);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      merchantTradeNo: expect.stringMatching(/^[A-Za-z0-9]{1,20}$/),
      status: 'created',
      checkout: {
        action: `${shop.url}/Cashier/AioCheckOut/V5`,
        fields: {
          ChoosePayment: 'BNPL',
          TotalAmount: '3000',
          ItemName: 'Road bike',
          PaymentInfoURL: `${shop.url}/payments/notify/payment-info`,
          ClientRedirectURL: `${shop.url}/payments/redirect/client`,
          ReturnURL: `${shop.url}/payments/notify/return`,
          CheckMacValue: expect.stringMatching(/^[0-9A-F]{64}$/),
        },
      },
    });
    expect(await getOrder(res.body.id)).toEqual({
      id: res.body.id,
      merchantTradeNo: res.body.merchantTradeNo,
      status: 'created',
      bnplTradeNo: null,
      installments: null,
    });
  });

  it('goes applying on the application result, then paid when the provider approves', async () => {
    const { id, merchantTradeNo, browserPost } = await createAndApply(6);
    const applying = await getOrder(id);
    expect(applying).toMatchObject({
      status: 'applying',
      bnplTradeNo: expect.stringMatching(/^U\d+$/),
      installments: 6,
    });
    // The gateway page's one-shot browser post to ClientRedirectURL: verified, redirected, no change.
    expect(browserPost.url).toBe(`${shop.url}/payments/redirect/client`);
    await request(server)
      .post(new URL(browserPost.url).pathname)
      .type('form')
      .send(browserPost.fields)
      .expect(303);
    expect(await getOrder(id)).toEqual(applying);
    await request(server)
      .post(`/simulator/bnpl/${merchantTradeNo}/approve`)
      .expect(200);
    expect(await getOrder(id)).toEqual({
      ...applying,
      status: 'paid',
    });
  });

  it('goes failed when the provider rejects the application', async () => {
    const { id, merchantTradeNo } = await createAndApply(12);
    await request(server)
      .post(`/simulator/bnpl/${merchantTradeNo}/reject`)
      .expect(200);
    expect(await getOrder(id)).toMatchObject({
      status: 'failed',
      installments: 12,
    });
  });

  it('answers 400 naming totalAmount below 3,000', async () => {
    const res = await request(server)
      .post('/api/bnpl-orders')
      .send({ ...ORDER, totalAmount: 2999 })
      .expect(400);
    expect(res.body).toMatchObject({
      code: 'TWPAY_INVALID_REQUEST',
      errors: [
        {
          field: 'totalAmount',
          rule: 'min',
          message:
            'totalAmount must be at least 3000 TWD: ECPay takes no smaller BNPL order',
        },
      ],
    });
  });

  it('answers 400 naming an unaccepted field, and 404 for an unknown id', async () => {
    const res = await request(server)
      .post('/api/bnpl-orders')
      .send({ ...ORDER, periodAmount: 3000 })
      .expect(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'periodAmount' }),
    ]);
    await request(server).get('/api/bnpl-orders/no-such-order').expect(404);
  });
});

describe(`example shop: /api/bnpl-orders on AllPay (${DB})`, () => {
  let shop: ExampleApp;

  beforeAll(async () => {
    shop = await startExampleApp({ env: { TWPAY_GATEWAY: 'allpay' } });
  }, 120_000);
  afterAll(async () => {
    await shop?.close();
  });

  it('answers 400: BNPL is ECPay only', async () => {
    const res = await request(shop.app.getHttpServer())
      .post('/api/bnpl-orders')
      .send(ORDER)
      .expect(400);
    expect(res.body).toMatchObject({
      statusCode: 400,
      code: 'TWPAY_UNSUPPORTED_BY_GATEWAY',
      message: expect.stringContaining('offered by ECPay only'),
    });
  });
});
