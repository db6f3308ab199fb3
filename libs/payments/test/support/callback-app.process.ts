// A payments app in its own process, for tests that must kill it: started by
// `startCallbackAppProcess()` (callback-app-process.ts) with its settings in TWPAY_CHILD.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitter2, EventEmitterModule } from '@nestjs/event-emitter';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';
import { PAYMENTS_ENTITIES } from '../../src/entities.js';
import type { OutboxEventEntity } from '../../src/events/outbox-event.entity.js';
import { PaymentsOutbox } from '../../src/events/payments-outbox.service.js';
import { PAYMENTS_MIGRATIONS } from '../../src/migrations/index.js';
import { NotificationProcessor } from '../../src/notifications/notification-processor.service.js';
import { PaymentsModule } from '../../src/payments.module.js';
import { PeriodicPaymentService } from '../../src/subscriptions/periodic-payment.service.js';
import { ECPAY_STAGE } from './stage-merchant.js';

export interface CallbackAppSettings {
  db: DataSourceOptions;
  /** Kill this process (SIGKILL) once a transaction with events has committed, before publishing. */
  crashAfterCommit: boolean;
  /** Create a subscription at start and print it. */
  createSubscription: boolean;
  claimLeaseMs: number;
  reapplyIntervalMs: number;
}

const settings = JSON.parse(process.env.TWPAY_CHILD!) as CallbackAppSettings;

@Module({
  imports: [
    TypeOrmModule.forRoot({
      ...settings.db,
      entities: PAYMENTS_ENTITIES,
      migrations: PAYMENTS_MIGRATIONS,
      migrationsRun: true,
      migrationsTableName: 'twpay_migrations',
    }),
    EventEmitterModule.forRoot({ wildcard: true }),
    PaymentsModule.forRoot({
      gateway: 'ecpay',
      merchants: [ECPAY_STAGE],
      publicUrl: 'https://shop.example.com',
      claimLeaseMs: settings.claimLeaseMs,
      reapplyIntervalMs: settings.reapplyIntervalMs,
    }),
  ],
})
class CallbackAppModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(CallbackAppModule, {
    rawBody: true,
    logger: ['error'],
    abortOnError: false,
  });
  app
    .get(EventEmitter2)
    .onAny((name: string | string[], payload: { eventId?: string }) => {
      process.stdout.write(`EVENT ${String(name)} ${payload.eventId}\n`);
    });
  await app.listen(0, '127.0.0.1');
  if (settings.crashAfterCommit) {
    // The test hook: once a transaction with events has committed, the process dies before it
    // publishes them.
    const outbox = app.get(PaymentsOutbox);
    const publish = outbox.publishCommitted.bind(outbox);
    outbox.publishCommitted = (rows: readonly OutboxEventEntity[]) => {
      if (rows.length > 0) {
        process.stdout.write(`COMMITTED ${rows.map((r) => r.id).join(',')}\n`);
        process.kill(process.pid, 'SIGKILL');
      }
      publish(rows);
    };
  }
  // Which process re-applied which stored notification, for tests of replicas sharing the work.
  const processor = app.get(NotificationProcessor);
  const reapply = processor.reapply.bind(processor);
  processor.reapply = async (notification) => {
    const result = await reapply(notification);
    process.stdout.write(`REAPPLIED ${notification.id} ${result.outcome}\n`);
    return result;
  };
  if (settings.createSubscription) {
    const { subscription } = await app
      .get(PeriodicPaymentService)
      .createSubscription({
        periodAmount: 299,
        periodType: 'M',
        frequency: 1,
        execTimes: 12,
        itemName: 'Pro plan',
      });
    process.stdout.write(`SUBSCRIPTION ${subscription.merchantTradeNo}\n`);
  }
  const address = app.getHttpServer().address() as { port: number };
  process.stdout.write(`LISTENING ${address.port}\n`);
}

void main();
