import { Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  PAYMENTS_ENTITIES,
  PAYMENTS_MIGRATIONS,
  PaymentsModule,
} from 'nestjs-twpay';
import { ECPAY_PROFILE } from 'nestjs-twpay/protocol';

/** ECPay's public stage test merchant: published by ECPay, not a secret. */
export const STAGE_MERCHANT = ECPAY_PROFILE.stageTestMerchant;

/** A shop as a new user writes it from the README: SQLite, the shipped migrations, forRoot. */
@Module({
  imports: [
    TypeOrmModule.forRoot({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: PAYMENTS_ENTITIES,
      migrations: PAYMENTS_MIGRATIONS,
      migrationsRun: true,
    }),
    EventEmitterModule.forRoot(),
    ScheduleModule.forRoot(), // runs the reconciliation job
    PaymentsModule.forRoot({
      gateway: 'ecpay',
      merchants: [STAGE_MERCHANT],
      publicUrl: 'https://shop.example.com',
    }),
  ],
})
export class AppModule {}
