import { GatewayRequestError } from '../errors/payments.error.js';
import { readPeriodInfo } from './period-info.js';

/** A real stage answer (merchant 2000132, cancelled), as captured (docs/gateway-protocol.md §12.2). */
const CAPTURED = {
  ExecStatus: '0',
  MerchantID: '2000132',
  MerchantTradeNo: '20211026001969730',
  TradeNo: '2110261713558708',
  RtnCode: 1,
  PeriodType: 'D',
  Frequency: 91,
  ExecTimes: 999,
  PeriodAmount: 200,
  amount: 200,
  gwsr: 11718189,
  process_date: '2021/10/26 17:14:27',
  auth_code: '777777',
  card4no: '2222',
  card6no: '431195',
  TotalSuccessTimes: 3,
  TotalSuccessAmount: 600,
  ExecLog: [
    {
      RtnCode: 1,
      RtnMsg: '成功.',
      amount: 200,
      gwsr: 11718189,
      process_date: '2021/10/26 17:14:27',
      auth_code: '777777',
      TradeNo: '2110261713558708',
    },
    {
      RtnCode: 1,
      RtnMsg: '成功.',
      amount: 200,
      gwsr: 11823053,
      process_date: '2022/01/25 14:37:29',
      auth_code: '777777',
      TradeNo: '20220125143728502143',
    },
    {
      RtnCode: 1,
      RtnMsg: '成功.',
      amount: 200,
      gwsr: 11956205,
      process_date: '2022/04/26 14:34:54',
      auth_code: '777777',
      TradeNo: '20220426143453743539',
    },
  ],
};

/** The captured answer for an order that is no periodic agreement (docs/gateway-protocol.md §12.2). */
const CAPTURED_NOT_FOUND = {
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

const NO = '20211026001969730';
const read = (answer: unknown, no = NO) =>
  readPeriodInfo(JSON.stringify(answer), no);

describe('readPeriodInfo', () => {
  it('reads the captured answer into the typed model, the first authorization first in executions', () => {
    expect(read(CAPTURED)).toEqual({
      merchantId: '2000132',
      merchantTradeNo: NO,
      tradeNo: '2110261713558708',
      rtnCode: '1',
      periodType: 'D',
      frequency: 91,
      execTimes: 999,
      periodAmount: 200,
      card4no: '2222',
      card6no: '431195',
      totalSuccessTimes: 3,
      totalSuccessAmount: 600,
      execStatus: 'stopped',
      executions: [
        {
          rtnCode: '1',
          rtnMsg: '成功.',
          succeeded: true,
          amount: 200,
          gwsr: '11718189',
          processedAt: new Date('2021-10-26T09:14:27Z'),
          authCode: '777777',
          tradeNo: '2110261713558708',
        },
        expect.objectContaining({
          gwsr: '11823053',
          tradeNo: '20220125143728502143',
          processedAt: new Date('2022-01-25T06:37:29Z'),
        }),
        expect.objectContaining({ gwsr: '11956205', succeeded: true }),
      ],
    });
  });

  it('answers null for the captured all-empty RtnCode 10200047 answer', () => {
    expect(read(CAPTURED_NOT_FOUND)).toBeNull();
  });

  it.each([
    [
      'numbers sent as strings',
      { RtnCode: '1', Frequency: '91', gwsr: '11718189' },
    ],
    ['ExecStatus sent as a number', { ExecStatus: 0 }],
    ['a lower-case PeriodType', { PeriodType: 'd' }],
    [
      'the MerchantTradeNo in another letter case',
      { MerchantTradeNo: NO.toLowerCase() + '' },
    ],
  ])('reads the same model from %s', (_, change) => {
    const model = read({ ...CAPTURED, ...change });
    expect(model).toMatchObject({
      rtnCode: '1',
      periodType: 'D',
      frequency: 91,
      execStatus: 'stopped',
    });
    expect(model?.executions).toHaveLength(3);
  });

  it('reads field names whatever their letter case', () => {
    const renamed = Object.fromEntries(
      Object.entries(CAPTURED).map(([k, v]) => [k.toUpperCase(), v]),
    );
    const log = CAPTURED.ExecLog.map((e) =>
      Object.fromEntries(
        Object.entries(e).map(([k, v]) => [k.toLowerCase(), v]),
      ),
    );
    expect(read({ ...renamed, EXECLOG: log })).toEqual(read(CAPTURED));
  });

  it('keeps failed authorizations in ExecLog, should the gateway list them', () => {
    const failed = {
      RtnCode: 10100058,
      RtnMsg: '授權失敗',
      amount: 200,
      gwsr: 11900000,
      process_date: '2022/03/01 10:00:00',
      auth_code: '',
      TradeNo: '20220301100000000001',
    };
    const model = read({ ...CAPTURED, ExecLog: [...CAPTURED.ExecLog, failed] });
    expect(model?.executions.at(-1)).toMatchObject({
      rtnCode: '10100058',
      succeeded: false,
      authCode: null,
    });
  });

  it.each([
    [
      'an error answer',
      {
        MerchantID: '3002607',
        MerchantTradeNo: NO,
        RtnCode: 10200073,
        RtnMsg: 'CheckMacValue Error',
      },
      /RtnCode 10200073: CheckMacValue Error/,
    ],
    [
      'an answer about another order',
      { ...CAPTURED, MerchantTradeNo: 'OTHER' },
      /order "OTHER"/,
    ],
    ['an unknown ExecStatus', { ...CAPTURED, ExecStatus: '9' }, /ExecStatus/],
    [
      'an ExecLog entry without a date',
      {
        ...CAPTURED,
        ExecLog: [{ ...CAPTURED.ExecLog[0], process_date: null }],
      },
      /ExecLog\[0\]/,
    ],
  ])('throws GatewayRequestError on %s', (_, answer, message) => {
    expect(() => read(answer)).toThrow(GatewayRequestError);
    expect(() => read(answer)).toThrow(message);
  });

  it('carries the RtnCode and RtnMsg of an error answer', () => {
    expect(() =>
      read({ RtnCode: 10200073, RtnMsg: 'CheckMacValue Error' }),
    ).toThrow(
      expect.objectContaining({
        code: 'TWPAY_GATEWAY_REQUEST_FAILED',
        rtnCode: '10200073',
        rtnMsg: 'CheckMacValue Error',
      }),
    );
  });

  it('throws on a body that is not a JSON object (an HTML error page)', () => {
    expect(() => readPeriodInfo('<html>', NO)).toThrow(/JSON object/);
  });
});
