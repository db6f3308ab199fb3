import request from 'supertest';
import type { App } from 'supertest/types.js';
import { startExampleApp, type ExampleApp } from './helpers/example-app.js';

const PLAN = {
  periodAmount: 299,
  periodType: 'M',
  frequency: 1,
  execTimes: 12,
  itemName: 'Monthly plan',
};

/** `GET /api/subscriptions`: the shop's paginated list, newest first, with filters. */
describe(`GET /api/subscriptions (${process.env.TWPAY_TEST_DB ?? 'sqlite'})`, () => {
  let shop: ExampleApp;
  let server: App;
  const ids: string[] = [];

  beforeAll(async () => {
    shop = await startExampleApp();
    server = shop.app.getHttpServer();
    for (const customerId of ['alice', 'bob', 'alice']) {
      const created = await request(server)
        .post('/api/subscriptions')
        .send({ ...PLAN, customerId })
        .expect(201);
      ids.push(created.body.id);
    }
  }, 120_000);
  afterAll(async () => {
    await shop?.close();
  });

  it('answers a page of subscriptions with the total, and the next page', async () => {
    const first = await request(server)
      .get('/api/subscriptions?pageSize=2')
      .expect(200);
    expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]).toMatchObject({
      status: 'pending',
      periodAmount: 299,
      totalSuccessTimes: 0,
    });
    const second = await request(server)
      .get('/api/subscriptions?pageSize=2&page=2')
      .expect(200);
    expect(second.body.items).toHaveLength(1);
    const seen = [...first.body.items, ...second.body.items].map(
      (s: { id: string }) => s.id,
    );
    expect(new Set(seen)).toEqual(new Set(ids));
  });

  it('filters by customer and by status (any letter case), and refuses a bad query', async () => {
    const alice = await request(server)
      .get('/api/subscriptions?customerId=alice')
      .expect(200);
    expect(alice.body.total).toBe(2);
    const pending = await request(server)
      .get('/api/subscriptions?status=PENDING')
      .expect(200);
    expect(pending.body.total).toBe(3);
    const active = await request(server)
      .get('/api/subscriptions?status=active')
      .expect(200);
    expect(active.body).toMatchObject({ total: 0, items: [] });
    await request(server).get('/api/subscriptions?status=paused').expect(400);
    await request(server).get('/api/subscriptions?page=0').expect(400);
  });
});
