import request from 'supertest';
import type { App } from 'supertest/types.js';
import { startExampleApp, type ExampleApp } from './helpers/example-app.js';

const DB = process.env.TWPAY_TEST_DB ?? 'sqlite';

/** The hidden fields of an auto-submit checkout form, unescaped. */
function formFields(page: string): Record<string, string> {
  const unescape = (s: string) =>
    s.replace(
      /&(amp|lt|gt|quot|#39|#96);/g,
      (_, e: string) =>
        ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#96': '`' })[e]!,
    );
  const fields: Record<string, string> = {};
  for (const [, name, value] of page.matchAll(
    /<input type="hidden" name="([^"]*)" value="([^"]*)">/g,
  )) {
    fields[unescape(name)] = unescape(value);
  }
  return fields;
}

/**
 * The example shop's BNPL pages on ECPay, with the in-process simulator: Buy with BNPL answers the
 * checkout form, the buyer applies on the simulator, the ClientRedirectURL post lands on the order
 * page, and the order page's simulator buttons decide the application.
 */
describe(`example shop: BNPL pages on ECPay (${DB})`, () => {
  let shop: ExampleApp;
  let server: App;

  beforeAll(async () => {
    shop = await startExampleApp({ env: { TWPAY_GATEWAY: 'ecpay' } });
    server = shop.app.getHttpServer();
  }, 120_000);
  afterAll(async () => {
    await shop?.close();
  });

  /** Buy with BNPL, apply on the simulator, follow the browser post: the order page's path. */
  async function buyAndApply(installment: number): Promise<string> {
    const checkout = await request(server).post('/shop/bnpl').expect(200);
    const applied = await request(server)
      .post('/simulator/api/checkout')
      .send({
        action: `${shop.url}/Cashier/AioCheckOut/V5`,
        fields: formFields(checkout.text),
        bnpl: { installment },
      })
      .expect(200);
    expect(applied.body).toMatchObject({ ok: true, rtnCode: '2' });
    const { url, fields } = applied.body.browserPost as {
      url: string;
      fields: Record<string, string>;
    };
    const redirected = await request(server)
      .post(new URL(url).pathname)
      .type('form')
      .send(fields)
      .expect(303);
    const location = new URL(redirected.headers.location as string);
    expect(location.origin).toBe(shop.url);
    expect(location.pathname).toMatch(/^\/bnpl-orders\/[\w-]+$/);
    return location.pathname;
  }

  it('the home page offers the BNPL product', async () => {
    const res = await request(server).get('/').expect(200);
    expect(res.text).toContain('id="bnpl-product"');
    expect(res.text).toContain('NT$3,600');
    expect(res.text).toContain('action="/shop/bnpl"');
    expect(res.text).toContain('Buy with BNPL');
    expect(res.text).not.toContain('id="bnpl-unavailable"');
  });

  it('Buy with BNPL answers the auto-submit form to the simulator V5 checkout', async () => {
    const res = await request(server).post('/shop/bnpl').expect(200);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain(
      `<form method="post" action="${shop.url}/Cashier/AioCheckOut/V5"`,
    );
    expect(formFields(res.text)).toMatchObject({
      ChoosePayment: 'BNPL',
      TotalAmount: '3600',
      ItemName: 'Road bike',
      ClientRedirectURL: `${shop.url}/payments/redirect/client`,
      CheckMacValue: expect.stringMatching(/^[0-9A-F]{64}$/),
    });
  });

  it('the order page shows applying, and its approve button makes it paid', async () => {
    const path = await buyAndApply(6);
    let page = await request(server).get(path).expect(200);
    expect(page.text).toContain('data-status="applying"');
    expect(page.text).toContain('NT$3,600');
    expect(page.text).toMatch(/id="installments">6</);
    expect(page.text).toMatch(/<code>U\d+<\/code>/);
    expect(page.text).toContain('Approve (simulator)');
    expect(page.text).toContain('Reject (simulator)');

    const id = path.split('/').pop()!;
    await request(server)
      .post(`/shop/simulator/bnpl/${id}/approve`)
      .expect(303)
      .expect('Location', path);
    page = await request(server).get(path).expect(200);
    expect(page.text).toContain('data-status="paid"');
    expect(page.text).not.toContain('Approve (simulator)');
    const api = await request(server).get(`/api/bnpl-orders/${id}`);
    expect(api.body).toMatchObject({ status: 'paid', installments: 6 });
  }, 60_000);

  it('the reject button makes it failed', async () => {
    const path = await buyAndApply(12);
    const id = path.split('/').pop()!;
    await request(server)
      .post(`/shop/simulator/bnpl/${id}/reject`)
      .expect(303)
      .expect('Location', path);
    const page = await request(server).get(path).expect(200);
    expect(page.text).toContain('data-status="failed"');
    expect(page.text).toMatch(/id="installments">12</);
  }, 60_000);

  it('escapes the order values, offers no decision before the application, and 404s unknown ids', async () => {
    const created = await request(server)
      .post('/api/bnpl-orders')
      .send({
        totalAmount: 3000,
        itemName: 'Bike <b>&</b>',
        customerId: 'e2e',
      })
      .expect(201);
    const page = await request(server)
      .get(`/bnpl-orders/${created.body.id}`)
      .expect(200);
    expect(page.text).toContain('data-status="created"');
    expect(page.text).toContain('Bike &lt;b&gt;&amp;&lt;/b&gt;');
    expect(page.text).not.toContain('<b>&</b>');
    expect(page.text).not.toContain('Approve (simulator)');
    // Not applying at the simulator yet: the decision is refused, nothing changes.
    await request(server)
      .post(`/shop/simulator/bnpl/${created.body.id}/approve`)
      .expect(409);

    const missing = await request(server)
      .get('/bnpl-orders/<no-such-order>')
      .expect(404);
    expect(missing.text).toContain('Order not found');
    expect(missing.text).toContain('&lt;no-such-order&gt;');
    await request(server)
      .post('/shop/simulator/bnpl/no-such-order/approve')
      .expect(404);
    await request(server)
      .post(`/shop/simulator/bnpl/${created.body.id}/maybe`)
      .expect(404);
  });
});

describe(`example shop: BNPL pages on AllPay (${DB})`, () => {
  let shop: ExampleApp;

  beforeAll(async () => {
    shop = await startExampleApp({ env: { TWPAY_GATEWAY: 'allpay' } });
  }, 120_000);
  afterAll(async () => {
    await shop?.close();
  });

  it('the home page says BNPL is ECPay only, and /shop/bnpl is a 400 page', async () => {
    const server = shop.app.getHttpServer();
    const home = await request(server).get('/').expect(200);
    expect(home.text).toContain('id="bnpl-unavailable"');
    expect(home.text).toContain('offered by ECPay only');
    expect(home.text).toContain('TWPAY_GATEWAY=ecpay');
    expect(home.text).not.toContain('action="/shop/bnpl"');
    const res = await request(server).post('/shop/bnpl').expect(400);
    expect(res.text).toContain('ECPay only');
  });
});
