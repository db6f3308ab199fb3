import { checkMacValue } from 'nestjs-twpay/protocol';
import { FakeTransport } from '../test/helpers/fake-transport.js';
import {
  APPROVED_CARD,
  ECPAY,
  periodicOrder,
  signed,
} from '../test/helpers/orders.js';
import { GatewayApis } from './gateway-apis.js';
import { GatewaySimulator } from './gateway-simulator.js';
import {
  resolveSimulatorOptions,
  type GatewaySimulatorOptions,
} from './simulator-options.js';

const REAL_NOW = Date.UTC(2026, 0, 1, 0, 0, 0);

async function setup(options: GatewaySimulatorOptions = {}) {
  const simulator = new GatewaySimulator(
    resolveSimulatorOptions(options),
    new FakeTransport(),
  );
  const created = simulator.createOrder(
    'ecpay',
    Object.entries(
      signed(
        periodicOrder({
          returnUrl: 'https://s/r',
          periodReturnUrl: 'https://s/p',
        }),
      ),
    ),
  );
  if (!created.ok) throw new Error(created.error.message);
  await simulator.pay(created.order.id, APPROVED_CARD);
  const apis = new GatewayApis(simulator, () => REAL_NOW);
  const query = (secondsFromNow: number) => {
    const fields = {
      MerchantID: ECPAY.merchantId,
      MerchantTradeNo: created.order.merchantTradeNo,
      TimeStamp: String(REAL_NOW / 1000 + secondsFromNow),
    };
    return Object.entries({
      ...fields,
      CheckMacValue: checkMacValue(fields, ECPAY),
    });
  };
  return { apis, query, simulator };
}

describe('GatewayApis TimeStamp window', () => {
  it.each([-180, 0, 180])(
    'accepts a TimeStamp %i s from real time',
    async (offset) => {
      const { apis, query } = await setup();
      expect(
        JSON.parse(apis.queryCreditCardPeriodInfo(query(offset)).body).RtnCode,
      ).toBe(1);
    },
  );

  it.each([-181, 181, -86_400])(
    'refuses a TimeStamp %i s from real time',
    async (offset) => {
      const { apis, query } = await setup();
      expect(
        JSON.parse(apis.queryCreditCardPeriodInfo(query(offset)).body),
      ).toMatchObject({
        RtnCode: 99100011,
        RtnMsg: expect.stringContaining(`${Math.abs(offset)} s away`),
      });
    },
  );

  it('compares with real time, not the virtual clock', async () => {
    const { apis, query, simulator } = await setup();
    await simulator.advance({ months: 14 });
    expect(
      JSON.parse(apis.queryCreditCardPeriodInfo(query(0)).body),
    ).toMatchObject({
      RtnCode: 1,
      TotalSuccessTimes: 12,
    });
  });
});

describe('GatewayApis ExecLog', () => {
  async function execLogAfterADecline(execLogListsFailures: boolean) {
    const { apis, query, simulator } = await setup({ execLogListsFailures });
    simulator.faults.apply({ declineNextCharges: 1 });
    await simulator.advance({ months: 2 });
    return JSON.parse(apis.queryCreditCardPeriodInfo(query(0)).body) as {
      TotalSuccessTimes: number;
      ExecLog: { RtnCode: number }[];
    };
  }

  it('lists failed charges by default, and only successes with execLogListsFailures: false', async () => {
    const all = await execLogAfterADecline(true);
    expect(all.ExecLog.map((e) => e.RtnCode)).toEqual([1, 10100058, 1]);
    const successes = await execLogAfterADecline(false);
    expect(successes.ExecLog.map((e) => e.RtnCode)).toEqual([1, 1]);
    expect(successes.TotalSuccessTimes).toBe(2);
  });
});
