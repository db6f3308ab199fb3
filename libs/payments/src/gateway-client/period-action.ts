import { GatewayAnswerSignatureError } from '../errors/gateway-client.errors.js';
import { GatewayRequestError } from '../errors/payments.error.js';
import { PAYMENTS_MESSAGES } from '../errors/payments.messages.js';
import {
  verifyCheckMacValue,
  type MacKeys,
} from '../protocol/check-mac-value.js';
import { CaseInsensitiveFields, splitKeyValueAnswer } from './answer-fields.js';

/**
 * The two CreditCardPeriodAction actions (ECPay only): re-authorize the latest failed charge, or stop
 * every future charge for good.
 *
 * @publicApi
 */
export type PeriodAction = 'ReAuth' | 'Cancel';

/**
 * A CreditCardPeriodAction the gateway accepted.
 *
 * @publicApi
 */
export interface PeriodActionResult {
  action: PeriodAction;
  merchantTradeNo: string;
  /**
   * A Cancel found the agreement already stopped (RtnCode 100006): by an earlier Cancel, perhaps a
   * retried one, or by the gateway. The agreement is stopped either way, so this is not an error.
   */
  alreadyStopped: boolean;
  rtnCode: string;
  rtnMsg: string;
}

/** "該訂單狀態為停用中": the agreement is stopped (docs/gateway-protocol.md §12.1). */
const AGREEMENT_STOPPED_RTN_CODE = '100006';

/**
 * Reads a CreditCardPeriodAction answer: `MerchantID`, `MerchantTradeNo`, `RtnCode`, `RtnMsg` and a
 * CheckMacValue over them, error answers included (docs/gateway-protocol.md §12.1). The signature is
 * verified before anything in the answer is believed; a gateway error becomes a
 * {@link GatewayRequestError} with its RtnCode and RtnMsg.
 */
export function readPeriodActionAnswer(
  body: string,
  keys: MacKeys,
  request: { action: PeriodAction; merchantTradeNo: string },
): PeriodActionResult {
  const fields = splitKeyValueAnswer(body);
  const verification = verifyCheckMacValue(fields, keys);
  if (!verification.valid) {
    throw new GatewayAnswerSignatureError(
      'CreditCardPeriodAction',
      verification.reason,
    );
  }
  const f = new CaseInsensitiveFields(fields);
  const api = `CreditCardPeriodAction ${request.action}`;
  const rtnCode = f.text('RtnCode') ?? '';
  const rtnMsg = f.text('RtnMsg') ?? '';
  // An error answer may leave MerchantTradeNo empty (10200083); a filled one must be ours.
  const answeredFor = f.text('MerchantTradeNo') ?? '';
  if (
    answeredFor !== '' &&
    answeredFor.toLowerCase() !== request.merchantTradeNo.toLowerCase()
  ) {
    throw new GatewayRequestError(
      PAYMENTS_MESSAGES.gatewayAnswerForOtherOrder(
        api,
        request.merchantTradeNo,
        answeredFor,
      ),
      rtnCode,
      rtnMsg,
    );
  }
  const alreadyStopped =
    request.action === 'Cancel' && rtnCode === AGREEMENT_STOPPED_RTN_CODE;
  if (rtnCode !== '1' && !alreadyStopped) {
    throw new GatewayRequestError(
      PAYMENTS_MESSAGES.gatewayErrorAnswer(
        api,
        request.merchantTradeNo,
        rtnCode,
        rtnMsg,
      ),
      rtnCode,
      rtnMsg,
    );
  }
  return {
    action: request.action,
    merchantTradeNo: request.merchantTradeNo,
    alreadyStopped,
    rtnCode,
    rtnMsg,
  };
}
