import { NotificationFields } from '../../gateway-messages/notification-fields.js';
import { isBnplApplicationResult } from './return-notification.router.js';

/** Vector V8's fields (docs/gateway-protocol.md section 3). */
const V8: Record<string, string> = {
  BNPLInstallment: '6',
  BNPLTradeNo: 'U2024030100001',
  CustomField1: '',
  CustomField2: '',
  CustomField3: '',
  CustomField4: '',
  MerchantID: '3002607',
  MerchantTradeNo: 'BNPL20240301001',
  PaymentType: 'BNPL_URICH',
  RtnCode: '2',
  RtnMsg: '申請中',
  StoreID: '',
  TradeAmt: '3000',
  TradeDate: '2024/03/01 12:00:00',
  TradeNo: '2403011200001234',
};

const classify = (fields: Record<string, string>) =>
  isBnplApplicationResult(new NotificationFields(Object.entries(fields)));

const without = (name: string) =>
  Object.fromEntries(Object.entries(V8).filter(([key]) => key !== name));

describe('isBnplApplicationResult: the ReturnURL body is an application result', () => {
  it.each<[string, Record<string, string>, boolean]>([
    ['vector V8', V8, true],
    ['a failed application', { ...V8, RtnCode: '10100058' }, true],
    [
      'a failed application without a BNPLTradeNo value',
      { ...V8, RtnCode: '10100058', BNPLTradeNo: '' },
      true,
    ],
    [
      'V8 with lower-case names',
      Object.fromEntries(
        Object.entries(V8).map(([k, v]) => [k.toLowerCase(), v]),
      ),
      true,
    ],
    // RtnCode 2 also means "ATM number issued" (docs/gateway-protocol.md §9).
    [
      'an ATM number-issued notice',
      { ...V8, PaymentType: 'ATM_TAISHIN' },
      false,
    ],
    ['no PaymentType', without('PaymentType'), false],
    ['no BNPLTradeNo', without('BNPLTradeNo'), false],
    ['a paid result', { ...V8, RtnCode: '1' }, false],
    [
      'a failed payment result carrying BNPLTradeNo',
      { ...V8, RtnCode: '10100058', PaymentDate: '', SimulatePaid: '0' },
      false,
    ],
    [
      'a body with PaymentTypeChargeFee',
      { ...V8, PaymentTypeChargeFee: '0' },
      false,
    ],
  ])('%s → %s', (_label, fields, expected) => {
    expect(classify(fields)).toBe(expected);
  });
});
