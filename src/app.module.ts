import { Module, type DynamicModule } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  PAYMENTS_ENTITIES,
  PAYMENTS_MIGRATIONS,
  PaymentsModule,
} from 'nestjs-twpay';
import {
  GatewaySimulator,
  GatewaySimulatorModule,
  SimulatorStateFile,
} from 'nestjs-twpay/simulator';
import { BnplOrdersController } from './bnpl/bnpl-orders.controller.js';
import type { AppConfig } from './config/app-config.js';
import { PaymentsEventLog } from './events/payments-event-log.js';
import { HealthController } from './health/health.controller.js';
import { ShopController } from './shop/shop.controller.js';
import { SimulatorStateKeeper } from './simulator/simulator-state-keeper.js';
import { SubscriptionsController } from './subscriptions/subscriptions.controller.js';

/**
 * The example shop: the payments module on the configured database, its JSON API (documented at
 * /api/docs), /health, and (unless TWPAY_GATEWAY_URL points elsewhere) the gateway simulator in the
 * same process.
 */
@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    // No external gateway configured: serve the simulated one from this process, knowing the
    // merchant's keys, so checkout, notifications and the virtual clock all work offline.
    const simulator = config.gatewayUrl
      ? undefined
      : GatewaySimulatorModule.forRoot({ merchants: [config.merchant] });
    const paymentsOptions = {
      gateway: config.gateway,
      environment: 'stage' as const,
      gatewayBaseUrl: config.gatewayUrl ?? config.publicUrl,
      merchants: [config.merchant],
      publicUrl: config.publicUrl,
      browserReturnUrl: '/subscriptions/{id}',
      bnplBrowserReturnUrl: '/bnpl-orders/{id}',
    };
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot({
          ...config.database,
          entities: PAYMENTS_ENTITIES,
          migrations: PAYMENTS_MIGRATIONS,
          migrationsRun: true,
          migrationsTableName: 'twpay_migrations',
        }),
        EventEmitterModule.forRoot(),
        TerminusModule,
        ScheduleModule.forRoot(),
        // With the simulator mounted, "now" is its virtual clock, as Stripe's test clocks: advancing
        // it makes subscriptions due for reconciliation.
        simulator
          ? PaymentsModule.forRootAsync({
              imports: [simulator],
              inject: [GatewaySimulator],
              useFactory: (gateway: GatewaySimulator) => ({
                ...paymentsOptions,
                clock: () => gateway.clock.now(),
              }),
            })
          : PaymentsModule.forRoot(paymentsOptions),
        ...(simulator ? [simulator] : []),
      ],
      providers: [
        PaymentsEventLog,
        ...(simulator && config.simulatorStateFile
          ? [
              {
                provide: SimulatorStateKeeper,
                inject: [GatewaySimulator],
                useFactory: (gateway: GatewaySimulator) =>
                  new SimulatorStateKeeper(
                    new SimulatorStateFile(gateway, config.simulatorStateFile!),
                  ),
              },
            ]
          : []),
      ],
      controllers: [
        SubscriptionsController,
        ShopController,
        BnplOrdersController,
        HealthController,
      ],
    };
  }
}
