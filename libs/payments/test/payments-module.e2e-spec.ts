import { Injectable, Module, type ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  InjectPaymentsOptions,
  PAYMENTS_ENTITIES,
  PaymentsConfigError,
  PaymentsErrorCode,
  PaymentsModule,
  PeriodicPaymentService,
  type PaymentsModuleOptions,
  type PaymentsOptionsFactory,
  type PaymentsOptionsView,
} from 'nestjs-twpay';

const SECRET_KEY = 'sEcReTkEy0000001';
const SECRET_IV = 'sEcReTiV00000001';
const OPTIONS: PaymentsModuleOptions = {
  gateway: 'allpay',
  merchants: [
    { merchantId: '2000132', hashKey: SECRET_KEY, hashIV: SECRET_IV },
  ],
  publicUrl: 'https://shop.example.com/',
};

const database = TypeOrmModule.forRoot({
  type: 'better-sqlite3',
  database: ':memory:',
  entities: PAYMENTS_ENTITIES,
  synchronize: true,
});

@Module({})
class ConfigModule {}

@Injectable()
class PaymentsConfigService implements PaymentsOptionsFactory {
  createPaymentsOptions(): PaymentsModuleOptions {
    return OPTIONS;
  }
}

@Injectable()
class OptionsReader {
  constructor(@InjectPaymentsOptions() readonly options: PaymentsOptionsView) {}
}

async function boot(payments: NonNullable<ModuleMetadata['imports']>[number]) {
  const moduleRef = await Test.createTestingModule({
    imports: [database, payments],
  }).compile();
  return moduleRef;
}

describe('PaymentsModule option paths', () => {
  it.each([
    ['forRoot', () => PaymentsModule.forRoot(OPTIONS)],
    [
      'forRootAsync with useFactory and inject',
      () =>
        PaymentsModule.forRootAsync({
          imports: [ConfigModule],
          inject: [],
          useFactory: async () => OPTIONS,
        }),
    ],
    [
      'forRootAsync with useClass',
      () => PaymentsModule.forRootAsync({ useClass: PaymentsConfigService }),
    ],
  ])('%s boots and resolves the defaults', async (_name, make) => {
    const moduleRef = await boot(make());
    const service = moduleRef.get(PeriodicPaymentService);
    expect(service.callbackUrls()).toEqual({
      returnUrl: 'https://shop.example.com/payments/notify/return',
      periodReturnUrl: 'https://shop.example.com/payments/notify/period',
      paymentInfoUrl: 'https://shop.example.com/payments/notify/payment-info',
      orderResultUrl: 'https://shop.example.com/payments/redirect/order-result',
      clientRedirectUrl: 'https://shop.example.com/payments/redirect/client',
    });
    await moduleRef.close();
  });

  it('injects the resolved options through InjectPaymentsOptions, with the factory inject honoured', async () => {
    const TOKEN = 'PUBLIC_URL';
    @Module({
      providers: [{ provide: TOKEN, useValue: 'https://billing.example.com' }],
      exports: [TOKEN],
    })
    class UrlModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [
        database,
        PaymentsModule.forRootAsync({
          imports: [UrlModule],
          inject: [TOKEN],
          useFactory: (publicUrl: string) => ({ ...OPTIONS, publicUrl }),
          isGlobal: true,
          routePrefix: '/billing/',
        }),
      ],
      providers: [OptionsReader],
    }).compile();
    const { options } = moduleRef.get(OptionsReader);
    expect(options).toMatchObject({
      publicUrl: 'https://billing.example.com',
      routePrefix: 'billing',
      environment: 'stage',
      simulatedPayments: 'paid-outside-production',
      merchantTradeNoPrefix: 'TW',
    });
    expect(options.merchants).toEqual([
      { merchantId: OPTIONS.merchants[0].merchantId },
    ]);
    const everything = JSON.stringify(options);
    for (const { hashKey, hashIV } of OPTIONS.merchants) {
      expect(everything).not.toContain(hashKey);
      expect(everything).not.toContain(hashIV);
    }
    await moduleRef.close();
  });

  it.each([
    [
      'a missing hash key',
      {
        ...OPTIONS,
        merchants: [{ merchantId: '2000132', hashKey: '', hashIV: SECRET_IV }],
      },
      'merchants[0].hashKey',
      'is required',
    ],
    [
      'a hash IV with a stray space',
      {
        ...OPTIONS,
        merchants: [
          {
            merchantId: '2000132',
            hashKey: SECRET_KEY,
            hashIV: ` ${SECRET_IV}`,
          },
        ],
      },
      'merchants[0].hashIV',
      'printable ASCII',
    ],
    [
      'an unknown gateway',
      { ...OPTIONS, gateway: 'paypal' as never },
      'gateway',
      'must be one of "allpay", "ecpay"',
    ],
    [
      'a relative public URL',
      { ...OPTIONS, publicUrl: 'shop.example.com' },
      'publicUrl',
      'absolute http(s) URL',
    ],
    [
      'no merchants',
      { ...OPTIONS, merchants: [] },
      'merchants',
      'non-empty array',
    ],
    [
      'a malformed MerchantID',
      {
        ...OPTIONS,
        merchants: [
          { merchantId: '20-00', hashKey: SECRET_KEY, hashIV: SECRET_IV },
        ],
      },
      'merchants[0].merchantId',
      '1-10 letters or digits',
    ],
  ])(
    'fails to boot on %s, naming the option and never printing a secret',
    async (_case, options, option, rule) => {
      const logged: string[] = [];
      const capture = (chunk: unknown) => {
        logged.push(String(chunk));
        return true;
      };
      const out = process.stdout.write;
      const err = process.stderr.write;
      process.stdout.write = capture as typeof process.stdout.write;
      process.stderr.write = capture as typeof process.stderr.write;
      let error: unknown;
      try {
        await boot(
          PaymentsModule.forRootAsync({
            useFactory: () => options as PaymentsModuleOptions,
          }),
        );
      } catch (e) {
        error = e;
      } finally {
        process.stdout.write = out;
        process.stderr.write = err;
      }
      expect(error).toBeInstanceOf(PaymentsConfigError);
      const configError = error as PaymentsConfigError;
      expect(configError.code).toBe(PaymentsErrorCode.INVALID_CONFIGURATION);
      expect(configError.option).toBe(option);
      expect(configError.message).toContain(`"${option}"`);
      expect(configError.message).toContain(rule);
      const everything = [
        configError.message,
        configError.stack ?? '',
        ...logged,
      ].join('\n');
      expect(everything).not.toContain(SECRET_KEY);
      expect(everything).not.toContain(SECRET_IV);
    },
  );
});
