import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { GatewaySimulatorOptions } from './simulator-options.js';

/** @internal `forRoot(options)` and `forRootAsync({ useFactory, inject })`, built the standard way. */
export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: GATEWAY_SIMULATOR_OPTIONS,
  OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<GatewaySimulatorOptions>({
  moduleName: 'GatewaySimulator',
})
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createGatewaySimulatorOptions')
  .build();
