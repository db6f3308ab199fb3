// The app side of the reconciliation part (bench/reconciliation-bench.ts), as its own process: the
// payments module on DATABASE_URL with the gateway at TWPAY_GATEWAY_URL, its clock BENCH_CLOCK_OFFSET_MS
// ahead of real time (the simulator's virtual clock), and the default reconciliation options. Runs one
// due-only reconciliation and prints one JSON line: the summary's figures, the run's seconds and the
// process's peak RSS.
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { readFileSync } from 'node:fs';
import {
  databaseOptionsFromUrl,
  PAYMENTS_ENTITIES,
  PaymentsModule,
  ReconciliationService,
} from 'nestjs-twpay';
import { ECPAY_PROFILE } from 'nestjs-twpay/protocol';

/** What the child prints, read back by the bench. */
export interface ReconciliationAppRun {
  selected: number;
  checked: number;
  repaired: number;
  backfilled: number;
  errors: number;
  skipped: number;
  seconds: number;
  /** VmHWM of this process, in MB. */
  peakRssMb: number;
}

const offsetMs = Number(process.env.BENCH_CLOCK_OFFSET_MS ?? 0);

@Module({
  imports: [
    TypeOrmModule.forRoot({
      ...databaseOptionsFromUrl(process.env.DATABASE_URL),
      entities: PAYMENTS_ENTITIES,
    }),
    PaymentsModule.forRoot({
      gateway: 'ecpay',
      gatewayBaseUrl: process.env.TWPAY_GATEWAY_URL,
      merchants: [ECPAY_PROFILE.stageTestMerchant],
      publicUrl: 'http://127.0.0.1:9',
      reapplyIntervalMs: 0,
      clock: () => new Date(Date.now() + offsetMs),
      reconciliation: { intervalMs: 0 },
    }),
  ],
})
class ReconciliationAppModule {}

const app = await NestFactory.createApplicationContext(
  ReconciliationAppModule,
  { logger: ['error', 'warn'] },
);
const started = performance.now();
const summary = await app
  .get(ReconciliationService)
  .reconcile({ dueOnly: true });
const seconds = (performance.now() - started) / 1000;
await app.close();
const vmHwm = /^VmHWM:\s+(\d+) kB$/m.exec(
  readFileSync('/proc/self/status', 'utf8'),
);
const run: ReconciliationAppRun = {
  selected: summary.selected,
  checked: summary.checked,
  repaired: summary.repaired,
  backfilled: summary.backfilled,
  errors: summary.errors,
  skipped: summary.skipped,
  seconds,
  peakRssMb: Number(vmHwm?.[1] ?? 0) / 1024,
};
console.log(JSON.stringify(run));
