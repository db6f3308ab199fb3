import { GatewayRequestError } from '../errors/payments.error.js';
import { PAYMENTS_MESSAGES } from '../errors/payments.messages.js';
import type { PeriodType } from '../protocol/period-schedule.js';
import { parseTaipeiDateTime } from '../protocol/taipei-time.js';
import { CaseInsensitiveFields } from './answer-fields.js';

/**
 * Where a periodic agreement stands at the gateway (ExecStatus `0`, `1`, `2`): `stopped` covers both
 * a merchant's Cancel and the gateway ending it (six failed charges, a back-office stop).
 *
 * @publicApi
 */
export type PeriodExecStatus = 'stopped' | 'running' | 'finished';

/**
 * One authorization in the agreement's ExecLog: the first one (taken at checkout) and every later one.
 *
 * @publicApi
 */
export interface PeriodExecution {
  rtnCode: string;
  /** `null` when the gateway sent none. */
  rtnMsg: string | null;
  succeeded: boolean;
  amount: number;
  /** Authorization serial, unique per charge: the ledger's idempotency key. */
  gwsr: string;
  /** `process_date`, read as Asia/Taipei. */
  processedAt: Date;
  /** `null` when empty (declined charges have none). */
  authCode: string | null;
  /** 16 digits for the first authorization, 20 for later ones. */
  tradeNo: string;
}

/**
 * A periodic agreement as QueryCreditCardPeriodInfo reports it, with the answer's mixed JSON types
 * (numbers here, strings there) read into one clean model.
 *
 * @publicApi
 */
export interface CreditCardPeriodInfo {
  merchantId: string;
  merchantTradeNo: string;
  /** The first authorization's TradeNo. */
  tradeNo: string;
  /** The first authorization's RtnCode (`1` when it succeeded). */
  rtnCode: string;
  periodType: PeriodType;
  frequency: number;
  execTimes: number;
  periodAmount: number;
  /** Card digits, `null` when the gateway sent none. */
  card4no: string | null;
  card6no: string | null;
  totalSuccessTimes: number;
  totalSuccessAmount: number;
  execStatus: PeriodExecStatus;
  /**
   * ExecLog in the gateway's order, the first authorization included. Captured answers list only
   * successes; whether failures appear is unknown, so both are handled (check `succeeded`).
   */
  executions: PeriodExecution[];
}

const API = 'QueryCreditCardPeriodInfo';

/** RtnCode of the all-empty answer for an order that is not a periodic agreement here. */
const PERIOD_INFO_NOT_FOUND_RTN_CODE = '10200047';

const EXEC_STATUS: Readonly<Record<string, PeriodExecStatus>> = {
  '0': 'stopped',
  '1': 'running',
  '2': 'finished',
};

/**
 * Reads a QueryCreditCardPeriodInfo answer (unsigned JSON, docs/gateway-protocol.md §7.1, §12.2).
 * Returns `null` for the gateway's "no such periodic order" answer (RtnCode 10200047 with every field
 * empty); throws {@link GatewayRequestError} with the RtnCode/RtnMsg for any other error answer, and
 * for an answer about another order or one that cannot be read.
 */
export function readPeriodInfo(
  body: string,
  merchantTradeNo: string,
): CreditCardPeriodInfo | null {
  const f = new CaseInsensitiveFields(
    Object.entries(parseJsonObject(body, merchantTradeNo)),
  );
  const rtnCode = f.text('RtnCode');
  const periodType = f.text('PeriodType')?.toUpperCase();
  if (periodType !== 'D' && periodType !== 'M' && periodType !== 'Y') {
    if (rtnCode === PERIOD_INFO_NOT_FOUND_RTN_CODE) return null;
    const rtnMsg = f.text('RtnMsg') ?? undefined;
    throw new GatewayRequestError(
      PAYMENTS_MESSAGES.gatewayErrorAnswer(
        API,
        merchantTradeNo,
        rtnCode ?? undefined,
        rtnMsg,
      ),
      rtnCode ?? undefined,
      rtnMsg,
    );
  }
  const answeredFor = f.text('MerchantTradeNo') ?? '';
  if (answeredFor.toLowerCase() !== merchantTradeNo.toLowerCase()) {
    throw new GatewayRequestError(
      PAYMENTS_MESSAGES.gatewayAnswerForOtherOrder(
        API,
        merchantTradeNo,
        answeredFor,
      ),
    );
  }
  const execStatus = EXEC_STATUS[f.text('ExecStatus') ?? ''];
  if (!execStatus) {
    throw malformed(merchantTradeNo, 'ExecStatus is not 0, 1 or 2');
  }
  return {
    merchantId: f.text('MerchantID') ?? '',
    merchantTradeNo: answeredFor,
    tradeNo: f.text('TradeNo') ?? '',
    rtnCode: rtnCode ?? '',
    periodType,
    frequency: requiredInteger(f, 'Frequency', merchantTradeNo),
    execTimes: requiredInteger(f, 'ExecTimes', merchantTradeNo),
    periodAmount: requiredInteger(f, 'PeriodAmount', merchantTradeNo),
    card4no: emptyToNull(f.text('card4no')),
    card6no: emptyToNull(f.text('card6no')),
    totalSuccessTimes: f.integer('TotalSuccessTimes') ?? 0,
    totalSuccessAmount: f.integer('TotalSuccessAmount') ?? 0,
    execStatus,
    executions: readExecLog(f.raw('ExecLog'), merchantTradeNo),
  };
}

function readExecLog(log: unknown, merchantTradeNo: string): PeriodExecution[] {
  if (log === null || log === undefined) return [];
  if (!Array.isArray(log))
    throw malformed(merchantTradeNo, 'ExecLog is not a list');
  return log.map((entry: unknown, index) => {
    if (entry === null || typeof entry !== 'object') {
      throw malformed(merchantTradeNo, `ExecLog[${index}] is not an object`);
    }
    const e = new CaseInsensitiveFields(Object.entries(entry));
    const rtnCode = e.text('RtnCode');
    const gwsr = e.text('gwsr');
    const tradeNo = e.text('TradeNo');
    const processedAt = parseTaipeiDateTime(e.text('process_date') ?? '');
    const amount = e.integer('amount');
    if (!rtnCode || !gwsr || !tradeNo || !processedAt || amount === null) {
      throw malformed(
        merchantTradeNo,
        `ExecLog[${index}] lacks RtnCode, gwsr, TradeNo, amount or a yyyy/MM/dd HH:mm:ss process_date`,
      );
    }
    return {
      rtnCode,
      rtnMsg: e.text('RtnMsg'),
      succeeded: rtnCode === '1',
      amount,
      gwsr,
      processedAt,
      authCode: emptyToNull(e.text('auth_code')),
      tradeNo,
    };
  });
}

function parseJsonObject(
  body: string,
  merchantTradeNo: string,
): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body);
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new GatewayRequestError(
    PAYMENTS_MESSAGES.gatewayAnswerUnreadable(
      API,
      merchantTradeNo,
      'not a JSON object (is the gateway URL right?)',
    ),
  );
}

function requiredInteger(
  f: CaseInsensitiveFields,
  name: string,
  merchantTradeNo: string,
): number {
  const value = f.integer(name);
  if (value === null)
    throw malformed(merchantTradeNo, `${name} is not a number`);
  return value;
}

function emptyToNull(value: string | null): string | null {
  return value === null || value === '' ? null : value;
}

function malformed(merchantTradeNo: string, why: string): GatewayRequestError {
  return new GatewayRequestError(
    PAYMENTS_MESSAGES.gatewayAnswerUnreadable(API, merchantTradeNo, why),
  );
}
