import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { GatewaySimulator } from 'nestjs-twpay/simulator';
import { openOperatorServices } from '../libs/payments/src/bin/operator-context.js';
import { createReconcileCommand } from '../libs/payments/src/cli/commands/reconcile.command.js';
import { runCli } from '../libs/payments/src/cli/run-cli.js';
import { startExampleApp, type ExampleApp } from './helpers/example-app.js';

const CARD = {
  number: '4311-9522-2222-2222',
  expiry: `12/${String((new Date().getFullYear() + 5) % 100).padStart(2, '0')}`,
  cvv: '222',
};

/**
 * The shop flow for `twpay reconcile`: the shop on ECPay with its mounted simulator, two
 * period posts lost, then the command on the shop's database with the shop as the gateway
 * (`DATABASE_URL`, `TWPAY_GATEWAY`, `TWPAY_GATEWAY_URL`): its last line is one JSON summary, and
 * the shop's API then shows every period.
 */
describe('twpay reconcile on the shop database', () => {
  let directory: string;
  let shop: ExampleApp;
  let server: App;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'twpay-reconcile-'));
    shop = await startExampleApp({
      env: { TWPAY_GATEWAY: 'ecpay' },
      sqliteFile: join(directory, 'shop.sqlite'),
    });
    server = shop.app.getHttpServer();
  }, 120_000);
  afterAll(async () => {
    await shop?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const twpay = async (args: string[]) => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = await runCli(
      args,
      {
        stdout: (line) => stdout.push(line),
        stderr: (line) => stderr.push(line),
        env: {
          DATABASE_URL: join(directory, 'shop.sqlite'),
          TWPAY_GATEWAY: 'ecpay',
          TWPAY_GATEWAY_URL: shop.url,
        },
      },
      {
        commands: [createReconcileCommand(openOperatorServices)],
        version: '0',
      },
    );
    return { code, stdout, stderr };
  };

  it('back-fills two lost posts; --json ends with the summary; the page then lists every period', async () => {
    const created = await request(server)
      .post('/api/subscriptions')
      .send({
        periodAmount: 299,
        periodType: 'M',
        frequency: 1,
        execTimes: 12,
        itemName: 'Monthly plan',
      })
      .expect(201);
    await request(server)
      .post('/simulator/api/checkout')
      .send({ ...created.body.checkout, card: CARD })
      .expect(200);
    const simulator = shop.app.get(GatewaySimulator);
    simulator.faults.apply({ dropNextNotifications: 2 });
    await simulator.advance({ months: 3 });
    const before = await request(server)
      .get(`/api/subscriptions/${created.body.id}`)
      .expect(200);
    expect(before.body.periods).toHaveLength(2);

    const run = await twpay(['reconcile', '--json']);
    expect(run.stderr).toEqual([]);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout.at(-1)!);
    expect(summary).toMatchObject({
      checked: 1,
      repaired: 1,
      errors: 0,
      backfilled: 2,
    });
    const after = await request(server)
      .get(`/api/subscriptions/${created.body.id}`)
      .expect(200);
    expect(after.body.periods).toHaveLength(4);
    expect(after.body.totalSuccessTimes).toBe(4);

    const again = await twpay(['reconcile']);
    expect(again.code).toBe(0);
    expect(again.stdout.join('\n')).toMatch(/repaired/);
    expect(again.stdout.join('\n')).not.toMatch(/back-filled period/);
  });
});
