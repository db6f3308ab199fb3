import { Test } from '@nestjs/testing';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  GATEWAY_CLIENT_OPTIONS,
  GatewayAnswerSignatureError,
  GatewayClient,
  GatewayRateLimitedError,
  GatewayRequestError,
  UnsupportedByGatewayError,
  type GatewayClientOptions,
} from 'nestjs-twpay';
import {
  ALLPAY_PROFILE,
  checkMacValue,
  ECPAY_PROFILE,
  formatTaipeiDateTime,
  type GatewayName,
} from 'nestjs-twpay/protocol';
import {
  startGatewaySimulator,
  type RunningGatewaySimulator,
} from 'nestjs-twpay/simulator';

// The gateway client against the real simulator over HTTP: passing here means the client reads
// the gateway's answers as captured (docs/gateway-protocol.md §12.1, §12.2).

const ECPAY = ECPAY_PROFILE.stageTestMerchant;
const ALLPAY = ALLPAY_PROFILE.stageTestMerchant;
const START_TIME = new Date('2024-03-01T02:00:00Z'); // 2024/03/01 10:00:00 Taipei
const CARD = { number: '4311-9522-2222-2222', expiry: '12/49', cvv: '222' };

/** A merchant that answers every notification `1|OK`. */
async function startMerchant(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('1|OK'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
  };
}

let sequence = 0;

describe('GatewayClient against the simulator', () => {
  let gateway: RunningGatewaySimulator;
  let merchant: { url: string; server: Server };

  beforeAll(async () => {
    [gateway, merchant] = await Promise.all([
      startGatewaySimulator({ startTime: START_TIME }),
      startMerchant(),
    ]);
  });
  afterAll(async () => {
    await gateway.close();
    merchant.server.closeAllConnections();
    await new Promise((resolve) => merchant.server.close(resolve));
  });
  beforeEach(() => gateway.simulator.reset());

  function clientFor(
    name: GatewayName = 'ecpay',
    overrides: Partial<GatewayClientOptions> = {},
  ): GatewayClient {
    return new GatewayClient({
      gateway: name,
      environment: 'stage',
      gatewayBaseUrl: gateway.url,
      merchants: [name === 'ecpay' ? ECPAY : ALLPAY],
      http: { retryBaseDelayMs: 1, retryMaxDelayMs: 5 },
      ...overrides,
    });
  }

  /** A monthly x12 NT$299 agreement, first authorization taken. */
  async function subscribe(
    name: GatewayName = 'ecpay',
    periodic = true,
  ): Promise<string> {
    sequence += 1;
    const keys = name === 'ecpay' ? ECPAY : ALLPAY;
    const fields: Record<string, string> = {
      MerchantID: keys.merchantId,
      MerchantTradeNo: `GWC${Date.now().toString(36)}${sequence}`.slice(0, 20),
      MerchantTradeDate: formatTaipeiDateTime(START_TIME),
      PaymentType: 'aio',
      TotalAmount: '299',
      TradeDesc: 'Monthly plan',
      ItemName: 'Pro plan',
      ReturnURL: `${merchant.url}/return`,
      ChoosePayment: 'Credit',
      EncryptType: '1',
      ...(periodic
        ? {
            PeriodAmount: '299',
            PeriodType: 'M',
            Frequency: '1',
            ExecTimes: '12',
            PeriodReturnURL: `${merchant.url}/period`,
          }
        : {}),
    };
    const created = gateway.simulator.createOrder(
      name,
      Object.entries({ ...fields, CheckMacValue: checkMacValue(fields, keys) }),
    );
    if (!created.ok) throw new Error(created.error.message);
    const paid = await gateway.simulator.pay(created.order.id, CARD);
    if (!paid.ok) throw new Error(paid.error.message);
    return fields.MerchantTradeNo;
  }

  it('reads QueryCreditCardPeriodInfo into the typed model: ExecLog from the first authorization, 16- then 20-digit TradeNo', async () => {
    const no = await subscribe();
    gateway.simulator.faults.apply({ declineNextCharges: 1 });
    await gateway.simulator.advance({ months: 2 });
    const info = await clientFor().queryPeriodInfo(no);
    expect(info).toMatchObject({
      merchantId: ECPAY.merchantId,
      merchantTradeNo: no,
      rtnCode: '1',
      periodType: 'M',
      frequency: 1,
      execTimes: 12,
      periodAmount: 299,
      card4no: '2222',
      totalSuccessTimes: 2,
      totalSuccessAmount: 598,
      execStatus: 'running',
    });
    expect(
      info!.executions.map((e) => [
        e.succeeded,
        e.amount,
        formatTaipeiDateTime(e.processedAt),
        e.tradeNo.length,
        e.authCode,
      ]),
    ).toEqual([
      [true, 299, '2024/03/01 10:00:00', 16, '777777'],
      [false, 299, '2024/04/01 10:00:00', 20, null],
      [true, 299, '2024/05/01 10:00:00', 20, '777777'],
    ]);
    expect(info!.tradeNo).toBe(info!.executions[0].tradeNo);
    expect(new Set(info!.executions.map((e) => e.gwsr)).size).toBe(3);
  });

  it('answers null for an order the gateway has no periodic agreement for (RtnCode 10200047)', async () => {
    const client = clientFor();
    expect(await client.queryPeriodInfo('NOSUCHORDER1')).toBeNull();
    expect(
      await client.queryPeriodInfo(await subscribe('ecpay', false)),
    ).toBeNull();
  });

  it('cancels for good: verified answer, no further charge, a repeated Cancel is "already stopped", ReAuth answers 100006', async () => {
    const no = await subscribe();
    const client = clientFor();
    expect(await client.cancelPeriodicAgreement(no)).toEqual({
      action: 'Cancel',
      merchantTradeNo: no,
      alreadyStopped: false,
      rtnCode: '1',
      rtnMsg: '停用成功',
    });
    await gateway.simulator.advance({ months: 3 });
    const info = await client.queryPeriodInfo(no);
    expect(info).toMatchObject({ execStatus: 'stopped', totalSuccessTimes: 1 });
    expect(info!.executions).toHaveLength(1);
    expect(await client.cancelPeriodicAgreement(no)).toMatchObject({
      alreadyStopped: true,
      rtnCode: '100006',
    });
    await expect(client.reAuthorizeLatestCharge(no)).rejects.toMatchObject({
      name: 'GatewayRequestError',
      rtnCode: '100006',
      rtnMsg: '該訂單狀態為停用中',
    });
  });

  it('re-authorizes the latest failed charge, which the gateway then runs and logs', async () => {
    const no = await subscribe();
    const client = clientFor();
    await expect(client.reAuthorizeLatestCharge(no)).rejects.toBeInstanceOf(
      GatewayRequestError,
    );
    gateway.simulator.faults.apply({ declineNextCharges: 1 });
    await gateway.simulator.advance({ months: 1 });
    expect(await client.reAuthorizeLatestCharge(no)).toMatchObject({
      action: 'ReAuth',
      alreadyStopped: false,
      rtnCode: '1',
    });
    await gateway.simulator.advance({ minutes: 0 });
    const info = await client.queryPeriodInfo(no);
    expect(info!.executions.map((e) => e.succeeded)).toEqual([
      true,
      false,
      true,
    ]);
    expect(info!.totalSuccessTimes).toBe(2);
  });

  it('reads a verified QueryTradeInfo answer', async () => {
    const no = await subscribe();
    const trade = await clientFor().queryTradeInfo(no);
    expect(trade).toMatchObject({
      merchantId: ECPAY.merchantId,
      merchantTradeNo: no,
      tradeNo: expect.stringMatching(/^\d{16}$/),
      tradeAmount: 299,
      tradeStatus: 'paid',
      tradeStatusCode: '1',
      paymentType: 'Credit_CreditCard',
      paymentDate: START_TIME,
    });
  });

  it('refuses an action answer whose CheckMacValue does not verify with the configured keys', async () => {
    const no = await subscribe();
    const wrongKeys = clientFor('ecpay', {
      merchants: [{ ...ECPAY, hashKey: 'wrongwrongwrong1' }],
    });
    // The gateway refuses the request (10200083) in an answer signed with the real keys.
    await expect(wrongKeys.cancelPeriodicAgreement(no)).rejects.toBeInstanceOf(
      GatewayAnswerSignatureError,
    );
    await expect(wrongKeys.queryTradeInfo(no)).rejects.toMatchObject({
      rtnCode: '10200073',
    });
    expect((await clientFor().queryPeriodInfo(no))!.execStatus).toBe('running');
  });

  it('stops calling after the gateway answers 403, without another request', async () => {
    const no = await subscribe();
    let requests = 0;
    const client = clientFor('ecpay', {
      fetch: (input, init) => {
        requests += 1;
        return fetch(input, init);
      },
    });
    gateway.simulator.faults.apply({ tooFastNextQueries: 1 });
    await expect(client.queryPeriodInfo(no)).rejects.toBeInstanceOf(
      GatewayRateLimitedError,
    );
    await expect(client.queryPeriodInfo(no)).rejects.toBeInstanceOf(
      GatewayRateLimitedError,
    );
    expect(requests).toBe(1);
    expect(client.rateLimitedUntil!.getTime() - Date.now()).toBeGreaterThan(
      29 * 60_000,
    );
  });

  it('queries AllPay agreements, and refuses AllPay actions before any request with the alternative', async () => {
    const no = await subscribe('allpay');
    let requests = 0;
    const client = clientFor('allpay', {
      fetch: (input, init) => {
        requests += 1;
        return fetch(input, init);
      },
    });
    expect(await client.queryPeriodInfo(no)).toMatchObject({
      merchantId: ALLPAY.merchantId,
      execStatus: 'running',
    });
    expect((await client.queryTradeInfo(no)).tradeStatus).toBe('paid');
    expect(requests).toBe(2);
    for (const action of [
      client.cancelPeriodicAgreement(no),
      client.reAuthorizeLatestCharge(no),
    ]) {
      await expect(action).rejects.toBeInstanceOf(UnsupportedByGatewayError);
      await expect(action).rejects.toThrow(/vendor back office/);
    }
    expect(requests).toBe(2);
  });

  it('is a Nest provider built from GATEWAY_CLIENT_OPTIONS', async () => {
    const no = await subscribe();
    const moduleRef = await Test.createTestingModule({
      providers: [
        GatewayClient,
        {
          provide: GATEWAY_CLIENT_OPTIONS,
          useValue: {
            gateway: 'ecpay',
            environment: 'stage',
            gatewayBaseUrl: gateway.url,
            merchants: [ECPAY],
          } satisfies GatewayClientOptions,
        },
      ],
    }).compile();
    const info = await moduleRef.get(GatewayClient).queryPeriodInfo(no);
    expect(info?.merchantTradeNo).toBe(no);
    await moduleRef.close();
  });
});
