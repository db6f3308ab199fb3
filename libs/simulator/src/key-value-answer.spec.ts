import { ALLPAY_PROFILE } from 'nestjs-twpay/protocol';
import { signedKeyValueString } from './key-value-answer.js';

/** The legacy stage key the stage merchant 2000132 signs with at both gateways (docs/gateway-protocol.md §12.5). */
const LEGACY_STAGE_KEYS = ALLPAY_PROFILE.stageTestMerchant;

describe('signedKeyValueString', () => {
  // Three CreditCardPeriodAction answers captured from the real stage gateway (docs/gateway-protocol.md §12.1).
  it.each([
    [
      'a successful Cancel',
      {
        MerchantID: '2000132',
        MerchantTradeNo: '20211026001969730',
        RtnCode: '1',
        RtnMsg: '停用成功',
      },
      '205B4135AAB1F78AAD407838E344A291C0CCD67BB3188A58992B07F27BE61006',
    ],
    [
      'an action on a stopped order',
      {
        MerchantID: '2000132',
        MerchantTradeNo: '20211026001969730',
        RtnCode: '100006',
        RtnMsg: '該訂單狀態為停用中',
      },
      '71E658196AFD40D8F75481DE9DFC14279CAB0AEEA3EBB5C6F35D8E8265E58C2B',
    ],
    [
      'a request with a wrong CheckMacValue',
      { MerchantID: '', MerchantTradeNo: '', RtnCode: '10200083', RtnMsg: '' },
      '4523C18A4C3A78FAA7C69E50188C8AADABCBC2E686454DE4C115BF1452E53D89',
    ],
  ])('signs %s exactly as the gateway did', (_, fields, captured) => {
    const answer = signedKeyValueString(fields, LEGACY_STAGE_KEYS);
    expect(answer).toBe(
      `MerchantID=${fields.MerchantID}&MerchantTradeNo=${fields.MerchantTradeNo}` +
        `&RtnCode=${fields.RtnCode}&RtnMsg=${fields.RtnMsg}&CheckMacValue=${captured}`,
    );
  });
});
