import {
  checkMacValue,
  fieldListToRecord,
  formatTaipeiDateTime,
  verifyCheckMacValue,
  type GatewayFieldList,
  type GatewayName,
  type MacKeys,
} from 'nestjs-twpay/protocol';
import type { GatewaySimulator } from './gateway-simulator.js';
import {
  htmlAnswer,
  jsonAnswer,
  textAnswer,
  type HttpAnswer,
} from './http/http-answer.js';
import {
  GATEWAY_ERROR_CODES as CODES,
  gatewayError,
  type GatewayError,
} from './gateway-errors.js';
import {
  creditCardExtras,
  customFields,
  successesThrough,
} from './notification-builder.js';
import type { SimulatedOrder } from './simulator-model.js';

/** A query's TimeStamp is valid for three minutes (REFERENCE.md 7.1). */
const TIMESTAMP_WINDOW_SECONDS = 180;

/** QueryTradeInfo's TradeStatus: unpaid, paid, failed (REFERENCE.md 7.3, LAYSI). */
const TRADE_STATUS: Readonly<Record<SimulatedOrder['status'], string>> = {
  'awaiting-payment': '0',
  'bnpl-applying': '0',
  paid: '1',
  failed: '10200095',
};

/**
 * The server-to-server query and action APIs (REFERENCE.md section 7), each answering in the
 * gateway's own format. Every call is checked the same way first: the "too fast" fault, the merchant,
 * the CheckMacValue over every posted field, and the TimeStamp.
 *
 * The TimeStamp is compared with **real** time (`Date.now()`), not the virtual clock: the merchant
 * stamps its requests with its own, real clock, and the check exists to catch a server whose clock
 * is off (REFERENCE.md 10, pitfall 7). The virtual clock only models when charges happen.
 */
export class GatewayApis {
  constructor(
    private readonly simulator: GatewaySimulator,
    private readonly realNow: () => number = Date.now,
  ) {}

  /** `POST /Cashier/QueryCreditCardPeriodInfo`: the agreement and its ExecLog, as JSON (REFERENCE.md 7.1). */
  queryCreditCardPeriodInfo(fields: GatewayFieldList): HttpAnswer {
    const request = this.authenticate(fields);
    if ('status' in request) return request;
    const fail = (error: GatewayError): HttpAnswer =>
      jsonAnswer({
        MerchantID: request.merchantId,
        MerchantTradeNo: request.merchantTradeNo,
        RtnCode: Number(error.code),
        RtnMsg: error.message,
      });
    if ('error' in request) return fail(request.error);
    const { order } = request;
    if (!order.period) {
      return fail(
        gatewayError(
          CODES.NOT_PERIODIC,
          'This order is not a periodic (定期定額) order',
        ),
      );
    }
    const first = order.authorizations[0];
    if (!first) {
      return fail(
        gatewayError(
          CODES.NOT_AUTHORIZED_YET,
          'The order has not been authorized yet',
        ),
      );
    }
    const totals = successesThrough(order);
    // Mixed-case names and JSON number types exactly as the published example (REFERENCE.md 7.1).
    return jsonAnswer({
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
      // Every attempt, failed ones with their own RtnCode (REFERENCE.md 7.1 leaves this open).
      ExecLog: order.authorizations.map((a) => ({
        RtnCode: Number(a.rtnCode),
        amount: a.amount,
        gwsr: a.gwsr,
        process_date: formatTaipeiDateTime(a.processedAt),
        auth_code: a.authCode,
        TradeNo: a.tradeNo,
      })),
    });
  }

  /**
   * `POST /Cashier/CreditCardPeriodAction` (ECPay only): `Cancel` or `ReAuth`, answered
   * `MerchantID=…&MerchantTradeNo=…&RtnCode=…&RtnMsg=…` (REFERENCE.md 7.2).
   */
  creditCardPeriodAction(fields: GatewayFieldList): HttpAnswer {
    const request = this.authenticate(fields);
    if ('status' in request) return request;
    const answer = (rtnCode: string, rtnMsg: string): HttpAnswer =>
      textAnswer(
        keyValueString({
          MerchantID: request.merchantId,
          MerchantTradeNo: request.merchantTradeNo,
          RtnCode: rtnCode,
          RtnMsg: rtnMsg,
        }),
      );
    if ('error' in request)
      return answer(request.error.code, request.error.message);
    const { order } = request;
    if (order.gateway !== 'ecpay') {
      return answer(
        CODES.UNSUPPORTED,
        'CreditCardPeriodAction is not available for AllPay (V4) orders',
      );
    }
    const action = request.fields.Action;
    if (action !== 'Cancel' && action !== 'ReAuth') {
      return answer(CODES.MALFORMED_FIELD, 'Action must be ReAuth or Cancel');
    }
    const error =
      action === 'Cancel'
        ? this.simulator.cancelAgreement(order)
        : this.simulator.requestReAuth(order);
    return error ? answer(error.code, error.message) : answer('1', '成功');
  }

  /**
   * `POST /Cashier/QueryTradeInfo/V5` (ECPay) or `/V4` (AllPay): the order's first payment as a
   * `key=value&…` string signed with CheckMacValue (REFERENCE.md 7.3). An order is only found under
   * the version it was created with: AllPay and ECPay are different gateways.
   */
  queryTradeInfo(gateway: GatewayName, fields: GatewayFieldList): HttpAnswer {
    const request = this.authenticate(fields);
    if ('status' in request) return request;
    if ('error' in request || request.order.gateway !== gateway) {
      const error =
        'error' in request
          ? request.error
          : gatewayError(CODES.ORDER_NOT_FOUND, 'Order not found');
      // No CheckMacValue: that is how a client tells an error answer apart (REFERENCE.md 7.3).
      return textAnswer(
        keyValueString({
          MerchantID: request.merchantId,
          MerchantTradeNo: request.merchantTradeNo,
          RtnCode: error.code,
          RtnMsg: error.message,
        }),
      );
    }
    const { order } = request;
    const result =
      order.payment === 'BNPL' ? order.bnpl?.result : order.authorizations[0];
    const fieldsOut: Record<string, string> = {
      MerchantID: order.merchantId,
      MerchantTradeNo: order.merchantTradeNo,
      StoreID: order.storeId,
      TradeNo: order.tradeNo,
      TradeAmt: String(order.totalAmount),
      PaymentDate:
        result?.rtnCode === '1' ? formatTaipeiDateTime(result.processedAt) : '',
      PaymentType:
        order.payment === 'BNPL' ? 'BNPL_URICH' : 'Credit_CreditCard',
      HandlingCharge: '0',
      PaymentTypeChargeFee: '0',
      TradeDate: formatTaipeiDateTime(order.tradeDate),
      TradeStatus: TRADE_STATUS[order.status],
      ItemName: order.itemName,
      ...customFields(order),
    };
    const first = order.authorizations[0];
    if (order.needExtraPaidInfo && first)
      Object.assign(fieldsOut, creditCardExtras(order, first));
    const signed = {
      ...fieldsOut,
      CheckMacValue: checkMacValue(fieldsOut, request.keys),
    };
    return textAnswer(keyValueString(signed));
  }

  /**
   * The checks every query and action API makes, in order. Answers HTTP 403 while the "too fast"
   * fault lasts (REFERENCE.md 10, pitfall 12: the gateway's rate limit).
   */
  private authenticate(fields: GatewayFieldList):
    | HttpAnswer
    | {
        merchantId: string;
        merchantTradeNo: string;
        fields: Record<string, string>;
        keys: MacKeys;
        order: SimulatedOrder;
      }
    | { merchantId: string; merchantTradeNo: string; error: GatewayError } {
    if (this.simulator.faults.take('tooFastNextQueries')) {
      return htmlAnswer(
        '<!DOCTYPE html><html><body><h1>403 Forbidden</h1><p>Too many requests: slow down (simulated rate limit).</p></body></html>',
        403,
      );
    }
    const { record: f, repeatedNames } = fieldListToRecord(fields);
    const merchantId = f.MerchantID ?? '';
    const merchantTradeNo = f.MerchantTradeNo ?? '';
    const reject = (code: string, message: string) => ({
      merchantId,
      merchantTradeNo,
      error: gatewayError(code, message),
    });
    if (repeatedNames.length > 0) {
      return reject(
        CODES.MALFORMED_FIELD,
        `${repeatedNames[0]} was posted more than once`,
      );
    }
    const keys = this.simulator.keysOf(merchantId);
    if (!keys)
      return reject(
        CODES.UNKNOWN_MERCHANT,
        `MerchantID ${merchantId} not found`,
      );
    if (!verifyCheckMacValue(fields, keys, ['sha256']).valid) {
      return reject(CODES.CHECK_MAC_VALUE, 'CheckMacValue Error');
    }
    const timeStamp = f.TimeStamp ?? '';
    if (!/^\d{1,12}$/.test(timeStamp))
      return reject(CODES.MISSING_FIELD, 'TimeStamp is required');
    const skew = Math.abs(this.realNow() / 1000 - Number(timeStamp));
    if (skew > TIMESTAMP_WINDOW_SECONDS) {
      return reject(
        CODES.TIMESTAMP_EXPIRED,
        `TimeStamp is ${Math.round(skew)} s away from the gateway's clock; it must be within 3 minutes ` +
          '(take a fresh TimeStamp for every call and keep the server clock in sync)',
      );
    }
    if (f.PlatformID) {
      return reject(
        CODES.UNSUPPORTED,
        'PlatformID (platform merchants) is not simulated',
      );
    }
    if (!merchantTradeNo)
      return reject(CODES.MISSING_FIELD, 'MerchantTradeNo is required');
    const order = this.simulator.state.find(merchantId, merchantTradeNo);
    if (!order) return reject(CODES.ORDER_NOT_FOUND, 'Order not found');
    return { merchantId, merchantTradeNo, fields: f, keys, order };
  }
}

/**
 * `key=value&…` with the values as they are, not percent-encoded: that is how the gateway answers,
 * which is why the SDKs patch `+` and spaces before parsing (REFERENCE.md 7.3). A client has to
 * split on `&` and the first `=` to recover the exact values the CheckMacValue covers.
 */
function keyValueString(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}
