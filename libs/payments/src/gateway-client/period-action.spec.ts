import { GatewayAnswerSignatureError } from '../errors/gateway-client.errors.js';
import { GatewayRequestError } from '../errors/payments.error.js';
import { ALLPAY_PROFILE } from '../protocol/gateway-profile.js';
import { readPeriodActionAnswer } from './period-action.js';

/** The legacy stage key the stage merchant 2000132 signs with (docs/gateway-protocol.md §12.5). */
const KEYS = ALLPAY_PROFILE.stageTestMerchant;
const NO = '20211026001969730';

// Three answers captured from the real stage gateway (docs/gateway-protocol.md §12.1).
const CANCELLED = `MerchantID=2000132&MerchantTradeNo=${NO}&RtnCode=1&RtnMsg=停用成功&CheckMacValue=205B4135AAB1F78AAD407838E344A291C0CCD67BB3188A58992B07F27BE61006`;
const ALREADY_STOPPED = `MerchantID=2000132&MerchantTradeNo=${NO}&RtnCode=100006&RtnMsg=該訂單狀態為停用中&CheckMacValue=71E658196AFD40D8F75481DE9DFC14279CAB0AEEA3EBB5C6F35D8E8265E58C2B`;
const BAD_REQUEST_MAC =
  'MerchantID=&MerchantTradeNo=&RtnCode=10200083&RtnMsg=&CheckMacValue=4523C18A4C3A78FAA7C69E50188C8AADABCBC2E686454DE4C115BF1452E53D89';

const cancel = { action: 'Cancel', merchantTradeNo: NO } as const;
const reAuth = { action: 'ReAuth', merchantTradeNo: NO } as const;

describe('readPeriodActionAnswer', () => {
  it('accepts the captured successful Cancel', () => {
    expect(readPeriodActionAnswer(CANCELLED, KEYS, cancel)).toEqual({
      action: 'Cancel',
      merchantTradeNo: NO,
      alreadyStopped: false,
      rtnCode: '1',
      rtnMsg: '停用成功',
    });
  });

  it('treats 100006 after a Cancel as already stopped, and as a refusal of a ReAuth', () => {
    expect(readPeriodActionAnswer(ALREADY_STOPPED, KEYS, cancel)).toMatchObject(
      {
        alreadyStopped: true,
        rtnCode: '100006',
      },
    );
    expect(() => readPeriodActionAnswer(ALREADY_STOPPED, KEYS, reAuth)).toThrow(
      expect.objectContaining({
        rtnCode: '100006',
        rtnMsg: '該訂單狀態為停用中',
      }),
    );
  });

  it('turns the captured (signed) answer to a bad request MAC into GatewayRequestError 10200083', () => {
    expect(() => readPeriodActionAnswer(BAD_REQUEST_MAC, KEYS, cancel)).toThrow(
      expect.objectContaining({
        name: 'GatewayRequestError',
        rtnCode: '10200083',
      }),
    );
  });

  it('accepts a lower-case hex CheckMacValue (the MAC is compared case-insensitively)', () => {
    const lower = CANCELLED.replace(
      /CheckMacValue=(\w+)/,
      (_, mac: string) => `CheckMacValue=${mac.toLowerCase()}`,
    );
    expect(readPeriodActionAnswer(lower, KEYS, cancel).rtnCode).toBe('1');
  });

  it.each([
    [
      'a forged success',
      ALREADY_STOPPED.replace('RtnCode=100006', 'RtnCode=1'),
      'mismatch',
    ],
    [
      'an unsigned answer',
      `MerchantID=2000132&MerchantTradeNo=${NO}&RtnCode=1&RtnMsg=停用成功`,
      'missing',
    ],
    [
      'an answer signed with other keys',
      CANCELLED.replace(/CheckMacValue=\w+/, `CheckMacValue=${'A'.repeat(64)}`),
      'mismatch',
    ],
  ])(
    'refuses %s with GatewayAnswerSignatureError before reading it',
    (_, body, reason) => {
      expect(() => readPeriodActionAnswer(body, KEYS, cancel)).toThrow(
        GatewayAnswerSignatureError,
      );
      expect(() => readPeriodActionAnswer(body, KEYS, cancel)).toThrow(
        expect.objectContaining({ reason }),
      );
    },
  );

  it('refuses a signed answer about another order', () => {
    expect(() =>
      readPeriodActionAnswer(CANCELLED, KEYS, {
        action: 'Cancel',
        merchantTradeNo: 'OTHER1',
      }),
    ).toThrow(GatewayRequestError);
  });

  it('never puts the keys into the error', () => {
    const error = captureError(() =>
      readPeriodActionAnswer(
        ALREADY_STOPPED.replace('100006', '1'),
        KEYS,
        cancel,
      ),
    );
    const text = `${String(error)} ${JSON.stringify(error)}`;
    expect(text).not.toContain(KEYS.hashKey);
    expect(text).not.toContain(KEYS.hashIV);
  });
});

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
