import {
  fieldListToRecord,
  parseTaipeiDateTime,
  verifyCheckMacValue,
  type GatewayFieldList,
  type GatewayProfile,
  type MacKeys,
} from 'nestjs-twpay/protocol';
import {
  GATEWAY_ERROR_CODES as CODES,
  gatewayError,
  type GatewayError,
} from './gateway-errors.js';
import type { PeriodType } from './period-schedule.js';
import type {
  OrderUrls,
  PeriodTerms,
  SimulatedOrder,
} from './simulator-model.js';

/** What an accepted AioCheckOut form describes, before the gateway gives it a TradeNo. */
export type OrderDraft = Pick<
  SimulatedOrder,
  | 'gateway'
  | 'merchantId'
  | 'merchantTradeNo'
  | 'payment'
  | 'totalAmount'
  | 'itemName'
  | 'storeId'
  | 'customFields'
  | 'needExtraPaidInfo'
  | 'urls'
  | 'period'
>;

/** The result of checking one AioCheckOut form. */
export type OrderValidation =
  | { ok: true; order: OrderDraft }
  | { ok: false; error: GatewayError; merchantId?: string };

/** What the validator needs to know about the gateway's state. */
export interface OrderValidationContext {
  profile: GatewayProfile;
  keysOf(merchantId: string): MacKeys | undefined;
  isMerchantTradeNoUsed(merchantId: string, merchantTradeNo: string): boolean;
}

/**
 * Frequency and ExecTimes maxima per PeriodType. Frequency and AllPay's ExecTimes as documented
 * (docs/gateway-protocol.md §5.1); ECPay's ExecTimes as its own error texts 10100226-8 state them
 * (§12.4): D and M up to 999, Y up to 99.
 */
const PERIOD_LIMITS: Readonly<
  Record<
    GatewayProfile['name'],
    Record<PeriodType, { frequency: number; execTimes: number }>
  >
> = {
  allpay: {
    D: { frequency: 365, execTimes: 999 },
    M: { frequency: 12, execTimes: 99 },
    Y: { frequency: 1, execTimes: 9 },
  },
  ecpay: {
    D: { frequency: 365, execTimes: 999 },
    M: { frequency: 12, execTimes: 999 },
    Y: { frequency: 1, execTimes: 99 },
  },
};

/** BNPL orders start at NT$3,000 (ECPAY-SDKPHP CreateBnplOrder: "金額須大於2999", REFERENCE.md 8). */
const BNPL_MINIMUM_AMOUNT = 3000;

/** Fields every order must carry (REFERENCE.md 5.1; CheckMacValue is checked on its own). */
const REQUIRED_FIELDS = [
  'MerchantTradeNo',
  'MerchantTradeDate',
  'PaymentType',
  'TotalAmount',
  'TradeDesc',
  'ItemName',
  'ReturnURL',
  'ChoosePayment',
  'EncryptType',
] as const;

const PERIOD_FIELDS = [
  'PeriodAmount',
  'PeriodType',
  'Frequency',
  'ExecTimes',
] as const;

/** Optional URL fields and their String(200) limit (REFERENCE.md 5.1). */
const OPTIONAL_URL_FIELDS = [
  'OrderResultURL',
  'ClientBackURL',
  'ItemURL',
  'PeriodReturnURL',
  'PaymentInfoURL',
  'ClientRedirectURL',
] as const;

/** CustomField1..4: String(50), letters, digits and only `,.#()$[];%{}:/?&@<>!` (REFERENCE.md 5.1). */
const CUSTOM_FIELD_TEXT = /^[\p{L}\p{N} ,.#()$[\];%{}:/?&@<>!]*$/u;

/** Fields that cannot be combined with a periodic order (ECDOC-2868, REFERENCE.md 5.1). */
const NOT_WITH_PERIODIC: ReadonlyArray<
  readonly [field: string, inactive: readonly string[]]
> = [
  ['CreditInstallment', ['', '0']],
  ['Redeem', ['', 'N']],
  ['UnionPay', ['', '0', '2']],
];

/**
 * Checks an AioCheckOut form the way the gateway does, and returns the first rule it breaks: the
 * merchant, the CheckMacValue over every posted field, required fields, formats and lengths, the
 * periodic rules, BNPL, and that the MerchantTradeNo was never used (REFERENCE.md 5.1, 8, 10).
 *
 * Decisions where the gateway's behaviour is not documented, all on the strict side so that passing
 * here does not hide a failure at the gateway:
 * - a periodic order must have a PeriodReturnURL (ECPAY-NODE refuses one without it; without it the
 *   later charges would be reported nowhere);
 * - ItemName beyond the limit is rejected, although ECPay documents truncating it;
 * - InvoiceMark=Y and PlatformID are rejected as not simulated rather than accepted unchecked.
 */
export function validateCheckoutOrder(
  fields: GatewayFieldList,
  context: OrderValidationContext,
): OrderValidation {
  const { profile } = context;
  const { record: f, repeatedNames } = fieldListToRecord(fields);
  if (repeatedNames.length > 0) {
    return fail(
      CODES.MALFORMED_FIELD,
      `${repeatedNames[0]} was posted more than once`,
    );
  }
  const merchantId = f.MerchantID ?? '';
  if (merchantId === '')
    return fail(CODES.MISSING_FIELD, 'MerchantID is required');
  const keys = context.keysOf(merchantId);
  if (!keys)
    return fail(CODES.UNKNOWN_MERCHANT, `MerchantID ${merchantId} not found`);
  if (!verifyCheckMacValue(fields, keys, ['sha256']).valid) {
    return {
      ...fail(CODES.CHECK_MAC_VALUE, 'CheckMacValue Error'),
      merchantId,
    };
  }
  const error = firstError(f, profile);
  if (error) return { ok: false, error, merchantId };
  if (context.isMerchantTradeNoUsed(merchantId, f.MerchantTradeNo)) {
    return {
      ...fail(
        CODES.DUPLICATE_MERCHANT_TRADE_NO,
        'MerchantTradeNo 重複 (already used)',
      ),
      merchantId,
    };
  }
  return {
    ok: true,
    order: {
      gateway: profile.name,
      merchantId,
      merchantTradeNo: f.MerchantTradeNo,
      payment: f.ChoosePayment as 'Credit' | 'BNPL',
      totalAmount: Number(f.TotalAmount),
      itemName: f.ItemName,
      storeId: f.StoreID ?? '',
      customFields: [
        f.CustomField1 ?? '',
        f.CustomField2 ?? '',
        f.CustomField3 ?? '',
        f.CustomField4 ?? '',
      ],
      needExtraPaidInfo: f.NeedExtraPaidInfo === 'Y',
      urls: orderUrls(f),
      period: isPeriodic(f) ? periodTerms(f) : undefined,
    },
  };
}

function firstError(
  f: Record<string, string>,
  profile: GatewayProfile,
): GatewayError | undefined {
  for (const name of REQUIRED_FIELDS) {
    if (!f[name])
      return gatewayError(CODES.MISSING_FIELD, `${name} is required`);
  }
  return (
    pattern(
      f,
      'MerchantTradeNo',
      /^[A-Za-z0-9]{1,20}$/,
      'at most 20 letters or digits',
    ) ??
    merchantTradeDate(f) ??
    oneOf(f, 'PaymentType', ['aio']) ??
    positiveInteger(f, 'TotalAmount') ??
    maxLength(f, 'TradeDesc', 200) ??
    maxLength(f, 'ItemName', profile.itemNameMaxLength) ??
    url(f, 'ReturnURL') ??
    oneOf(f, 'EncryptType', ['1']) ??
    choosePayment(f, profile) ??
    optionalFields(f, profile) ??
    unsupported(f) ??
    (f.OrderResultURL && f.OrderResultURL === f.ReturnURL
      ? gatewayError(
          CODES.RETURN_URL_EQUALS_ORDER_RESULT_URL,
          'ReturnURL must differ from OrderResultURL',
        )
      : undefined) ??
    (f.ChoosePayment === 'BNPL'
      ? bnplRules(f)
      : isPeriodic(f)
        ? periodicRules(f, profile)
        : undefined)
  );
}

function merchantTradeDate(
  f: Record<string, string>,
): GatewayError | undefined {
  return parseTaipeiDateTime(f.MerchantTradeDate)
    ? undefined
    : malformed(
        'MerchantTradeDate',
        'must be a date formatted yyyy/MM/dd HH:mm:ss',
      );
}

function choosePayment(
  f: Record<string, string>,
  profile: GatewayProfile,
): GatewayError | undefined {
  if (f.ChoosePayment === 'BNPL' && !profile.supportsBnpl) {
    return gatewayError(
      CODES.NO_PAYMENT_METHOD,
      `本次交易未提供任何付款方式 (BNPL is not offered by ${profile.displayName})`,
    );
  }
  if (f.ChoosePayment !== 'Credit' && f.ChoosePayment !== 'BNPL') {
    return gatewayError(
      CODES.UNSUPPORTED,
      `ChoosePayment=${f.ChoosePayment} is not simulated (Credit and BNPL only)`,
    );
  }
  return undefined;
}

function optionalFields(
  f: Record<string, string>,
  profile: GatewayProfile,
): GatewayError | undefined {
  for (const name of OPTIONAL_URL_FIELDS) {
    if (f[name]) {
      const error = url(f, name);
      if (error) return error;
    }
  }
  const customFieldError = profile.supportsCustomFields
    ? [1, 2, 3, 4]
        .map((n) => `CustomField${n}`)
        .map(
          (name) =>
            maxLength(f, name, 50) ??
            pattern(
              f,
              name,
              CUSTOM_FIELD_TEXT,
              'may hold only letters, digits and ,.#()$[];%{}:/?&@<>!',
            ),
        )
        .find((e) => e !== undefined)
    : undefined;
  return (
    maxLength(f, 'StoreID', 20) ??
    maxLength(f, 'Remark', 100) ??
    oneOf(f, 'NeedExtraPaidInfo', ['', 'Y', 'N']) ??
    oneOf(f, 'DeviceSource', ['', 'P', 'M']) ??
    oneOf(
      f,
      'Language',
      profile.supportsCustomFields
        ? ['', 'ENG', 'KOR', 'JPN', 'CHI']
        : ['', 'ENG'],
    ) ??
    customFieldError
  );
}

function unsupported(f: Record<string, string>): GatewayError | undefined {
  if (f.PlatformID) {
    return gatewayError(
      CODES.UNSUPPORTED,
      'PlatformID (platform merchants) is not simulated',
    );
  }
  if (f.InvoiceMark === 'Y') {
    return gatewayError(
      CODES.UNSUPPORTED,
      'InvoiceMark=Y (e-invoice) is not simulated',
    );
  }
  return undefined;
}

function bnplRules(f: Record<string, string>): GatewayError | undefined {
  if (isPeriodic(f)) {
    return gatewayError(
      CODES.UNSUPPORTED,
      'ChoosePayment=BNPL cannot carry periodic fields',
    );
  }
  if (Number(f.TotalAmount) < BNPL_MINIMUM_AMOUNT) {
    return gatewayError(
      CODES.BNPL_AMOUNT_TOO_LOW,
      `TotalAmount must be at least ${BNPL_MINIMUM_AMOUNT} for BNPL`,
    );
  }
  return undefined;
}

function periodicRules(
  f: Record<string, string>,
  profile: GatewayProfile,
): GatewayError | undefined {
  for (const name of PERIOD_FIELDS) {
    if (!f[name])
      return gatewayError(
        CODES.MISSING_FIELD,
        `${name} is required for a periodic order`,
      );
  }
  const error =
    positiveInteger(f, 'PeriodAmount') ??
    oneOf(f, 'PeriodType', ['D', 'M', 'Y']) ??
    positiveInteger(f, 'Frequency') ??
    positiveInteger(f, 'ExecTimes');
  if (error) return error;
  if (f.PeriodAmount !== f.TotalAmount) {
    return gatewayError(
      CODES.PERIOD_AMOUNT_MISMATCH,
      'PeriodAmount must equal TotalAmount',
    );
  }
  const limits = PERIOD_LIMITS[profile.name][f.PeriodType as PeriodType];
  if (Number(f.Frequency) > limits.frequency) {
    return gatewayError(
      CODES.FREQUENCY_OUT_OF_RANGE,
      `Frequency must be ${limits.frequency === 1 ? '1' : `1-${limits.frequency}`} when PeriodType=${f.PeriodType}`,
    );
  }
  const execTimes = Number(f.ExecTimes);
  if (execTimes < 2 || execTimes > limits.execTimes) {
    return gatewayError(
      CODES.EXEC_TIMES_OUT_OF_RANGE,
      `ExecTimes must be 2-${limits.execTimes} when PeriodType=${f.PeriodType}`,
    );
  }
  if (!f.PeriodReturnURL) {
    return gatewayError(
      CODES.PERIOD_RETURN_URL_MISSING,
      'PeriodReturnURL is required for a periodic order',
    );
  }
  for (const [name, inactive] of NOT_WITH_PERIODIC) {
    if (f[name] !== undefined && !inactive.includes(f[name])) {
      return gatewayError(
        CODES.UNSUPPORTED,
        `${name} cannot be combined with a periodic order`,
      );
    }
  }
  return undefined;
}

/** An order is periodic as soon as it carries any of the period fields. */
function isPeriodic(f: Record<string, string>): boolean {
  return PERIOD_FIELDS.some((name) => (f[name] ?? '') !== '');
}

function periodTerms(f: Record<string, string>): PeriodTerms {
  return {
    periodType: f.PeriodType as PeriodType,
    frequency: Number(f.Frequency),
    execTimes: Number(f.ExecTimes),
    periodAmount: Number(f.PeriodAmount),
    periodReturnUrl: f.PeriodReturnURL,
  };
}

function orderUrls(f: Record<string, string>): OrderUrls {
  const optional = (name: string) => (f[name] ? f[name] : undefined);
  return {
    returnUrl: f.ReturnURL,
    orderResultUrl: optional('OrderResultURL'),
    clientBackUrl: optional('ClientBackURL'),
    paymentInfoUrl: optional('PaymentInfoURL'),
    clientRedirectUrl: optional('ClientRedirectURL'),
  };
}

function oneOf(
  f: Record<string, string>,
  name: string,
  allowed: readonly string[],
): GatewayError | undefined {
  if (f[name] === undefined || allowed.includes(f[name])) return undefined;
  const shown = allowed.filter((v) => v !== '').join(', ');
  return malformed(name, `must be one of ${shown}`);
}

function positiveInteger(
  f: Record<string, string>,
  name: string,
): GatewayError | undefined {
  return pattern(
    f,
    name,
    /^[1-9][0-9]{0,8}$/,
    'must be a whole number above 0, digits only',
  );
}

function maxLength(
  f: Record<string, string>,
  name: string,
  max: number,
): GatewayError | undefined {
  return f[name] !== undefined && [...f[name]].length > max
    ? malformed(name, `is longer than ${max} characters`)
    : undefined;
}

function pattern(
  f: Record<string, string>,
  name: string,
  regex: RegExp,
  rule: string,
): GatewayError | undefined {
  return f[name] === undefined || regex.test(f[name])
    ? undefined
    : malformed(name, rule);
}

function url(
  f: Record<string, string>,
  name: string,
): GatewayError | undefined {
  const tooLong = maxLength(f, name, 200);
  if (tooLong) return tooLong;
  try {
    const parsed = new URL(f[name]);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:')
      return undefined;
  } catch {
    // reported below
  }
  return malformed(name, 'must be an absolute http(s) URL');
}

function malformed(name: string, rule: string): GatewayError {
  return gatewayError(CODES.MALFORMED_FIELD, `${name} ${rule}`);
}

function fail(
  code: string,
  message: string,
): { ok: false; error: GatewayError } {
  return { ok: false, error: gatewayError(code, message) };
}
