import { formatTaipeiDateTime } from 'nestjs-twpay/protocol';
import { successesThrough } from './notification-builder.js';
import type { SimulatedOrder } from './simulator-model.js';

/** What the gateway writes as each successful ExecLog entry's RtnMsg (captured, docs/gateway-protocol.md §12.2). */
const EXEC_LOG_SUCCESS_MESSAGE = '成功.';

/**
 * QueryCreditCardPeriodInfo's answer for an order that is not a periodic agreement of the merchant
 * (unknown, not periodic, or not authorized yet), exactly as captured (docs/gateway-protocol.md §12.2): HTTP 200,
 * every field present, text fields `null`, number fields `0`, MerchantID `"0"`, RtnCode 10200047,
 * and no RtnMsg.
 */
export const PERIOD_INFO_NOT_FOUND = Object.freeze({
  MerchantID: '0',
  MerchantTradeNo: null,
  TradeNo: null,
  RtnCode: 10200047,
  PeriodType: null,
  Frequency: 0,
  ExecTimes: 0,
  PeriodAmount: 0,
  amount: 0,
  gwsr: 0,
  process_date: null,
  auth_code: null,
  card4no: null,
  card6no: null,
  TotalSuccessTimes: 0,
  TotalSuccessAmount: 0,
  ExecStatus: null,
  ExecLog: null,
});

/**
 * QueryCreditCardPeriodInfo's answer for an authorized periodic order, with the captured names and
 * JSON types (docs/gateway-protocol.md §12.2): numbers for RtnCode, gwsr, amounts and counts, a string for
 * ExecStatus; the top level describes the first authorization; ExecLog lists every authorization
 * from the first one on, each with its own TradeNo (16 digits for the first, 20 for later ones).
 * Whether the real ExecLog lists failed charges is not shown by any capture: `listFailures` (the
 * `execLogListsFailures` option) chooses, so clients can be tested both ways.
 */
export function periodInfoAnswer(
  order: SimulatedOrder & { period: NonNullable<SimulatedOrder['period']> },
  listFailures: boolean,
): Record<string, unknown> {
  const first = order.authorizations[0];
  const totals = successesThrough(order);
  return {
    MerchantID: order.merchantId,
    MerchantTradeNo: order.merchantTradeNo,
    TradeNo: order.tradeNo,
    RtnCode: Number(first.rtnCode),
    PeriodType: order.period.periodType,
    Frequency: order.period.frequency,
    ExecTimes: order.period.execTimes,
    PeriodAmount: order.period.periodAmount,
    amount: first.amount,
    gwsr: first.gwsr,
    process_date: formatTaipeiDateTime(first.processedAt),
    auth_code: first.authCode,
    card4no: order.card?.card4no ?? '',
    card6no: order.card?.card6no ?? '',
    TotalSuccessTimes: totals.times,
    TotalSuccessAmount: totals.amount,
    ExecStatus: order.agreement?.execStatus ?? '0',
    ExecLog: order.authorizations
      .filter((a) => listFailures || a.rtnCode === '1')
      .map((a) => ({
        RtnCode: Number(a.rtnCode),
        RtnMsg: a.rtnCode === '1' ? EXEC_LOG_SUCCESS_MESSAGE : a.rtnMsg,
        amount: a.amount,
        gwsr: a.gwsr,
        process_date: formatTaipeiDateTime(a.processedAt),
        auth_code: a.authCode,
        TradeNo: a.tradeNo,
      })),
  };
}
