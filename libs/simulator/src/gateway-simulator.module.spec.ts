import { Test } from '@nestjs/testing';
import { PaymentsConfigError } from 'nestjs-twpay';
import { GatewaySimulatorModule } from './gateway-simulator.module.js';
import { GatewaySimulator } from './gateway-simulator.js';

describe('GatewaySimulatorModule', () => {
  it('forRoot() works without options and exports the simulator', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [GatewaySimulatorModule.forRoot()],
    }).compile();
    const simulator = moduleRef.get(GatewaySimulator);
    expect(simulator.options.merchants.map((m) => m.merchantId)).toEqual([
      '2000132',
      '3002607',
    ]);
    await moduleRef.close();
  });

  it('forRootAsync() takes the options from a factory', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        GatewaySimulatorModule.forRootAsync({
          useFactory: async () => ({
            retryIntervalMinutes: 15,
            startTime: new Date('2024-03-01T02:00:00Z'),
          }),
        }),
      ],
    }).compile();
    const simulator = moduleRef.get(GatewaySimulator);
    expect(simulator.options.retryIntervalMinutes).toBe(15);
    expect(simulator.clock.now().toISOString()).toBe(
      '2024-03-01T02:00:00.000Z',
    );
    await moduleRef.close();
  });

  it('fails at boot, not on the first request, with a bad option', async () => {
    await expect(
      Test.createTestingModule({
        imports: [GatewaySimulatorModule.forRoot({ retryIntervalMinutes: -1 })],
      }).compile(),
    ).rejects.toBeInstanceOf(PaymentsConfigError);
  });
});
