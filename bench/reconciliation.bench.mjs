// `npm run bench`: reconciliation of BENCH_SUBSCRIPTIONS (default 10,000) overdue subscriptions
// against the simulator, on the built package. Every post of the period is lost (the merchant URL
// only answers 1|OK), so each subscription needs its first authorization and one period back-filled.
// Prints subscriptions per second and the process's peak RSS (simulator included: it runs here).
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  databaseOptionsFromUrl,
  PAYMENTS_ENTITIES,
  PAYMENTS_MIGRATIONS,
  PaymentsModule,
  PaymentSubscriptionEntity,
  ReconciliationService,
} from '../libs/payments/dist/index.js';
import {
  checkMacValue,
  ECPAY_PROFILE,
  formatTaipeiDateTime,
} from '../libs/payments/dist/protocol/index.js';
import { startGatewaySimulator } from '../libs/payments/dist/simulator/index.js';

const COUNT = Number(process.env.BENCH_SUBSCRIPTIONS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const MERCHANT = ECPAY_PROFILE.stageTestMerchant;
// Real now: a pending subscription's grace is measured from its (real-time) created_at.
const START = new Date();
const CARD = { number: '4311-9522-2222-2222', expiry: '12/49', cvv: '222' };

const directory = mkdtempSync(join(tmpdir(), 'twpay-bench-'));
const databaseUrl = process.env.DATABASE_URL ?? join(directory, 'bench.sqlite');
const sink = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.end('1|OK'));
});
await new Promise((resolve) => sink.listen(0, '127.0.0.1', resolve));
const sinkUrl = `http://127.0.0.1:${sink.address().port}`;
const gateway = await startGatewaySimulator({ startTime: START });

const setup = new DataSource({
  ...databaseOptionsFromUrl(databaseUrl),
  entities: PAYMENTS_ENTITIES,
  migrations: PAYMENTS_MIGRATIONS,
  migrationsTableName: 'twpay_migrations',
});
await setup.initialize();
await setup.runMigrations();
const setupStarted = Date.now();
const rows = [];
for (let i = 0; i < COUNT; i++) {
  const fields = {
    MerchantID: MERCHANT.merchantId,
    MerchantTradeNo: `BN${START.getTime().toString(36)}${i}`.slice(0, 20),
    MerchantTradeDate: formatTaipeiDateTime(START),
    PaymentType: 'aio',
    TotalAmount: '299',
    TradeDesc: 'Monthly plan',
    ItemName: 'Pro plan',
    ReturnURL: `${sinkUrl}/return`,
    ChoosePayment: 'Credit',
    EncryptType: '1',
    PeriodAmount: '299',
    PeriodType: 'M',
    Frequency: '1',
    ExecTimes: '12',
    PeriodReturnURL: `${sinkUrl}/period`,
  };
  const created = gateway.simulator.createOrder(
    'ecpay',
    Object.entries({
      ...fields,
      CheckMacValue: checkMacValue(fields, MERCHANT),
    }),
  );
  if (!created.ok) throw new Error(created.error.message);
  const paid = await gateway.simulator.pay(created.order.id, CARD);
  if (!paid.ok) throw new Error(paid.error.message);
  rows.push({
    id: randomUUID(),
    gateway: 'ecpay',
    merchantId: MERCHANT.merchantId,
    merchantTradeNo: fields.MerchantTradeNo,
    itemName: 'Pro plan',
    customerId: null,
    metadata: null,
    status: 'pending',
    periodAmount: 299,
    periodType: 'M',
    frequency: 1,
    execTimes: 12,
  });
}
for (let i = 0; i < rows.length; i += 500) {
  await setup
    .getRepository(PaymentSubscriptionEntity)
    .insert(rows.slice(i, i + 500));
}
await setup.destroy();
await gateway.simulator.advance({ months: 1, days: 2 });
console.log(
  `setup: ${COUNT} agreements at the simulator, their posts lost (${((Date.now() - setupStarted) / 1000).toFixed(1)} s)`,
);

class BenchModule {}
Module({
  imports: [
    TypeOrmModule.forRoot({
      ...databaseOptionsFromUrl(databaseUrl),
      entities: PAYMENTS_ENTITIES,
    }),
    PaymentsModule.forRoot({
      gateway: 'ecpay',
      gatewayBaseUrl: gateway.url,
      merchants: [MERCHANT],
      publicUrl: 'http://127.0.0.1:9',
      reapplyIntervalMs: 0,
      clock: () => gateway.simulator.clock.now(),
      reconciliation: { intervalMs: 0, concurrency: CONCURRENCY },
    }),
  ],
})(BenchModule);
const app = await NestFactory.createApplicationContext(BenchModule, {
  logger: false,
});
const started = performance.now();
const summary = await app
  .get(ReconciliationService)
  .reconcile({ dueOnly: true });
const seconds = (performance.now() - started) / 1000;
await app.close();
await gateway.close();
sink.closeAllConnections();
sink.close();
rmSync(directory, { recursive: true, force: true });

const result = {
  bench: 'reconciliation',
  database: databaseOptionsFromUrl(databaseUrl).type,
  subscriptions: COUNT,
  concurrency: CONCURRENCY,
  checked: summary.checked,
  repaired: summary.repaired,
  backfilled: summary.backfilled,
  errors: summary.errors,
  seconds: Number(seconds.toFixed(1)),
  subscriptionsPerSecond: Math.round(summary.checked / seconds),
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  targetMet: summary.checked === COUNT && seconds < 60,
};
console.log(JSON.stringify(result));
