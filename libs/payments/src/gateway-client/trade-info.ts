import { GatewayAnswerSignatureError } from '../errors/gateway-client.errors.js';
import { GatewayRequestError } from '../errors/payments.error.js';
import { PAYMENTS_MESSAGES } from '../errors/payments.messages.js';
import {
  verifyCheckMacValue,
  type MacKeys,
} from '../protocol/check-mac-value.js';
import { parseTaipeiDateTime } from '../protocol/taipei-time.js';
import { CaseInsensitiveFields, splitKeyValueAnswer } from './answer-fields.js';

/**
 * TradeStatus of QueryTradeInfo: `0` created and unpaid, `1` paid, `10200095` failed (the buyer never
 * chose a payment method); anything else is kept as `other` with the raw value.
 *
 * @publicApi
 */
export type TradeStatus = 'unpaid' | 'paid' | 'failed' | 'other';

/**
 * One order as QueryTradeInfo reports it. On a periodic order it describes the first authorization
 * (plus the agreement's counters among `fields`); later periods are in QueryCreditCardPeriodInfo.
 *
 * @publicApi
 */
export interface TradeInfo {
  merchantId: string;
  merchantTradeNo: string;
  tradeNo: string;
  tradeAmount: number;
  tradeStatus: TradeStatus;
  /** TradeStatus as sent. */
  tradeStatusCode: string;
  paymentType: string;
  /** `null` until paid. */
  paymentDate: Date | null;
  tradeDate: Date | null;
  /** Every field of the verified answer, as received (CustomField1-4, extras, counters). */
  fields: Readonly<Record<string, string>>;
}

const TRADE_STATUS: Readonly<Record<string, TradeStatus>> = {
  '0': 'unpaid',
  '1': 'paid',
  '10200095': 'failed',
};

/**
 * Reads a QueryTradeInfo answer: `key=value&…` signed with CheckMacValue over every other field
 * (docs/gateway-protocol.md §7.3). An answer without CheckMacValue is the gateway's error answer and
 * becomes a {@link GatewayRequestError} with its RtnCode/RtnMsg; a CheckMacValue that does not
 * verify is a {@link GatewayAnswerSignatureError}.
 */
export function readTradeInfoAnswer(
  body: string,
  keys: MacKeys,
  merchantTradeNo: string,
): TradeInfo {
  const list = splitKeyValueAnswer(body);
  const f = new CaseInsensitiveFields(list);
  if (f.text('CheckMacValue') === null) {
    const rtnCode = f.text('RtnCode') ?? undefined;
    const rtnMsg = f.text('RtnMsg') ?? undefined;
    throw new GatewayRequestError(
      PAYMENTS_MESSAGES.gatewayErrorAnswer(
        'QueryTradeInfo',
        merchantTradeNo,
        rtnCode,
        rtnMsg,
      ),
      rtnCode,
      rtnMsg,
    );
  }
  const verification = verifyCheckMacValue(list, keys);
  if (!verification.valid) {
    throw new GatewayAnswerSignatureError(
      'QueryTradeInfo',
      verification.reason,
    );
  }
  const answeredFor = f.text('MerchantTradeNo') ?? '';
  if (answeredFor.toLowerCase() !== merchantTradeNo.toLowerCase()) {
    throw new GatewayRequestError(
      PAYMENTS_MESSAGES.gatewayAnswerForOtherOrder(
        'QueryTradeInfo',
        merchantTradeNo,
        answeredFor,
      ),
    );
  }
  const tradeStatusCode = f.text('TradeStatus') ?? '';
  return {
    merchantId: f.text('MerchantID') ?? '',
    merchantTradeNo: answeredFor,
    tradeNo: f.text('TradeNo') ?? '',
    tradeAmount: f.integer('TradeAmt') ?? 0,
    tradeStatus: TRADE_STATUS[tradeStatusCode] ?? 'other',
    tradeStatusCode,
    paymentType: f.text('PaymentType') ?? '',
    paymentDate: parseTaipeiDateTime(f.text('PaymentDate') ?? '') ?? null,
    tradeDate: parseTaipeiDateTime(f.text('TradeDate') ?? '') ?? null,
    fields: Object.fromEntries(list.filter(([n]) => n !== 'CheckMacValue')),
  };
}
