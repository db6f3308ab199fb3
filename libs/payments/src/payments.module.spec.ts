import type { DynamicModule, Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { BnplPaymentService } from './bnpl/bnpl-payment.service.js';
import { PAYMENTS_ENTITIES } from './entities.js';
import type { PaymentsModuleOptions } from './interfaces/payments-module-options.interface.js';
import { NotificationReapplyService } from './notifications/notification-reapply.service.js';
import { PaymentsHealthIndicator } from './health/payments-health.indicator.js';
import {
  PAYMENTS_DATA_SOURCE,
  PAYMENTS_OPTIONS_VIEW,
  PAYMENTS_RESOLVED_OPTIONS,
  PAYMENTS_ROUTE_PREFIX,
} from './payments.constants.js';
import { PAYMENTS_MODULE_OPTIONS } from './payments.module-definition.js';
import { PaymentsModule } from './payments.module.js';
import { PeriodicPaymentService } from './subscriptions/periodic-payment.service.js';

// The shape of what forRoot()/forRootAsync() return, without a database (nestjs/typeorm's
// typeorm-module.spec.ts style): what an app gets is decided here, not at run time.

const options: PaymentsModuleOptions = {
  gateway: 'ecpay',
  merchants: [{ merchantId: '3002607', hashKey: 'k', hashIV: 'i' }],
  publicUrl: 'https://shop.example.com',
};

function tokenOf(provider: Provider): unknown {
  return typeof provider === 'function' ? provider : provider.provide;
}

function providerFor(module: DynamicModule, token: unknown) {
  return module.providers?.find((p) => tokenOf(p) === token) as
    Record<string, unknown> | undefined;
}

/** The entity list a TypeOrmModule.forFeature() import was given, and for which data source. */
function featureImport(module: DynamicModule) {
  const feature = module.imports?.find(
    (imported) =>
      typeof imported === 'object' &&
      'providers' in imported &&
      (imported as DynamicModule).module?.name === 'TypeOrmModule',
  ) as DynamicModule | undefined;
  return feature;
}

describe('PaymentsModule', () => {
  describe('forRoot()', () => {
    const module = PaymentsModule.forRoot(options);

    it('is a dynamic PaymentsModule, not global unless asked', () => {
      expect(module.module).toBe(PaymentsModule);
      expect(module.global).toBe(false);
      expect(
        PaymentsModule.forRoot({ ...options, isGlobal: true }).global,
      ).toBe(true);
    });

    it('provides the options as given, and the route prefix', () => {
      expect(providerFor(module, PAYMENTS_MODULE_OPTIONS)?.useValue).toEqual(
        options,
      );
      expect(providerFor(module, PAYMENTS_ROUTE_PREFIX)?.useValue).toBe(
        'payments',
      );
      expect(
        providerFor(
          PaymentsModule.forRoot({ ...options, routePrefix: '/billing/' }),
          PAYMENTS_ROUTE_PREFIX,
        )?.useValue,
      ).toBe('billing');
    });

    it('registers every entity with TypeORM, on the named data source when there is one', () => {
      expect(featureImport(module)).toBeDefined();
      expect(providerFor(module, PAYMENTS_DATA_SOURCE)?.useExisting).toBe(
        getDataSourceToken(undefined),
      );
      const named = PaymentsModule.forRoot({
        ...options,
        dataSource: 'billing',
      });
      expect(providerFor(named, PAYMENTS_DATA_SOURCE)?.useExisting).toBe(
        getDataSourceToken('billing'),
      );
      const featureTokens = (featureImport(named)?.providers ?? []).map(
        tokenOf,
      );
      expect(featureTokens).toHaveLength(PAYMENTS_ENTITIES.length);
    });

    it('mounts one callback controller under the prefix', () => {
      expect(module.controllers).toHaveLength(1);
    });
  });

  describe('forRootAsync()', () => {
    it('builds the options with the factory and its injections', () => {
      const factory = () => options;
      const module = PaymentsModule.forRootAsync({
        useFactory: factory,
        inject: ['CONFIG'],
        isGlobal: true,
      });
      const provider = providerFor(module, PAYMENTS_MODULE_OPTIONS);
      expect(provider?.useFactory).toBe(factory);
      expect(provider?.inject).toEqual(['CONFIG']);
      expect(module.global).toBe(true);
      expect(featureImport(module)).toBeDefined();
    });
  });

  it('exports the services an app calls and the options view, never the options with their secrets', () => {
    const exported = Reflect.getMetadata(
      'exports',
      PaymentsModule,
    ) as unknown[];
    expect(exported).toEqual(
      expect.arrayContaining([
        PeriodicPaymentService,
        BnplPaymentService,
        NotificationReapplyService,
        PaymentsHealthIndicator,
        PAYMENTS_OPTIONS_VIEW,
      ]),
    );
    expect(exported).not.toContain(PAYMENTS_RESOLVED_OPTIONS);
  });
});
