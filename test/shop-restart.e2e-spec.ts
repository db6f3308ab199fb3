import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ReconciliationService } from 'nestjs-twpay';
import { GatewaySimulator } from 'nestjs-twpay/simulator';
import { startExampleApp, type ExampleApp } from './helpers/example-app.js';

const CARD = {
  number: '4311-9522-2222-2222',
  expiry: `12/${String((new Date().getFullYear() + 5) % 100).padStart(2, '0')}`,
  cvv: '222',
};

/**
 * A restart keeps the demo true: the mounted simulator's agreements and virtual time survive it
 * (a state file beside the shop's SQLite file), so an existing subscription goes on billing.
 */
describe('the shop across a restart', () => {
  let directory: string;
  let shop: ExampleApp | undefined;

  const start = () =>
    startExampleApp({
      env: {
        TWPAY_GATEWAY: 'ecpay',
        TWPAY_SIMULATOR_STATE: join(directory, 'simulator-state.json'),
      },
      sqliteFile: join(directory, 'shop.sqlite'),
    });

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'twpay-restart-'));
  });
  afterAll(async () => {
    await shop?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('still charges a subscription made before the restart, in the same virtual time', async () => {
    shop = await start();
    const created = await request(shop.app.getHttpServer())
      .post('/api/subscriptions')
      .send({
        periodAmount: 299,
        periodType: 'M',
        frequency: 1,
        execTimes: 12,
        itemName: 'Monthly plan',
      })
      .expect(201);
    await request(shop.app.getHttpServer())
      .post('/simulator/api/checkout')
      .send({ ...created.body.checkout, card: CARD })
      .expect(200);
    const before = shop.app.get(GatewaySimulator).clock.now();
    await shop.close();

    shop = await start();
    const simulator = shop.app.get(GatewaySimulator);
    expect(simulator.clock.now().toISOString()).toBe(before.toISOString());
    await simulator.advance({ months: 1, days: 2 });
    // The agreement was charged after the restart. Its post went to the old process's port (a
    // test picks a new one each start), so reconciliation brings the charge in.
    const run = await shop.app.get(ReconciliationService).reconcile();
    expect(run).toMatchObject({ errors: 0, backfilled: 1 });
    const subscription = await request(shop.app.getHttpServer())
      .get(`/api/subscriptions/${created.body.id}`)
      .expect(200);
    expect(subscription.body).toMatchObject({
      status: 'active',
      totalSuccessTimes: 2,
    });
  });
});
