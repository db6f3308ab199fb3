import {
  PaymentsValidationError,
  type FieldViolation,
} from '../../errors/payments.error.js';
import { validateCheckoutRequest } from '../../checkout/validate-checkout-request.js';
import {
  BNPL_MIN_TOTAL_AMOUNT,
  CreateBnplOrderDto,
} from './create-bnpl-order.dto.js';

const base = { totalAmount: 3000, itemName: 'Road bike' };

/** The violations of `base` patched with `patch`, at ECPay; `[]` when it is valid. */
function violations(patch: Record<string, unknown>): FieldViolation[] {
  try {
    validateCheckoutRequest(CreateBnplOrderDto, { ...base, ...patch }, 'ecpay');
    return [];
  } catch (error) {
    if (error instanceof PaymentsValidationError) return error.violations;
    throw error;
  }
}

const pairs = (found: FieldViolation[]) => found.map((v) => [v.field, v.rule]);

// Rows without a violation are shorter: the test takes its row as a rest parameter, because Jest
// hands a `done` callback to a function that declares more parameters than the row has cells.
type Case = [
  label: string,
  patch: Record<string, unknown>,
  violation?: [string, string],
];

describe('CreateBnplOrderDto', () => {
  it('is 3,000 TWD at least', () => {
    expect(BNPL_MIN_TOTAL_AMOUNT).toBe(3000);
  });

  it.each<Case>([
    ['totalAmount 3000', { totalAmount: 3000 }],
    ['totalAmount 120000', { totalAmount: 120_000 }],
    ['totalAmount 2999', { totalAmount: 2999 }, ['totalAmount', 'min']],
    ['totalAmount 0', { totalAmount: 0 }, ['totalAmount', 'min']],
    ['totalAmount 3000.5', { totalAmount: 3000.5 }, ['totalAmount', 'isInt']],
    [
      'totalAmount as a string',
      { totalAmount: '3000' },
      ['totalAmount', 'isInt'],
    ],
    [
      'no totalAmount',
      { totalAmount: undefined },
      ['totalAmount', 'isDefined'],
    ],
    [
      'totalAmount past the safe-integer maximum',
      { totalAmount: Number.MAX_SAFE_INTEGER + 1 },
      ['totalAmount', 'max'],
    ],
    ['itemName of 400 characters', { itemName: 'x'.repeat(400) }],
    [
      'itemName of 401 characters',
      { itemName: 'x'.repeat(401) },
      ['itemName', 'maxLength'],
    ],
    ['no itemName', { itemName: undefined }, ['itemName', 'isDefined']],
    ['blank itemName', { itemName: '  ' }, ['itemName', 'notBlank']],
    [
      'itemName with a line break',
      { itemName: 'a\nb' },
      ['itemName', 'noControlCharacters'],
    ],
    ['tradeDesc of 200 characters', { tradeDesc: 'x'.repeat(200) }],
    [
      'tradeDesc of 201 characters',
      { tradeDesc: 'x'.repeat(201) },
      ['tradeDesc', 'maxLength'],
    ],
    [
      'four custom fields',
      { customFields: ['user:42', 'plan (pro)', '', '#1'] },
    ],
    [
      'five custom fields',
      { customFields: ['a', 'b', 'c', 'd', 'e'] },
      ['customFields', 'arrayMaxSize'],
    ],
    ['a custom field of 50 characters', { customFields: ['x'.repeat(50)] }],
    [
      'a custom field of 51 characters',
      { customFields: ['x'.repeat(51)] },
      ['customFields', 'maxLength'],
    ],
    [
      'a custom field with a disallowed symbol',
      { customFields: ['a"b'] },
      ['customFields', 'matches'],
    ],
    [
      'custom fields as a string',
      { customFields: 'a' },
      ['customFields', 'isArray'],
    ],
    ['customerId of 64 characters', { customerId: 'c'.repeat(64) }],
    [
      'customerId of 65 characters',
      { customerId: 'c'.repeat(65) },
      ['customerId', 'maxLength'],
    ],
    ['flat metadata', { metadata: { plan: 'bike', qty: 1 } }],
    [
      'nested metadata',
      { metadata: { a: { b: 1 } } },
      ['metadata', 'flatJsonObject'],
    ],
    ['a MerchantTradeNo', { merchantTradeNo: 'BNPL20240301001' }],
    [
      'a MerchantTradeNo with a dash',
      { merchantTradeNo: 'BNPL-1' },
      ['merchantTradeNo', 'isMerchantTradeNo'],
    ],
    [
      'a StoreID of 21 characters',
      { storeId: 's'.repeat(21) },
      ['storeId', 'maxLength'],
    ],
    [
      'an unknown field',
      { periodAmount: 3000 },
      ['periodAmount', 'whitelistValidation'],
    ],
  ])('%s', (...[, patch, violation]: Case) => {
    const found = violations(patch);
    expect(pairs(found)).toEqual(violation ? [violation] : []);
    for (const v of found) expect(v.message).toContain(v.field);
  });

  it('says why 2,999 is refused', () => {
    expect(violations({ totalAmount: 2999 })[0].message).toBe(
      'totalAmount must be at least 3000 TWD: ECPay takes no smaller BNPL order',
    );
  });
});
