import request from 'supertest';
import {
  checkMacValue,
  encodeFormBody,
  verifyCheckMacValue,
} from 'nestjs-twpay/protocol';
import {
  startMerchantReceiver,
  type MerchantReceiver,
} from './helpers/merchant-receiver.js';
import {
  ALLPAY,
  APPROVED_CARD,
  ECPAY,
  periodicOrder,
  signed,
} from './helpers/orders.js';
import { signedQuery, startSimulatorApp } from './helpers/simulator-app.js';

/** Splits the gateway's `key=value&…` answer on `&` and the first `=`, values as they are (docs/gateway-protocol.md §7.3). */
function keyValues(text: string): Record<string, string> {
  return Object.fromEntries(
    text.split('&').map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

describe('query and action APIs', () => {
  let gateway: Awaited<ReturnType<typeof startSimulatorApp>>;
  let merchant: MerchantReceiver;
  let urls: { returnUrl: string; periodReturnUrl: string };

  beforeAll(async () => {
    [gateway, merchant] = await Promise.all([
      startSimulatorApp(),
      startMerchantReceiver(),
    ]);
    urls = {
      returnUrl: `${merchant.url}/return`,
      periodReturnUrl: `${merchant.url}/period`,
    };
  });
  afterAll(async () => {
    await Promise.all([gateway.close(), merchant.close()]);
  });
  beforeEach(async () => {
    await request(gateway.server).post('/simulator/reset').expect(200);
    merchant.posts.length = 0;
  });

  async function subscribe(
    gatewayVersion: 'V4' | 'V5' = 'V5',
    overrides: Record<string, string> = {},
  ) {
    const keys = gatewayVersion === 'V4' ? ALLPAY : ECPAY;
    const order = periodicOrder(urls, {
      MerchantID: keys.merchantId,
      ...overrides,
    });
    const res = await request(gateway.server)
      .post('/simulator/api/checkout')
      .send({
        action: gatewayVersion,
        fields: signed(order, keys),
        card: APPROVED_CARD,
      })
      .expect(200);
    expect(res.body.ok).toBe(true);
    return {
      merchantTradeNo: order.MerchantTradeNo,
      tradeNo: res.body.tradeNo as string,
      keys,
    };
  }

  const post = (path: string, body: string) =>
    request(gateway.server).post(path).type('form').send(body);
  const advance = (step: Record<string, number>) =>
    request(gateway.server)
      .post('/simulator/clock/advance')
      .send(step)
      .expect(200);
  const action = (merchantTradeNo: string, Action: string) =>
    post(
      '/Cashier/CreditCardPeriodAction',
      signedQuery({
        MerchantID: ECPAY.merchantId,
        MerchantTradeNo: merchantTradeNo,
        Action,
      }),
    );
  const periodInfo = async (merchantTradeNo: string, keys = ECPAY) =>
    (
      await post(
        '/Cashier/QueryCreditCardPeriodInfo',
        signedQuery(
          { MerchantID: keys.merchantId, MerchantTradeNo: merchantTradeNo },
          keys,
        ),
      )
    ).body;

  it('QueryCreditCardPeriodInfo answers JSON with the captured names and types, the first authorization in ExecLog, failures included', async () => {
    const { merchantTradeNo, tradeNo } = await subscribe();
    await request(gateway.server)
      .post('/simulator/faults')
      .send({ declineNextCharges: 1 });
    await advance({ months: 2 });
    const res = await post(
      '/Cashier/QueryCreditCardPeriodInfo',
      signedQuery({
        MerchantID: ECPAY.merchantId,
        MerchantTradeNo: merchantTradeNo,
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({
      MerchantID: '3002607',
      MerchantTradeNo: merchantTradeNo,
      TradeNo: tradeNo,
      RtnCode: 1,
      PeriodType: 'M',
      Frequency: 1,
      ExecTimes: 12,
      PeriodAmount: 299,
      amount: 299,
      gwsr: expect.any(Number),
      process_date: '2024/03/01 10:00:00',
      auth_code: '777777',
      card4no: '2222',
      card6no: '431195',
      TotalSuccessTimes: 2,
      TotalSuccessAmount: 598,
      ExecStatus: '1',
      ExecLog: [
        {
          RtnCode: 1,
          RtnMsg: '成功.',
          amount: 299,
          gwsr: expect.any(Number),
          process_date: '2024/03/01 10:00:00',
          auth_code: '777777',
          TradeNo: tradeNo,
        },
        {
          RtnCode: 10100058,
          RtnMsg: '授權失敗',
          amount: 299,
          gwsr: expect.any(Number),
          process_date: '2024/04/01 10:00:00',
          auth_code: '',
          TradeNo: expect.stringMatching(/^\d{20}$/),
        },
        {
          RtnCode: 1,
          RtnMsg: '成功.',
          amount: 299,
          gwsr: expect.any(Number),
          process_date: '2024/05/01 10:00:00',
          auth_code: '777777',
          TradeNo: expect.stringMatching(/^\d{20}$/),
        },
      ],
    });
    const tradeNos = res.body.ExecLog.map(
      (e: { TradeNo: string }) => e.TradeNo,
    );
    expect(new Set(tradeNos).size).toBe(3);
    // The order's (first authorization's) TradeNo has 16 digits, later ones 20 (docs/gateway-protocol.md §12.2).
    expect(tradeNo).toMatch(/^\d{16}$/);
  });

  it('QueryCreditCardPeriodInfo answers the captured all-empty object (RtnCode 10200047) for an unknown, one-time or unpaid order', async () => {
    // Captured from the real gateway (docs/gateway-protocol.md §12.2): HTTP 200, every field, no RtnMsg.
    const notFound = {
      ExecLog: null,
      ExecStatus: null,
      ExecTimes: 0,
      Frequency: 0,
      MerchantID: '0',
      MerchantTradeNo: null,
      PeriodAmount: 0,
      PeriodType: null,
      RtnCode: 10200047,
      TotalSuccessAmount: 0,
      TotalSuccessTimes: 0,
      TradeNo: null,
      amount: 0,
      auth_code: null,
      card4no: null,
      card6no: null,
      gwsr: 0,
      process_date: null,
    };
    const unknown = await post(
      '/Cashier/QueryCreditCardPeriodInfo',
      signedQuery({
        MerchantID: ECPAY.merchantId,
        MerchantTradeNo: 'NOSUCHORDER',
      }),
    );
    expect(unknown.status).toBe(200);
    expect(unknown.body).toStrictEqual(notFound);
    const oneTime = await subscribe('V5', {
      PeriodAmount: '',
      PeriodType: '',
      Frequency: '',
      ExecTimes: '',
      PeriodReturnURL: '',
    });
    expect(await periodInfo(oneTime.merchantTradeNo)).toStrictEqual(notFound);
    const unpaid = signed(periodicOrder(urls));
    await request(gateway.server)
      .post('/simulator/api/checkout')
      .send({ fields: unpaid })
      .expect(200);
    expect(await periodInfo(unpaid.MerchantTradeNo)).toStrictEqual(notFound);
  });

  it('Cancel stops every future charge (ExecStatus 0) and cannot be repeated', async () => {
    const { merchantTradeNo } = await subscribe();
    await advance({ months: 1 });
    const res = await action(merchantTradeNo, 'Cancel');
    expect(res.status).toBe(200);
    const answered = `MerchantID=3002607&MerchantTradeNo=${merchantTradeNo}&RtnCode=1&RtnMsg=停用成功`;
    expect(res.text).toMatch(
      new RegExp(`^${answered}&CheckMacValue=[0-9A-F]{64}$`),
    );
    expect(verifyCheckMacValue(keyValues(res.text), ECPAY).valid).toBe(true);
    await advance({ months: 3 });
    expect(merchant.at('/period')).toHaveLength(1);
    expect((await periodInfo(merchantTradeNo)).ExecStatus).toBe('0');
    // Irreversible: any further action answers the captured 100006, signed (docs/gateway-protocol.md §12.1).
    for (const again of ['Cancel', 'ReAuth']) {
      const stopped = keyValues((await action(merchantTradeNo, again)).text);
      expect(stopped).toMatchObject({
        MerchantID: '3002607',
        MerchantTradeNo: merchantTradeNo,
        RtnCode: '100006',
        RtnMsg: '該訂單狀態為停用中',
      });
      expect(verifyCheckMacValue(stopped, ECPAY).valid).toBe(true);
    }
  });

  it('ReAuth re-authorizes the latest failed charge at the next advance, posting to PeriodReturnURL', async () => {
    const { merchantTradeNo } = await subscribe();
    const refused = keyValues((await action(merchantTradeNo, 'ReAuth')).text);
    expect(refused.RtnCode).toBe('99100013');
    await request(gateway.server)
      .post('/simulator/faults')
      .send({ declineNextCharges: 1 });
    await advance({ months: 1 });
    expect(merchant.at('/period').map((p) => p.RtnCode)).toEqual(['10100058']);
    expect(
      keyValues((await action(merchantTradeNo, 'ReAuth')).text),
    ).toMatchObject({ RtnCode: '1' });
    expect(merchant.at('/period')).toHaveLength(1);
    const ran = await advance({ minutes: 0 });
    expect(ran.body.authorizations).toMatchObject([
      { kind: 'reauth', sequence: 2, rtnCode: '1' },
    ]);
    const posts = merchant.at('/period');
    expect(posts.map((p) => [p.RtnCode, p.TotalSuccessTimes])).toEqual([
      ['10100058', '1'],
      ['1', '2'],
    ]);
    expect(posts[1].Gwsr).not.toBe(posts[0].Gwsr);
  });

  it('refuses ReAuth of a failure followed by a success, and any action on an AllPay order', async () => {
    const { merchantTradeNo } = await subscribe();
    await request(gateway.server)
      .post('/simulator/faults')
      .send({ declineNextCharges: 1 });
    await advance({ months: 2 });
    expect(
      keyValues((await action(merchantTradeNo, 'ReAuth')).text).RtnCode,
    ).toBe('99100013');
    expect(
      keyValues((await action(merchantTradeNo, 'Pause')).text),
    ).toMatchObject({
      RtnCode: '99100002',
      RtnMsg: 'Action must be ReAuth or Cancel',
    });

    const allpay = await subscribe('V4');
    const res = await post(
      '/Cashier/CreditCardPeriodAction',
      signedQuery(
        {
          MerchantID: ALLPAY.merchantId,
          MerchantTradeNo: allpay.merchantTradeNo,
          Action: 'Cancel',
        },
        ALLPAY,
      ),
    );
    expect(keyValues(res.text)).toMatchObject({
      RtnCode: '99100008',
      RtnMsg: 'CreditCardPeriodAction is not available for AllPay (V4) orders',
    });
    expect((await periodInfo(allpay.merchantTradeNo, ALLPAY)).ExecStatus).toBe(
      '1',
    );
  });

  it('QueryTradeInfo/V5 answers key=value signed with CheckMacValue', async () => {
    const { merchantTradeNo, tradeNo } = await subscribe('V5', {
      ItemName: 'Pro plan a+b 299',
    });
    const res = await post(
      '/Cashier/QueryTradeInfo/V5',
      signedQuery({
        MerchantID: ECPAY.merchantId,
        MerchantTradeNo: merchantTradeNo,
      }),
    );
    const fields = keyValues(res.text);
    expect(fields).toMatchObject({
      MerchantID: '3002607',
      MerchantTradeNo: merchantTradeNo,
      StoreID: '',
      TradeNo: tradeNo,
      TradeAmt: '299',
      PaymentDate: '2024/03/01 10:00:00',
      PaymentType: 'Credit_CreditCard',
      HandlingCharge: '0',
      PaymentTypeChargeFee: '0',
      TradeDate: '2024/03/01 10:00:00',
      TradeStatus: '1',
      ItemName: 'Pro plan a+b 299',
      CustomField1: '',
      CustomField4: '',
    });
    expect(verifyCheckMacValue(fields, ECPAY).valid).toBe(true);
    // Parsed as form encoding, the raw '+' would turn into a space and the MAC would no longer verify.
    expect(
      verifyCheckMacValue([...new URLSearchParams(res.text)], ECPAY).valid,
    ).toBe(false);
  });

  it('QueryTradeInfo reports an unpaid order as TradeStatus 0 and finds an order only under its own version', async () => {
    const order = signed(periodicOrder(urls));
    await request(gateway.server)
      .post('/simulator/api/checkout')
      .send({ fields: order })
      .expect(200);
    const query = signedQuery({
      MerchantID: ECPAY.merchantId,
      MerchantTradeNo: order.MerchantTradeNo,
    });
    const unpaid = keyValues(
      (await post('/Cashier/QueryTradeInfo/V5', query)).text,
    );
    expect(unpaid).toMatchObject({ TradeStatus: '0', PaymentDate: '' });
    expect(verifyCheckMacValue(unpaid, ECPAY).valid).toBe(true);
    const v4 = keyValues(
      (await post('/Cashier/QueryTradeInfo/V4', query)).text,
    );
    expect(v4).toMatchObject({
      RtnCode: '99100010',
      RtnMsg: 'Order not found',
    });
    expect(v4).not.toHaveProperty('CheckMacValue');

    const allpay = await subscribe('V4');
    const answer = keyValues(
      (
        await post(
          '/Cashier/QueryTradeInfo/V4',
          signedQuery(
            {
              MerchantID: ALLPAY.merchantId,
              MerchantTradeNo: allpay.merchantTradeNo,
            },
            ALLPAY,
          ),
        )
      ).text,
    );
    expect(answer.TradeStatus).toBe('1');
    expect(Object.keys(answer).some((k) => k.startsWith('CustomField'))).toBe(
      false,
    );
    expect(verifyCheckMacValue(answer, ALLPAY).valid).toBe(true);
  });

  it('rejects a TimeStamp more than 3 minutes from real time, in either direction', async () => {
    const { merchantTradeNo } = await subscribe();
    const now = Math.floor(Date.now() / 1000);
    for (const timeStamp of [now - 200, now + 200]) {
      const info = await post(
        '/Cashier/QueryCreditCardPeriodInfo',
        signedQuery({
          MerchantID: ECPAY.merchantId,
          MerchantTradeNo: merchantTradeNo,
          TimeStamp: String(timeStamp),
        }),
      );
      expect(info.body).toMatchObject({
        RtnCode: 99100011,
        RtnMsg: expect.stringContaining('it must be within 3 minutes'),
      });
    }
    const fresh = await post(
      '/Cashier/QueryCreditCardPeriodInfo',
      signedQuery({
        MerchantID: ECPAY.merchantId,
        MerchantTradeNo: merchantTradeNo,
        TimeStamp: String(now - 150),
      }),
    );
    expect(fresh.body.RtnCode).toBe(1);
  });

  it('rejects a wrong CheckMacValue on every API', async () => {
    const { merchantTradeNo } = await subscribe();
    const fields = {
      MerchantID: ECPAY.merchantId,
      MerchantTradeNo: merchantTradeNo,
      TimeStamp: String(Math.floor(Date.now() / 1000)),
    };
    const body = encodeFormBody({
      ...fields,
      CheckMacValue: checkMacValue(fields, ALLPAY),
    });
    expect(
      (await post('/Cashier/QueryCreditCardPeriodInfo', body)).body,
    ).toMatchObject({
      RtnCode: 10200073,
      RtnMsg: 'CheckMacValue Error',
    });
    expect(
      keyValues((await post('/Cashier/QueryTradeInfo/V5', body)).text).RtnCode,
    ).toBe('10200073');
    const withAction = { ...fields, Action: 'Cancel' };
    const actionBody = encodeFormBody({
      ...withAction,
      CheckMacValue: checkMacValue(fields, ECPAY),
    });
    // The captured answer: the request's fields emptied, still signed (docs/gateway-protocol.md §12.1).
    const refused = keyValues(
      (await post('/Cashier/CreditCardPeriodAction', actionBody)).text,
    );
    expect(refused).toEqual({
      MerchantID: '',
      MerchantTradeNo: '',
      RtnCode: '10200083',
      RtnMsg: '',
      CheckMacValue: expect.stringMatching(/^[0-9A-F]{64}$/),
    });
    expect(verifyCheckMacValue(refused, ECPAY).valid).toBe(true);
  });

  it('answers HTTP 403 ("too fast") while the fault lasts', async () => {
    const { merchantTradeNo } = await subscribe();
    await request(gateway.server)
      .post('/simulator/faults')
      .send({ tooFastNextQueries: 2 })
      .expect(200);
    const query = () =>
      post(
        '/Cashier/QueryCreditCardPeriodInfo',
        signedQuery({
          MerchantID: ECPAY.merchantId,
          MerchantTradeNo: merchantTradeNo,
        }),
      );
    expect((await query()).status).toBe(403);
    expect((await action(merchantTradeNo, 'Cancel')).status).toBe(403);
    expect((await query()).status).toBe(200);
    expect((await periodInfo(merchantTradeNo)).ExecStatus).toBe('1');
  });
});
