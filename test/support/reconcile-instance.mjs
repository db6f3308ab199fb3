// One app instance for the multi-instance reconciliation test: the built package (as a deployed
// app runs it) on DATABASE_URL, the gateway at TWPAY_GATEWAY_URL, every payments event counted.
// Prints one JSON line: the run's summary figures and the events this process emitted.
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitter2, EventEmitterModule } from '@nestjs/event-emitter';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ECPAY_PROFILE } from '../../libs/payments/dist/protocol/index.js';
import {
  databaseOptionsFromUrl,
  PAYMENTS_ENTITIES,
  PaymentsModule,
  ReconciliationService,
} from '../../libs/payments/dist/index.js';

class InstanceModule {}
Module({
  imports: [
    TypeOrmModule.forRoot({
      ...databaseOptionsFromUrl(process.env.DATABASE_URL),
      entities: PAYMENTS_ENTITIES,
    }),
    EventEmitterModule.forRoot(),
    PaymentsModule.forRoot({
      gateway: 'ecpay',
      gatewayBaseUrl: process.env.TWPAY_GATEWAY_URL,
      merchants: [ECPAY_PROFILE.stageTestMerchant],
      publicUrl: 'http://127.0.0.1:9',
      reapplyIntervalMs: 0,
      reconciliation: { intervalMs: 0, concurrency: 8 },
    }),
  ],
})(InstanceModule);

const app = await NestFactory.createApplicationContext(InstanceModule, {
  logger: false,
});
const events = {};
app.get(EventEmitter2).onAny((name, payload) => {
  events[name] ??= [];
  events[name].push(`${payload.subscriptionId}|${payload.gwsr ?? ''}`);
});
const summary = await app.get(ReconciliationService).reconcile();
await app.close();
process.stdout.write(
  `${JSON.stringify({
    checked: summary.checked,
    repaired: summary.repaired,
    errors: summary.errors,
    skipped: summary.skipped,
    backfilled: summary.backfilled,
    failures: summary.failures.slice(0, 3),
    events,
  })}\n`,
);
