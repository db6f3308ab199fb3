import { Module, type DynamicModule } from '@nestjs/common';
import { CashierController } from './controllers/cashier.controller.js';
import { CheckoutController } from './controllers/checkout.controller.js';
import { DashboardController } from './controllers/dashboard.controller.js';
import { SimulatorControlController } from './controllers/simulator-control.controller.js';
import { GatewayApis } from './gateway-apis.js';
import {
  ConfigurableModuleClass,
  GATEWAY_SIMULATOR_OPTIONS,
  OPTIONS_TYPE,
} from './gateway-simulator.module-definition.js';
import { GatewaySimulator } from './gateway-simulator.js';
import {
  resolveSimulatorOptions,
  type GatewaySimulatorOptions,
} from './simulator-options.js';

/**
 * The local AllPay/ECPay gateway as a Nest module. It serves the gateway's routes
 * (`/Cashier/AioCheckOut/V4|V5`, `/Cashier/QueryCreditCardPeriodInfo`,
 * `/Cashier/CreditCardPeriodAction`, `/Cashier/QueryTradeInfo/V4|V5`) and its own control routes
 * under `/simulator` (dashboard, virtual clock, faults, JSON checkout, state).
 *
 * Mount it in any Nest app created with `rawBody: true`, or run it on its own with
 * `startGatewaySimulator()`.
 *
 * @example
 * ```ts
 * @Module({ imports: [GatewaySimulatorModule.forRoot({ startTime: new Date('2024-03-01T02:00:00Z') })] })
 * export class AppModule {}
 * ```
 * @publicApi
 */
@Module({
  controllers: [
    CashierController,
    CheckoutController,
    SimulatorControlController,
    DashboardController,
  ],
  providers: [
    {
      provide: GatewaySimulator,
      inject: [GATEWAY_SIMULATOR_OPTIONS],
      useFactory: (options: GatewaySimulatorOptions) =>
        new GatewaySimulator(resolveSimulatorOptions(options)),
    },
    {
      provide: GatewayApis,
      inject: [GatewaySimulator],
      useFactory: (simulator: GatewaySimulator) => new GatewayApis(simulator),
    },
  ],
  exports: [GatewaySimulator],
})
export class GatewaySimulatorModule extends ConfigurableModuleClass {
  /** Every option has a default: `forRoot()` simulates both stage merchants. */
  static override forRoot(options: typeof OPTIONS_TYPE = {}): DynamicModule {
    return super.forRoot(options);
  }
}
