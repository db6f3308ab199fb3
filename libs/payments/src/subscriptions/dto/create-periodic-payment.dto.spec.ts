import {
  PaymentsValidationError,
  type FieldViolation,
} from '../../errors/payments.error.js';
import type { GatewayName } from '../../protocol/gateway-profile.js';
import { formatTaipeiDateTime } from '../../protocol/taipei-time.js';
import { validateCheckoutRequest } from '../../checkout/validate-checkout-request.js';
import { CreatePeriodicPaymentDto } from './create-periodic-payment.dto.js';

const base = {
  periodAmount: 299,
  periodType: 'M',
  frequency: 1,
  execTimes: 12,
  itemName: 'Pro',
};
const HOUR = 60 * 60 * 1000;
const MAX = Number.MAX_SAFE_INTEGER;

/** The violations of `base` patched with `patch`; `[]` when it is valid. */
function violations(
  patch: Record<string, unknown>,
  gateway: GatewayName,
): FieldViolation[] {
  try {
    validateCheckoutRequest(
      CreatePeriodicPaymentDto,
      { ...base, ...patch },
      gateway,
    );
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

// Rows without a violation are shorter: the tests take their row as a rest parameter, because Jest
// hands a `done` callback to a function that declares more parameters than the row has cells.
type Case = [
  label: string,
  patch: Record<string, unknown>,
  violation?: [string, string],
];
type GatewayCase = [
  label: string,
  gateway: GatewayName,
  patch: Record<string, unknown>,
  violation?: [string, string],
];

describe.each<GatewayName>(['allpay', 'ecpay'])(
  'CreatePeriodicPaymentDto at %s: rules common to both gateways',
  (gateway) => {
    it.each<Case>([
      ['periodAmount 1', { periodAmount: 1 }],
      ['periodAmount at the safe-integer maximum', { periodAmount: MAX }],
      ['periodAmount 0', { periodAmount: 0 }, ['periodAmount', 'min']],
      [
        'periodAmount past the maximum',
        { periodAmount: MAX + 1 },
        ['periodAmount', 'max'],
      ],
      [
        'periodAmount as a string',
        { periodAmount: '299' },
        ['periodAmount', 'isInt'],
      ],
      [
        'periodAmount as a float',
        { periodAmount: 299.5 },
        ['periodAmount', 'isInt'],
      ],
      [
        'periodAmount as an array',
        { periodAmount: [299] },
        ['periodAmount', 'isInt'],
      ],
      [
        'periodAmount null',
        { periodAmount: null },
        ['periodAmount', 'isDefined'],
      ],
      [
        'periodAmount missing',
        { periodAmount: undefined },
        ['periodAmount', 'isDefined'],
      ],

      ['periodType D', { periodType: 'D', execTimes: 2 }],
      ['periodType Y', { periodType: 'Y', execTimes: 2 }],
      ['periodType W', { periodType: 'W' }, ['periodType', 'isIn']],
      ['periodType lower-case', { periodType: 'm' }, ['periodType', 'isIn']],
      ['periodType as a number', { periodType: 1 }, ['periodType', 'isIn']],
      ['periodType null', { periodType: null }, ['periodType', 'isDefined']],
      [
        'an unknown periodType alone, not its frequency',
        { periodType: 'X', frequency: 999 },
        ['periodType', 'isIn'],
      ],

      ...// ExecTimes: AllPay as documented; ECPay as its own error texts 10100226-8 state them.
      (
        [
          ['D', 1, 365, 2, 999],
          ['M', 1, 12, 2, gateway === 'ecpay' ? 999 : 99],
          ['Y', 1, 1, 2, gateway === 'ecpay' ? 99 : 9],
        ] as const
      ).flatMap(([periodType, fMin, fMax, eMin, eMax]): Case[] => [
        [
          `frequency ${fMin} for ${periodType}`,
          { periodType, frequency: fMin, execTimes: eMin },
        ],
        [
          `frequency ${fMax} for ${periodType}`,
          { periodType, frequency: fMax, execTimes: eMin },
        ],
        [
          `frequency ${fMin - 1} for ${periodType}`,
          { periodType, frequency: fMin - 1, execTimes: eMin },
          ['frequency', 'withinPeriodLimits'],
        ],
        [
          `frequency ${fMax + 1} for ${periodType}`,
          { periodType, frequency: fMax + 1, execTimes: eMin },
          ['frequency', 'withinPeriodLimits'],
        ],
        [
          `execTimes ${eMin} for ${periodType}`,
          { periodType, frequency: fMin, execTimes: eMin },
        ],
        [
          `execTimes ${eMax} for ${periodType}`,
          { periodType, frequency: fMin, execTimes: eMax },
        ],
        [
          `execTimes ${eMin - 1} for ${periodType}`,
          { periodType, frequency: fMin, execTimes: eMin - 1 },
          ['execTimes', 'withinPeriodLimits'],
        ],
        [
          `execTimes ${eMax + 1} for ${periodType}`,
          { periodType, frequency: fMin, execTimes: eMax + 1 },
          ['execTimes', 'withinPeriodLimits'],
        ],
      ]),
      ['frequency as a string', { frequency: '1' }, ['frequency', 'isInt']],
      ['frequency as a float', { frequency: 1.5 }, ['frequency', 'isInt']],
      ['frequency null', { frequency: null }, ['frequency', 'isDefined']],
      ['execTimes as a string', { execTimes: '12' }, ['execTimes', 'isInt']],
      ['execTimes as a float', { execTimes: 12.5 }, ['execTimes', 'isInt']],
      [
        'execTimes missing',
        { execTimes: undefined },
        ['execTimes', 'isDefined'],
      ],

      ['itemName of 200 Chinese characters', { itemName: '專'.repeat(200) }],
      ['itemName with # lines', { itemName: 'Pro#Setup fee' }],
      ['itemName empty', { itemName: '' }, ['itemName', 'notBlank']],
      ['itemName blank', { itemName: '   ' }, ['itemName', 'notBlank']],
      [
        'itemName with a line break',
        { itemName: 'Pro\nplan' },
        ['itemName', 'noControlCharacters'],
      ],
      ['itemName as an array', { itemName: ['Pro'] }, ['itemName', 'isString']],
      ['itemName as a number', { itemName: 42 }, ['itemName', 'isString']],
      ['itemName null', { itemName: null }, ['itemName', 'isDefined']],

      ['tradeDesc of 200', { tradeDesc: 'x'.repeat(200) }],
      [
        'tradeDesc of 201',
        { tradeDesc: 'x'.repeat(201) },
        ['tradeDesc', 'maxLength'],
      ],
      ['tradeDesc empty', { tradeDesc: '' }, ['tradeDesc', 'notBlank']],
      ['tradeDesc null', { tradeDesc: null }, ['tradeDesc', 'isString']],

      ['customerId of 64', { customerId: 'c'.repeat(64) }],
      [
        'customerId of 65',
        { customerId: 'c'.repeat(65) },
        ['customerId', 'maxLength'],
      ],
      [
        'customerId as a number',
        { customerId: 42 },
        ['customerId', 'isString'],
      ],

      [
        'flat metadata',
        { metadata: { plan: 'pro', seats: 3, trial: false, ref: null } },
      ],
      ['metadata as an array', { metadata: [1] }, ['metadata', 'isObject']],
      ['metadata as a string', { metadata: '{}' }, ['metadata', 'isObject']],
      ['metadata null', { metadata: null }, ['metadata', 'isObject']],
      [
        'nested metadata',
        { metadata: { a: { b: 1 } } },
        ['metadata', 'flatJsonObject'],
      ],
      [
        'metadata with Infinity',
        { metadata: { a: Infinity } },
        ['metadata', 'flatJsonObject'],
      ],

      ['merchantTradeNo of 20', { merchantTradeNo: 'Ab1'.repeat(6) + 'Cd' }],
      ['merchantTradeNo of 1', { merchantTradeNo: 'A' }],
      [
        'merchantTradeNo of 21',
        { merchantTradeNo: 'A'.repeat(21) },
        ['merchantTradeNo', 'isMerchantTradeNo'],
      ],
      [
        'merchantTradeNo empty',
        { merchantTradeNo: '' },
        ['merchantTradeNo', 'isMerchantTradeNo'],
      ],
      [
        'merchantTradeNo with -',
        { merchantTradeNo: 'SUB-1' },
        ['merchantTradeNo', 'isMerchantTradeNo'],
      ],
      [
        'merchantTradeNo as a number',
        { merchantTradeNo: 123 },
        ['merchantTradeNo', 'isMerchantTradeNo'],
      ],

      ['merchantId of 10', { merchantId: '3002607ABC' }],
      [
        'merchantId of 11',
        { merchantId: '3002607ABCD' },
        ['merchantId', 'matches'],
      ],
      [
        'merchantId as a number',
        { merchantId: 3002607 },
        ['merchantId', 'isString'],
      ],

      ['storeId of 20', { storeId: 's'.repeat(20) }],
      ['storeId of 21', { storeId: 's'.repeat(21) }, ['storeId', 'maxLength']],
      ['storeId empty', { storeId: '' }, ['storeId', 'notBlank']],

      ['language ENG', { language: 'ENG' }],
      ['language lower-case', { language: 'eng' }, ['language', 'isIn']],
      ['language FRA', { language: 'FRA' }, ['language', 'isIn']],

      ...(['clientBackUrl', 'itemUrl'] as const).flatMap((field): Case[] => [
        [
          `${field} https`,
          { [field]: 'https://shop.example/x', browserResult: false },
        ],
        [
          `${field} on localhost`,
          { [field]: 'http://localhost:3000/x', browserResult: false },
        ],
        [
          `${field} of 200`,
          {
            [field]: 'https://shop.example/' + 'x'.repeat(179),
            browserResult: false,
          },
        ],
        [
          `${field} of 201`,
          {
            [field]: 'https://shop.example/' + 'x'.repeat(180),
            browserResult: false,
          },
          [field, 'maxLength'],
        ],
        [
          `${field} ftp`,
          { [field]: 'ftp://shop.example/x', browserResult: false },
          [field, 'isUrl'],
        ],
        [
          `${field} not a URL`,
          { [field]: 'shop', browserResult: false },
          [field, 'isUrl'],
        ],
        [
          `${field} as an array`,
          { [field]: ['https://shop.example'], browserResult: false },
          [field, 'isString'],
        ],
      ]),
      [
        'clientBackUrl while the result is posted back',
        { clientBackUrl: 'https://shop.example/x' },
        ['clientBackUrl', 'needsGatewayResultPage'],
      ],
      [
        'itemUrl while the result is posted back',
        { itemUrl: 'https://shop.example/x' },
      ],

      ['browserResult false', { browserResult: false }],
      [
        'browserResult as a string',
        { browserResult: 'false' },
        ['browserResult', 'isBoolean'],
      ],
      [
        'browserResult null',
        { browserResult: null },
        ['browserResult', 'isBoolean'],
      ],
      ['needExtraPaidInfo true', { needExtraPaidInfo: true }],
      [
        'needExtraPaidInfo Y',
        { needExtraPaidInfo: 'Y' },
        ['needExtraPaidInfo', 'isBoolean'],
      ],

      ['platformId of 10', { platformId: 'P'.repeat(10) }],
      [
        'platformId of 11',
        { platformId: 'P'.repeat(11) },
        ['platformId', 'matches'],
      ],
      ['platformId with _', { platformId: 'P_1' }, ['platformId', 'matches']],

      ['remark of 100', { remark: 'r'.repeat(100) }],
      ['remark of 101', { remark: 'r'.repeat(101) }, ['remark', 'maxLength']],
      ['remark as a number', { remark: 1 }, ['remark', 'isString']],

      ['invoice as a string', { invoice: 'Y' }, ['invoice', 'isObject']],
      ['invoice as an array', { invoice: [] }, ['invoice', 'isObject']],
      ['invoice null', { invoice: null }, ['invoice', 'isObject']],
    ])('%s', (...[, patch, violation]: Case) => {
      const found = violations(patch, gateway);
      expect(pairs(found)).toEqual(violation ? [violation] : []);
      expect(unnamed(found)).toEqual([]);
    });
  },
);

describe('CreatePeriodicPaymentDto: rules that differ per gateway', () => {
  const inHours = (hours: number) => new Date(Date.now() + hours * HOUR);

  it.each<GatewayCase>([
    ['itemName of 200', 'allpay', { itemName: 'x'.repeat(200) }],
    [
      'itemName of 201',
      'allpay',
      { itemName: 'x'.repeat(201) },
      ['itemName', 'maxLength'],
    ],
    ['itemName of 400', 'ecpay', { itemName: 'x'.repeat(400) }],
    [
      'itemName of 401',
      'ecpay',
      { itemName: 'x'.repeat(401) },
      ['itemName', 'maxLength'],
    ],

    ['language KOR', 'allpay', { language: 'KOR' }, ['language', 'isIn']],
    ...['KOR', 'JPN', 'CHI'].map(
      (language): [string, GatewayName, Record<string, unknown>] => [
        `language ${language}`,
        'ecpay',
        { language },
      ],
    ),

    ['deviceSource P', 'allpay', { deviceSource: 'P' }],
    ['deviceSource M', 'allpay', { deviceSource: 'M' }],
    [
      'deviceSource X',
      'allpay',
      { deviceSource: 'X' },
      ['deviceSource', 'isIn'],
    ],
    [
      'deviceSource lower-case',
      'allpay',
      { deviceSource: 'p' },
      ['deviceSource', 'isIn'],
    ],
    [
      'deviceSource',
      'ecpay',
      { deviceSource: 'P' },
      ['deviceSource', 'supportedByGateway'],
    ],

    ['expireTime in 1 hour (Date)', 'allpay', { expireTime: inHours(1) }],
    [
      'expireTime in 71 hours (gateway string)',
      'allpay',
      { expireTime: formatTaipeiDateTime(inHours(71)) },
    ],
    [
      'expireTime just under 72 hours',
      'allpay',
      { expireTime: inHours(72 - 1 / 60) },
    ],
    [
      'expireTime just past 72 hours',
      'allpay',
      { expireTime: inHours(72 + 1 / 60) },
      ['expireTime', 'within72Hours'],
    ],
    [
      'expireTime a minute ago',
      'allpay',
      { expireTime: inHours(-1 / 60) },
      ['expireTime', 'within72Hours'],
    ],
    [
      'expireTime as free text',
      'allpay',
      { expireTime: 'tomorrow' },
      ['expireTime', 'isGatewayDateTime'],
    ],
    [
      'expireTime on a day that does not exist',
      'allpay',
      { expireTime: '2030/02/30 00:00:00' },
      ['expireTime', 'isGatewayDateTime'],
    ],
    [
      'expireTime as an invalid Date',
      'allpay',
      { expireTime: new Date('x') },
      ['expireTime', 'isGatewayDateTime'],
    ],
    [
      'expireTime as a number',
      'allpay',
      { expireTime: Date.now() + HOUR },
      ['expireTime', 'isGatewayDateTime'],
    ],
    [
      'expireTime',
      'ecpay',
      { expireTime: inHours(1) },
      ['expireTime', 'supportedByGateway'],
    ],

    ['4 customFields', 'ecpay', { customFields: ['user:42', 'a', 'b', 'c'] }],
    [
      '5 customFields',
      'ecpay',
      { customFields: ['1', '2', '3', '4', '5'] },
      ['customFields', 'arrayMaxSize'],
    ],
    ['a customField of 50', 'ecpay', { customFields: ['x'.repeat(50)] }],
    [
      'a customField of 51',
      'ecpay',
      { customFields: ['x'.repeat(51)] },
      ['customFields', 'maxLength'],
    ],
    [
      'a customField with every allowed symbol',
      'ecpay',
      { customFields: [',.#()$[];%{}:/?&@<>!', '訂閱 plan 2'] },
    ],
    [
      'a customField with "',
      'ecpay',
      { customFields: ['a"b'] },
      ['customFields', 'matches'],
    ],
    [
      "a customField with '",
      'ecpay',
      { customFields: ["it's"] },
      ['customFields', 'matches'],
    ],
    [
      'a customField with _',
      'ecpay',
      { customFields: ['a_b'] },
      ['customFields', 'matches'],
    ],
    [
      'a customField that is a number',
      'ecpay',
      { customFields: [42] },
      ['customFields', 'isString'],
    ],
    [
      'customFields as a string',
      'ecpay',
      { customFields: 'user:42' },
      ['customFields', 'isArray'],
    ],
    [
      'customFields',
      'allpay',
      { customFields: ['user:42'] },
      ['customFields', 'supportedByGateway'],
    ],
  ])('%s at %s', (...[, gateway, patch, violation]: GatewayCase) => {
    const found = violations(patch, gateway);
    expect(pairs(found)).toEqual(violation ? [violation] : []);
    expect(unnamed(found)).toEqual([]);
  });
});

describe('CreatePeriodicPaymentDto: messages name the field and the rule', () => {
  it.each<[Record<string, unknown>, GatewayName, string]>([
    [
      { frequency: 13 },
      'ecpay',
      'frequency must be between 1 and 12 when periodType is M',
    ],
    [
      { periodType: 'Y', frequency: 2, execTimes: 2 },
      'ecpay',
      'frequency must be 1 when periodType is Y',
    ],
    [
      { periodType: 'D', execTimes: 1000 },
      'allpay',
      'execTimes must be between 2 and 999 when periodType is D',
    ],
    [
      { itemName: 'x'.repeat(201) },
      'allpay',
      'itemName must be at most 200 characters at AllPay',
    ],
    [
      { itemName: 'x'.repeat(401) },
      'ecpay',
      'itemName must be at most 400 characters at ECPay',
    ],
    [{ language: 'KOR' }, 'allpay', 'language must be one of ENG at AllPay'],
    [
      { deviceSource: 'P' },
      'ecpay',
      'deviceSource is supported by AllPay only (ECPay detects the device itself)',
    ],
    [
      { customFields: ['x'] },
      'allpay',
      'customFields is supported by ECPay only (CustomField1-4 exist at ECPay only)',
    ],
    [
      { periodAmount: '299' },
      'ecpay',
      'periodAmount must be an integer number',
    ],
    [{ periodAmount: undefined }, 'ecpay', 'periodAmount is required'],
  ])('%j at %s', (patch, gateway, message) => {
    expect(violations(patch, gateway).map((v) => v.message)).toEqual([message]);
  });
});
