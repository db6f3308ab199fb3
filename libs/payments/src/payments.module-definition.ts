import { ConfigurableModuleBuilder } from '@nestjs/common';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { PAYMENTS_ENTITIES } from './entities.js';
import type { PaymentsModuleOptions } from './interfaces/payments-module-options.interface.js';
import { createPaymentsCallbackController } from './notifications/payments-callback.controller.js';
import {
  PAYMENTS_DATA_SOURCE,
  PAYMENTS_ROUTE_PREFIX,
} from './payments.constants.js';
import { normalizeRoutePrefix } from './resolve-payments-options.js';

/**
 * Settings needed while the module is assembled, before any option factory runs.
 *
 * @publicApi
 */
export interface PaymentsModuleExtras {
  /**
   * Registers the module globally, so feature modules can inject its services without importing it.
   * @default false
   */
  isGlobal?: boolean;
  /**
   * Name of the TypeORM data source holding the module's tables, when the app has several.
   * @default undefined (the default data source)
   */
  dataSource?: string;
  /**
   * Path prefix of the callback routes (`<prefix>/notify/return` and the others). Include any global
   * prefix of the app in `publicUrl`, not here.
   * @default 'payments'
   */
  routePrefix?: string;
}

export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: PAYMENTS_MODULE_OPTIONS,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<PaymentsModuleOptions>({
  moduleName: 'Payments',
})
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createPaymentsOptions')
  .setExtras<PaymentsModuleExtras>(
    { isGlobal: false, dataSource: undefined, routePrefix: 'payments' },
    (definition, extras) => {
      const routePrefix = normalizeRoutePrefix(extras.routePrefix);
      return {
        ...definition,
        global: extras.isGlobal,
        imports: [
          ...(definition.imports ?? []),
          TypeOrmModule.forFeature(PAYMENTS_ENTITIES, extras.dataSource),
        ],
        controllers: [
          ...(definition.controllers ?? []),
          createPaymentsCallbackController(routePrefix),
        ],
        providers: [
          ...(definition.providers ?? []),
          { provide: PAYMENTS_ROUTE_PREFIX, useValue: routePrefix },
          {
            provide: PAYMENTS_DATA_SOURCE,
            useExisting: getDataSourceToken(extras.dataSource),
          },
        ],
      };
    },
  )
  .build();
