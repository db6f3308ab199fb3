import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { DataSource } from 'typeorm';
import { GatewayNotificationEntity } from 'nestjs-twpay';
import { GatewaySimulator } from 'nestjs-twpay/simulator';
import { openOperatorServices } from '../libs/payments/src/bin/operator-context.js';
import { createInboxCommand } from '../libs/payments/src/cli/commands/inbox.command.js';
import { createReconcileCommand } from '../libs/payments/src/cli/commands/reconcile.command.js';
import { createReplayCommand } from '../libs/payments/src/cli/commands/replay.command.js';
import { createSubscriptionsCommand } from '../libs/payments/src/cli/commands/subscriptions.command.js';
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
describe('twpay operator commands on the shop database', () => {
  let directory: string;
  let shop: ExampleApp;
  let server: App;
  let subscriptionId: string;

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
        commands: [
          createReconcileCommand(openOperatorServices),
          createSubscriptionsCommand(openOperatorServices),
          createInboxCommand(openOperatorServices),
          createReplayCommand(openOperatorServices),
        ],
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
    subscriptionId = created.body.id;
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

  it('twpay subscriptions lists status, periods collected and the next charge; --status filters', async () => {
    const listed = await twpay(['subscriptions', '--json']);
    expect(listed.stderr).toEqual([]);
    expect(listed.code).toBe(0);
    const [row] = JSON.parse(listed.stdout.at(-1)!);
    expect(row).toMatchObject({
      id: subscriptionId,
      status: 'active',
      totalSuccessTimes: 4,
      execTimes: 12,
    });
    expect(typeof row.nextChargeAt).toBe('string');
    const table = await twpay(['subscriptions']);
    expect(table.stdout.join('\n')).toContain('4/12');
    const none = await twpay([
      'subscriptions',
      '--status',
      'CANCELLED',
      '--json',
    ]);
    expect(JSON.parse(none.stdout.at(-1)!)).toEqual([]);
    const bad = await twpay(['subscriptions', '--status', 'paused']);
    expect(bad.code).toBe(2);
  });

  it('twpay inbox filters by channel and outcome; twpay replay re-applies one idempotently', async () => {
    const inbox = await twpay(['inbox', '--channel', 'period', '--json']);
    expect(inbox.code).toBe(0);
    const periods = JSON.parse(inbox.stdout.at(-1)!) as {
      id: string;
      outcome: string;
      channel: string;
    }[];
    // Three periods were charged, two of their posts lost: one arrived.
    expect(periods).toHaveLength(1);
    expect(periods[0]).toMatchObject({ channel: 'period', outcome: 'applied' });
    const rejected = await twpay(['inbox', '--outcome', 'rejected', '--json']);
    expect(JSON.parse(rejected.stdout.at(-1)!)).toEqual([]);

    const again = await twpay(['replay', periods[0].id, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout.at(-1)!)).toMatchObject({
      outcome: 'applied',
      reason: 'already applied; nothing to do',
    });
    // A second stored copy of that post (as a re-send would leave), never applied: replaying it,
    // twice, changes nothing, because the ledger already has that period.
    const inboxRows = shop.app
      .get(DataSource)
      .getRepository(GatewayNotificationEntity);
    const original = await inboxRows.findOneByOrFail({ id: periods[0].id });
    const copyId = randomUUID();
    await inboxRows.insert({
      ...original,
      id: copyId,
      outcome: 'received',
      attempts: 0,
      processedAt: null,
    });
    for (let i = 0; i < 2; i++) {
      const replayed = await twpay(['replay', copyId, '--json']);
      expect(replayed.code).toBe(0);
      expect(JSON.parse(replayed.stdout.at(-1)!)).toMatchObject({
        id: copyId,
        outcome: 'duplicate',
      });
    }
    const ledger = await request(server)
      .get(`/api/subscriptions/${subscriptionId}`)
      .expect(200);
    expect(ledger.body.periods).toHaveLength(4);
    expect((await twpay(['replay', 'no-such-id'])).code).toBe(2);
  });
});
