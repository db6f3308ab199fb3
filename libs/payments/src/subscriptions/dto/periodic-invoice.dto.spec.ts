import {
  PaymentsValidationError,
  type FieldViolation,
} from '../../errors/payments.error.js';
import type { GatewayName } from '../../protocol/gateway-profile.js';
import { validateCheckoutRequest } from '../../checkout/validate-checkout-request.js';
import { CreatePeriodicPaymentDto } from './create-periodic-payment.dto.js';
import { PeriodicInvoiceDto } from './periodic-invoice.dto.js';

/** A printed invoice for a 299 order: the shape of vector V13. */
const printed = {
  print: '1',
  customerName: '王小明',
  customerAddr: '臺北市南港區三重路19-2號6樓 (D棟)',
  customerPhone: '0912345678',
  items: [{ name: 'Pro plan', count: 1, word: '月', price: 299 }],
};
/** An unprinted invoice kept on the gateway's member carrier. */
const onCarrier = {
  print: '0',
  carrierType: '1',
  customerEmail: 'a@b.co',
  items: printed.items,
};

const item = (price: number, patch: Record<string, unknown> = {}) => ({
  name: 'x',
  count: 1,
  word: '個',
  price,
  ...patch,
});

/** The violations of a 299 monthly order carrying `invoice`; `[]` when it is valid. */
function violations(
  invoice: Record<string, unknown>,
  gateway: GatewayName,
  periodAmount: unknown = 299,
): FieldViolation[] {
  const order = {
    periodAmount,
    periodType: 'M',
    frequency: 1,
    execTimes: 12,
    itemName: 'Pro',
    invoice,
  };
  try {
    validateCheckoutRequest(CreatePeriodicPaymentDto, order, gateway);
    return [];
  } catch (error) {
    if (error instanceof PaymentsValidationError) return error.violations;
    throw error;
  }
}

const pairs = (found: FieldViolation[]) => found.map((v) => [v.field, v.rule]);
/** Violations whose message does not name their field: there must be none. */
const unnamed = (found: FieldViolation[]) =>
  found.filter((v) => !v.message.includes(v.field));

// Rows without violations are shorter; rest parameters keep Jest from passing a `done` callback.
type Case = [
  label: string,
  invoice: Record<string, unknown>,
  ...violations: [string, string][],
];
type GatewayCase = [
  label: string,
  gateway: GatewayName,
  invoice: Record<string, unknown>,
  ...violations: [string, string][],
];

const at = (field: string, rule: string): [string, string] => [
  `invoice.${field}`,
  rule,
];

describe.each<GatewayName>(['allpay', 'ecpay'])(
  'PeriodicInvoiceDto at %s',
  (gateway) => {
    it.each<Case>([
      ['a printed invoice (V13)', printed],
      ['an invoice on a member carrier', onCarrier],

      // 11.3 rule 1: a phone or an e-mail address.
      [
        'an e-mail address and no phone',
        {
          ...printed,
          customerPhone: undefined,
          customerEmail: 'buyer+1@example.com',
        },
      ],
      [
        'neither phone nor e-mail',
        { ...printed, customerPhone: undefined },
        at('customerPhone', 'phoneOrEmail'),
      ],
      ['a phone of 20 digits', { ...printed, customerPhone: '0'.repeat(20) }],
      [
        'a phone of 9 digits',
        { ...printed, customerPhone: '091234567' },
        at('customerPhone', 'matches'),
      ],
      [
        'a phone of 21 digits',
        { ...printed, customerPhone: '0'.repeat(21) },
        at('customerPhone', 'matches'),
      ],
      [
        'a phone with -',
        { ...printed, customerPhone: '0912-345678' },
        at('customerPhone', 'matches'),
      ],
      [
        'a phone as a number',
        { ...printed, customerPhone: 912345678 },
        at('customerPhone', 'isString'),
      ],
      [
        'an invalid e-mail address',
        { ...printed, customerEmail: 'buyer@' },
        at('customerEmail', 'isEmail'),
      ],
      [
        'an e-mail address of 201',
        {
          ...printed,
          customerEmail: `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(8)}`,
        },
        at('customerEmail', 'maxLength'),
      ],

      // Rule 2: a printed invoice needs a name and an address.
      [
        'print 1 without a name',
        { ...printed, customerName: undefined },
        at('customerName', 'requiredForPrint'),
      ],
      [
        'print 1 without an address',
        { ...printed, customerAddr: undefined },
        at('customerAddr', 'requiredForPrint'),
      ],
      [
        'a blank address',
        { ...printed, customerAddr: '  ' },
        at('customerAddr', 'notBlank'),
      ],
      ['an address of 200', { ...printed, customerAddr: '路'.repeat(200) }],
      [
        'an address of 201',
        { ...printed, customerAddr: '路'.repeat(201) },
        at('customerAddr', 'maxLength'),
      ],
      [
        'an address with a line break',
        { ...printed, customerAddr: '臺北市\n南港區' },
        at('customerAddr', 'noControlCharacters'),
      ],
      [
        'a name with a space',
        { ...printed, customerName: 'John Smith' },
        at('customerName', 'matches'),
      ],
      [
        'a name with punctuation',
        { ...printed, customerName: 'Acme.' },
        at('customerName', 'matches'),
      ],
      ['a name of letters and digits', { ...printed, customerName: 'Acme123' }],
      [
        'a name as a number',
        { ...printed, customerName: 1 },
        at('customerName', 'isString'),
      ],

      // Rule 3: no carrier on a printed invoice.
      [
        'print 1 with a carrier',
        { ...printed, carrierType: '1' },
        at('carrierType', 'noCarrierWhenPrinted'),
      ],

      // Rule 4: an unprinted invoice needs a carrier or a donation.
      [
        'print 0 with neither carrier nor donation',
        { ...onCarrier, carrierType: undefined },
        at('print', 'invoiceDelivery'),
      ],
      [
        'print 0 with a donation',
        {
          ...onCarrier,
          carrierType: undefined,
          donation: '1',
          loveCode: '168001',
        },
      ],
      ['print 2', { ...printed, print: '2' }, at('print', 'isIn')],
      ['print as a number', { ...printed, print: 1 }, at('print', 'isIn')],
      [
        'print missing',
        { ...printed, print: undefined },
        at('print', 'isDefined'),
      ],

      // Rule 5: a donation needs a love code and no paper copy.
      [
        'a love code of 3 digits',
        { ...onCarrier, donation: '1', loveCode: '001' },
      ],
      [
        'a love code of 7 digits',
        { ...onCarrier, donation: '1', loveCode: '1234567' },
      ],
      [
        'a love code of 2 digits',
        { ...onCarrier, donation: '1', loveCode: '12' },
        at('loveCode', 'matches'),
      ],
      [
        'a love code of 8 digits',
        { ...onCarrier, donation: '1', loveCode: '12345678' },
        at('loveCode', 'matches'),
      ],
      [
        'a love code with a letter',
        { ...onCarrier, donation: '1', loveCode: 'X123' },
        at('loveCode', 'matches'),
      ],
      [
        'a donation without a love code',
        { ...onCarrier, donation: '1' },
        at('loveCode', 'requiredForDonation'),
      ],
      [
        'a love code without a donation',
        { ...onCarrier, loveCode: '168001' },
        at('loveCode', 'onlyWhenDonated'),
      ],
      [
        'a donated printed invoice',
        { ...printed, donation: '1', loveCode: '168001' },
        at('donation', 'donationNotPrinted'),
      ],
      [
        'a donation as a number',
        { ...onCarrier, donation: 1, loveCode: '168001' },
        at('donation', 'isIn'),
        at('loveCode', 'onlyWhenDonated'),
      ],

      // Rule 6: a tax ID needs print 1 and no donation.
      [
        'a tax ID on a printed invoice',
        { ...printed, customerIdentifier: '12345678' },
      ],
      [
        'a tax ID on an unprinted invoice',
        { ...onCarrier, customerIdentifier: '12345678' },
        at('customerIdentifier', 'identifierNeedsPrint'),
      ],
      [
        'a tax ID on a donated invoice',
        {
          ...printed,
          customerIdentifier: '12345678',
          donation: '1',
          loveCode: '168001',
        },
        at('customerIdentifier', 'identifierNotDonated'),
        at('donation', 'donationNotPrinted'),
      ],
      [
        'a tax ID of 7 digits',
        { ...printed, customerIdentifier: '1234567' },
        at('customerIdentifier', 'matches'),
      ],
      [
        'a tax ID of 9 digits',
        { ...printed, customerIdentifier: '123456789' },
        at('customerIdentifier', 'matches'),
      ],
      [
        'a tax ID with a letter',
        { ...printed, customerIdentifier: 'A2345678' },
        at('customerIdentifier', 'matches'),
      ],
      [
        'a tax ID as a number',
        { ...printed, customerIdentifier: 12345678 },
        at('customerIdentifier', 'isString'),
      ],

      // Rule 7: carrier numbers.
      [
        'a citizen certificate',
        { ...onCarrier, carrierType: '2', carrierNum: 'AB12345678901234' },
      ],
      [
        'a citizen certificate in lower case',
        { ...onCarrier, carrierType: '2', carrierNum: 'ab12345678901234' },
        at('carrierNum', 'carrierNumFormat'),
      ],
      [
        'a citizen certificate of 15',
        { ...onCarrier, carrierType: '2', carrierNum: 'AB1234567890123' },
        at('carrierNum', 'carrierNumFormat'),
      ],
      [
        'a mobile barcode',
        { ...onCarrier, carrierType: '3', carrierNum: '/AB+C-12' },
      ],
      [
        'a mobile barcode with .',
        { ...onCarrier, carrierType: '3', carrierNum: '/A.B0123' },
      ],
      [
        'a mobile barcode in lower case',
        { ...onCarrier, carrierType: '3', carrierNum: '/ab+c-12' },
        at('carrierNum', 'carrierNumFormat'),
      ],
      [
        'a mobile barcode with ,',
        { ...onCarrier, carrierType: '3', carrierNum: '/AB,C-12' },
        at('carrierNum', 'carrierNumFormat'),
      ],
      [
        'a mobile barcode of 6',
        { ...onCarrier, carrierType: '3', carrierNum: '/ABC-12' },
        at('carrierNum', 'carrierNumFormat'),
      ],
      [
        'a mobile barcode without /',
        { ...onCarrier, carrierType: '3', carrierNum: 'AB+C-123' },
        at('carrierNum', 'carrierNumFormat'),
      ],
      [
        'carrier type 2 without a number',
        { ...onCarrier, carrierType: '2' },
        at('carrierNum', 'requiredForCarrierType'),
      ],
      [
        'carrier type 1 with a number',
        { ...onCarrier, carrierNum: '/AB+C-12' },
        at('carrierNum', 'onlyForCarrierTypes2And3'),
      ],
      [
        'a carrier number without a type',
        {
          ...onCarrier,
          carrierType: undefined,
          donation: '1',
          loveCode: '168001',
          carrierNum: '/AB+C-12',
        },
        at('carrierNum', 'onlyForCarrierTypes2And3'),
      ],
      [
        'carrier type 4',
        { ...onCarrier, carrierType: '4' },
        at('carrierType', 'isIn'),
      ],
      [
        'carrier type as a number',
        { ...onCarrier, carrierType: 1 },
        at('carrierType', 'isIn'),
      ],

      // Rule 8: clearance mark with zero-rated only.
      [
        'zero-rated, not through customs',
        { ...printed, taxType: '2', clearanceMark: '1' },
      ],
      [
        'zero-rated, through customs',
        { ...printed, taxType: '2', clearanceMark: '2' },
      ],
      [
        'zero-rated without a clearance mark',
        { ...printed, taxType: '2' },
        at('clearanceMark', 'requiredForZeroRated'),
      ],
      [
        'clearance mark 3',
        { ...printed, taxType: '2', clearanceMark: '3' },
        at('clearanceMark', 'isIn'),
      ],
      [
        'a clearance mark on a taxable invoice',
        { ...printed, clearanceMark: '1' },
        at('clearanceMark', 'onlyForZeroRated'),
      ],

      // Rule 9: mixed tax types.
      [
        'mixed taxable + tax-free',
        {
          ...printed,
          taxType: '9',
          items: [item(249, { taxType: '1' }), item(50, { taxType: '3' })],
        },
      ],
      [
        'mixed taxable + zero-rated',
        {
          ...printed,
          taxType: '9',
          items: [item(249, { taxType: '1' }), item(50, { taxType: '2' })],
        },
      ],
      [
        'mixed zero-rated + tax-free',
        {
          ...printed,
          taxType: '9',
          items: [item(249, { taxType: '2' }), item(50, { taxType: '3' })],
        },
        at('taxType', 'taxTypeMix'),
      ],
      [
        'mixed with all three',
        {
          ...printed,
          taxType: '9',
          items: [
            item(200, { taxType: '1' }),
            item(50, { taxType: '2' }),
            item(49, { taxType: '3' }),
          ],
        },
        at('taxType', 'taxTypeMix'),
      ],
      [
        'mixed with taxable only',
        {
          ...printed,
          taxType: '9',
          items: [item(249, { taxType: '1' }), item(50, { taxType: '1' })],
        },
        at('taxType', 'taxTypeMix'),
      ],
      [
        'mixed with one item',
        { ...printed, taxType: '9', items: [item(299, { taxType: '1' })] },
        at('taxType', 'taxTypeMix'),
      ],
      [
        'mixed with an untyped item',
        {
          ...printed,
          taxType: '9',
          items: [item(249, { taxType: '1' }), item(50)],
        },
        at('taxType', 'taxTypeMix'),
      ],
      ['tax type 4', { ...printed, taxType: '4' }, at('taxType', 'isIn')],
      ['tax type null', { ...printed, taxType: null }, at('taxType', 'isIn')],

      // Rule 10: items carry the invoice's tax type.
      [
        'tax-free with tax-free items',
        { ...printed, taxType: '3', items: [item(299, { taxType: '3' })] },
      ],
      [
        'taxable with a tax-free item',
        { ...printed, items: [item(249), item(50, { taxType: '3' })] },
        at('taxType', 'itemTaxTypesMatch'),
      ],

      // Rule 11.
      ['delayDay 0', { ...printed, delayDay: 0 }],
      ['delayDay 15', { ...printed, delayDay: 15 }],
      ['delayDay -1', { ...printed, delayDay: -1 }, at('delayDay', 'min')],
      ['delayDay 16', { ...printed, delayDay: 16 }, at('delayDay', 'max')],
      ['delayDay 1.5', { ...printed, delayDay: 1.5 }, at('delayDay', 'isInt')],
      [
        'delayDay as a string',
        { ...printed, delayDay: '1' },
        at('delayDay', 'isInt'),
      ],
      [
        'delayDay null',
        { ...printed, delayDay: null },
        at('delayDay', 'isInt'),
      ],
      ['invType 07', { ...printed, invType: '07' }],
      ['invType 08', { ...printed, invType: '08' }, at('invType', 'isIn')],

      // Other fields.
      [
        'a relateNumber of 30',
        { ...printed, relateNumber: 'INV_2024-01#$' + 'x'.repeat(17) },
      ],
      [
        'a relateNumber of 31',
        { ...printed, relateNumber: 'x'.repeat(31) },
        at('relateNumber', 'matches'),
      ],
      [
        'a relateNumber with a space',
        { ...printed, relateNumber: 'INV 1' },
        at('relateNumber', 'matches'),
      ],
      [
        'a customerId of 20',
        { ...onCarrier, customerId: 'cust_' + '0'.repeat(15) },
      ],
      [
        'a customerId of 21',
        { ...onCarrier, customerId: 'c'.repeat(21) },
        at('customerId', 'matches'),
      ],
      [
        'a customerId with -',
        { ...onCarrier, customerId: 'cust-1' },
        at('customerId', 'matches'),
      ],
      ['a remark', { ...printed, invoiceRemark: 'Sub #1 (monthly)' }],
      [
        'a remark of 4000 encoded characters',
        { ...printed, invoiceRemark: '中'.repeat(444) + 'abcd' },
      ],
      [
        'a remark of 4001 encoded characters',
        { ...printed, invoiceRemark: '中'.repeat(444) + 'abcde' },
        at('invoiceRemark', 'encodedMaxLength'),
      ],
      [
        'a remark with a line break',
        { ...printed, invoiceRemark: 'a\r\nb' },
        at('invoiceRemark', 'noControlCharacters'),
      ],
    ])('%s', (...[, invoice, ...expected]: Case) => {
      const found = violations(invoice, gateway);
      expect(pairs(found)).toEqual(expected);
      expect(unnamed(found)).toEqual([]);
    });
  },
);

describe('PeriodicInvoiceDto: items (docs/gateway-protocol.md section 11.4)', () => {
  const withItems = (items: unknown) => ({ ...printed, items });

  it.each<Case>([
    [
      '200 items',
      withItems([item(299), ...Array.from({ length: 199 }, () => item(0))]),
    ],
    ['no items', withItems([]), at('items', 'arrayMinSize')],
    [
      '201 items',
      withItems([item(299), ...Array.from({ length: 200 }, () => item(0))]),
      at('items', 'arrayMaxSize'),
    ],
    ['items as a string', withItems('Pro plan'), at('items', 'isArray')],
    ['items missing', withItems(undefined), at('items', 'isDefined')],
    [
      'a null item',
      withItems([item(249), null]),
      at('items[1]', 'nestedValidation'),
    ],
    [
      'a name with |',
      withItems([item(299, { name: 'Pro|Max' })]),
      at('items[0].name', 'noItemSeparator'),
    ],
    ['a name of 100', withItems([item(299, { name: 'n'.repeat(100) })])],
    [
      'a name of 101',
      withItems([item(299, { name: 'n'.repeat(101) })]),
      at('items[0].name', 'maxLength'),
    ],
    [
      'a blank name',
      withItems([item(299, { name: ' ' })]),
      at('items[0].name', 'notBlank'),
    ],
    [
      'a name as a number',
      withItems([item(299, { name: 1 })]),
      at('items[0].name', 'isString'),
    ],
    [
      'a missing name',
      withItems([item(299, { name: undefined })]),
      at('items[0].name', 'isDefined'),
    ],
    [
      'a word with |',
      withItems([item(299, { word: '月|次' })]),
      at('items[0].word', 'noItemSeparator'),
    ],
    ['a word of 6', withItems([item(299, { word: '六個字的單位' })])],
    [
      'a word of 7',
      withItems([item(299, { word: '七個字的單位啊' })]),
      at('items[0].word', 'maxLength'),
    ],
    [
      'a word with a tab',
      withItems([item(299, { word: 'a\tb' })]),
      at('items[0].word', 'noControlCharacters'),
    ],
    [
      'a count of 0',
      withItems([item(299, { count: 0 })]),
      at('items[0].count', 'min'),
    ],
    [
      'a float count',
      withItems([item(299, { count: 1.5 })]),
      at('items[0].count', 'isInt'),
    ],
    [
      'a count as a string',
      withItems([item(299, { count: '1' })]),
      at('items[0].count', 'isInt'),
    ],
    ['a price of 0 among others', withItems([item(299), item(0)])],
    [
      'a negative price',
      withItems([item(300), item(-1)]),
      at('items[1].price', 'min'),
    ],
    [
      'a float price',
      withItems([item(249), item(49.5), item(0.5)]),
      at('items[1].price', 'isInt'),
      at('items[2].price', 'isInt'),
    ],
    [
      'a price as a string',
      withItems([item(249), item('50' as unknown as number)]),
      at('items[1].price', 'isInt'),
    ],
    [
      'a price past the maximum',
      withItems([item(Number.MAX_SAFE_INTEGER + 1)]),
      at('items[0].price', 'max'),
    ],
    [
      'an item tax type 9',
      withItems([item(299, { taxType: '9' })]),
      at('items[0].taxType', 'isIn'),
    ],
    [
      'an unknown item field',
      withItems([item(299, { unit: '月' })]),
      at('items[0].unit', 'whitelistValidation'),
    ],
  ])('%s', (...[, invoice, ...expected]: Case) => {
    const found = violations(invoice, 'ecpay');
    expect(pairs(found)).toEqual(expected);
    expect(unnamed(found)).toEqual([]);
  });

  it.each<[string, unknown[], number, ...[string, string][]]>([
    ['Σ price × count equal to periodAmount', [item(249), item(50)], 299],
    ['counts taken into account', [item(100, { count: 2 }), item(99)], 299],
    [
      'Σ short of periodAmount',
      [item(249), item(49)],
      299,
      ['invoice.items', 'invoiceTotal'],
    ],
    [
      'Σ over periodAmount',
      [item(150, { count: 2 })],
      299,
      ['invoice.items', 'invoiceTotal'],
    ],
    [
      'a total beyond the safe-integer range',
      [item(Number.MAX_SAFE_INTEGER, { count: 2 })],
      299,
      ['invoice.items', 'invoiceTotal'],
    ],
    [
      'an invalid periodAmount reported alone',
      [item(299)],
      0,
      ['periodAmount', 'min'],
    ],
  ])('%s', (...[, items, periodAmount, ...expected]) => {
    const found = violations({ ...printed, items }, 'ecpay', periodAmount);
    expect(pairs(found)).toEqual(expected);
    expect(unnamed(found)).toEqual([]);
  });

  it('says what the items add up to', () => {
    const order = {
      periodAmount: 299,
      periodType: 'M',
      frequency: 1,
      execTimes: 12,
      itemName: 'Pro',
    };
    expect(() =>
      validateCheckoutRequest(
        CreatePeriodicPaymentDto,
        { ...order, invoice: withItems([item(249), item(49)]) },
        'ecpay',
      ),
    ).toThrow(
      'invoice.items must add up to periodAmount (299): Σ price × count is 298',
    );
  });
});

describe('PeriodicInvoiceDto: rules that differ per gateway (docs/gateway-protocol.md section 11.7)', () => {
  it.each<GatewayCase>([
    ['donation 0 (no)', 'ecpay', { ...onCarrier, donation: '0' }],
    [
      "donation 2 (AllPay's no)",
      'ecpay',
      { ...onCarrier, donation: '2' },
      at('donation', 'isIn'),
    ],
    ['donation 2 (no)', 'allpay', { ...onCarrier, donation: '2' }],
    [
      "donation 0 (ECPay's no)",
      'allpay',
      { ...onCarrier, donation: '0' },
      at('donation', 'isIn'),
    ],
    ['a name of 60', 'ecpay', { ...printed, customerName: '王'.repeat(60) }],
    [
      'a name of 61',
      'ecpay',
      { ...printed, customerName: '王'.repeat(61) },
      at('customerName', 'maxLength'),
    ],
    ['a name of 20', 'allpay', { ...printed, customerName: '王'.repeat(20) }],
    [
      'a name of 21',
      'allpay',
      { ...printed, customerName: '王'.repeat(21) },
      at('customerName', 'maxLength'),
    ],
  ])('%s at %s', (...[, gateway, invoice, ...expected]: GatewayCase) => {
    const found = violations(invoice, gateway);
    expect(pairs(found)).toEqual(expected);
    expect(unnamed(found)).toEqual([]);
  });

  it('returns the invoice as a PeriodicInvoiceDto with its defaults', () => {
    const order = {
      periodAmount: 299,
      periodType: 'M',
      frequency: 1,
      execTimes: 12,
      itemName: 'Pro',
      invoice: printed,
    };
    const dto = validateCheckoutRequest(
      CreatePeriodicPaymentDto,
      order,
      'allpay',
    );
    expect(dto.invoice).toBeInstanceOf(PeriodicInvoiceDto);
    expect(dto.invoice).toMatchObject({
      taxType: '1',
      delayDay: 0,
      invType: '07',
    });
    expect(dto.invoice!.donation).toBeUndefined();
  });
});
