import {
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
import { keyValueString, signedKeyValueString } from './key-value-answer.js';
import { creditCardExtras, customFields } from './notification-builder.js';
import {
  PERIOD_INFO_NOT_FOUND,
  periodInfoAnswer,
} from './period-info-answer.js';
import type { SimulatedOrder } from './simulator-model.js';

/** A query's TimeStamp is valid for three minutes (docs/gateway-protocol.md §7.1). */
const TIMESTAMP_WINDOW_SECONDS = 180;

/** QueryTradeInfo's TradeStatus: unpaid, paid, failed (docs/gateway-protocol.md §7.3, LAYSI). */
const TRADE_STATUS: Readonly<Record<SimulatedOrder['status'], string>> = {
  'awaiting-payment': '0',
  'bnpl-applying': '0',
  paid: '1',
  failed: '10200095',
};

/**
 * The server-to-server query and action APIs (docs/gateway-protocol.md section 7), each answering in the
 * gateway's own format. Every call is checked the same way first: the "too fast" fault, the merchant,
 * the CheckMacValue over every posted field, and the TimeStamp.
 *
 * The TimeStamp is compared with **real** time (`Date.now()`), not the virtual clock: the merchant
 * stamps its requests with its own, real clock, and the check exists to catch a server whose clock
 * is off (docs/gateway-protocol.md §10, pitfall 7). The virtual clock only models when charges happen.
 */
export class GatewayApis {
  constructor(
    private readonly simulator: GatewaySimulator,
    private readonly realNow: () => number = Date.now,
  ) {}

  /**
   * `POST /Cashier/QueryCreditCardPeriodInfo`: the agreement and its ExecLog, as unsigned JSON
   * (docs/gateway-protocol.md §7.1, 12.2). An order that is not an authorized periodic agreement of the merchant
   * answers the captured all-empty object with RtnCode 10200047, at HTTP 200.
   */
  queryCreditCardPeriodInfo(fields: GatewayFieldList): HttpAnswer {
    const request = this.authenticate(fields);
    if ('status' in request) return request;
    if ('error' in request && request.error.code === CODES.ORDER_NOT_FOUND) {
      return jsonAnswer(PERIOD_INFO_NOT_FOUND);
    }
    if ('error' in request) {
      return jsonAnswer({
        MerchantID: request.merchantId,
        MerchantTradeNo: request.merchantTradeNo,
        RtnCode: Number(request.error.code),
        RtnMsg: request.error.message,
      });
    }
    const { order } = request;
    if (!order.period || order.authorizations.length === 0) {
      return jsonAnswer(PERIOD_INFO_NOT_FOUND);
    }
    return jsonAnswer(
      periodInfoAnswer(
        { ...order, period: order.period },
        this.simulator.options.execLogListsFailures,
      ),
    );
  }

  /**
   * `POST /Cashier/CreditCardPeriodAction` (ECPay only): `Cancel` or `ReAuth`, answered
   * `MerchantID=…&MerchantTradeNo=…&RtnCode=…&RtnMsg=…&CheckMacValue=…`, signed with the merchant's
   * keys over the four fields, error answers included (docs/gateway-protocol.md §12.1). A request with a wrong
   * CheckMacValue gets the captured answer: RtnCode 10200083 with the other three fields empty, still
   * signed. Only an unknown MerchantID is answered unsigned: there is no key to sign with.
   */
  creditCardPeriodAction(fields: GatewayFieldList): HttpAnswer {
    const request = this.authenticate(fields);
    if ('status' in request) return request;
    const answer = (rtnCode: string, rtnMsg: string): HttpAnswer => {
      const answered = {
        MerchantID: request.merchantId,
        MerchantTradeNo: request.merchantTradeNo,
        RtnCode: rtnCode,
        RtnMsg: rtnMsg,
      };
      return textAnswer(
        request.keys
          ? signedKeyValueString(answered, request.keys)
          : keyValueString(answered),
      );
    };
    if ('error' in request) {
      if (request.error.code === CODES.CHECK_MAC_VALUE) {
        return textAnswer(
          signedKeyValueString(
            {
              MerchantID: '',
              MerchantTradeNo: '',
              RtnCode: CODES.ACTION_CHECK_MAC_VALUE,
              RtnMsg: '',
            },
            request.keys!,
          ),
        );
      }
      return answer(request.error.code, request.error.message);
    }
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
    if (error) return answer(error.code, error.message);
    // 停用成功 ("stopped") is the captured Cancel answer; no ReAuth answer has been captured.
    return answer('1', action === 'Cancel' ? '停用成功' : '成功');
  }

  /**
   * `POST /Cashier/QueryTradeInfo/V5` (ECPay) or `/V4` (AllPay): the order's first payment as a
   * `key=value&…` string signed with CheckMacValue (docs/gateway-protocol.md §7.3). An order is only found under
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
      // No CheckMacValue: that is how a client tells an error answer apart (docs/gateway-protocol.md §7.3).
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
    return textAnswer(signedKeyValueString(fieldsOut, request.keys));
  }

  /**
   * The checks every query and action API makes, in order. Answers HTTP 403 while the "too fast"
   * fault lasts (docs/gateway-protocol.md §10, pitfall 12: the gateway's rate limit).
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
    | {
        merchantId: string;
        merchantTradeNo: string;
        error: GatewayError;
        /** The merchant's keys, once the MerchantID is known: action answers are signed with them. */
        keys?: MacKeys;
      } {
    if (this.simulator.faults.take('tooFastNextQueries')) {
      return htmlAnswer(
        '<!DOCTYPE html><html><body><h1>403 Forbidden</h1><p>Too many requests: slow down (simulated rate limit).</p></body></html>',
        403,
      );
    }
    const { record: f, repeatedNames } = fieldListToRecord(fields);
    const merchantId = f.MerchantID ?? '';
    const merchantTradeNo = f.MerchantTradeNo ?? '';
    const keys = this.simulator.keysOf(merchantId);
    const reject = (code: string, message: string) => ({
      merchantId,
      merchantTradeNo,
      error: gatewayError(code, message),
      keys,
    });
    if (repeatedNames.length > 0) {
      return reject(
        CODES.MALFORMED_FIELD,
        `${repeatedNames[0]} was posted more than once`,
      );
    }
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
