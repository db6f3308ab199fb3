import { checkMacValue, encodeFormBody } from 'nestjs-twpay/protocol';
import { startGatewaySimulator } from '../src/index.js';
import { periodicOrder } from './helpers/orders.js';

describe('startGatewaySimulator', () => {
  it('runs on its own on 127.0.0.1 with the given merchants, and closes', async () => {
    const merchant = {
      merchantId: 'SHOP1',
      hashKey: 'key1234567890abc',
      hashIV: 'iv1234567890abcd',
    };
    const gateway = await startGatewaySimulator({
      merchants: [merchant],
      startTime: new Date('2024-03-01T02:00:00Z'),
    });
    try {
      expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const clock = (await fetch(`${gateway.url}/simulator/clock`).then((r) =>
        r.json(),
      )) as { taipei: string };
      expect(clock.taipei).toBe('2024/03/01 10:00:00');
      const fields = periodicOrder(
        {
          returnUrl: 'http://127.0.0.1:9/r',
          periodReturnUrl: 'http://127.0.0.1:9/p',
        },
        { MerchantID: 'SHOP1' },
      );
      const page = await fetch(`${gateway.url}/Cashier/AioCheckOut/V5`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: encodeFormBody({
          ...fields,
          CheckMacValue: checkMacValue(fields, merchant),
        }),
      }).then((r) => r.text());
      expect(page).toContain('id="cardNumber"');
      expect(gateway.simulator.state.all()).toHaveLength(1);
    } finally {
      await gateway.close();
    }
    await expect(fetch(`${gateway.url}/simulator/clock`)).rejects.toThrow();
  });
});
