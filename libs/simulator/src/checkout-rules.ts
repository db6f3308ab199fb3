import {
  parseTaipeiDateTime,
  type GatewayProfile,
  type PeriodType,
} from 'nestjs-twpay/protocol';
import {
  maxLength,
  malformed,
  oneOf,
  pattern,
  positiveInteger,
  url,
} from './field-checks.js';
import {
  GATEWAY_ERROR_CODES as CODES,
  gatewayError,
  type GatewayError,
} from './gateway-errors.js';

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

/** BNPL orders start at NT$3,000 (ECPAY-SDKPHP CreateBnplOrder: "金額須大於2999", docs/gateway-protocol.md §8). */
const BNPL_MINIMUM_AMOUNT = 3000;

/** Fields every order must carry (docs/gateway-protocol.md §5.1; CheckMacValue is checked on its own). */
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

/** Optional URL fields and their String(200) limit (docs/gateway-protocol.md §5.1). */
const OPTIONAL_URL_FIELDS = [
  'OrderResultURL',
  'ClientBackURL',
  'ItemURL',
  'PeriodReturnURL',
  'PaymentInfoURL',
  'ClientRedirectURL',
] as const;

/** CustomField1..4: String(50), letters, digits and only `,.#()$[];%{}:/?&@<>!` (docs/gateway-protocol.md §5.1). */
const CUSTOM_FIELD_TEXT = /^[\p{L}\p{N} ,.#()$[\];%{}:/?&@<>!]*$/u;

/** Fields that cannot be combined with a periodic order (ECDOC-2868, docs/gateway-protocol.md §5.1). */
const NOT_WITH_PERIODIC: ReadonlyArray<
  readonly [field: string, inactive: readonly string[]]
> = [
  ['CreditInstallment', ['', '0']],
  ['Redeem', ['', 'N']],
  ['UnionPay', ['', '0', '2']],
];

/**
 * The first AioCheckOut rule the posted fields break (docs/gateway-protocol.md §5.1, 8, 10): required fields,
 * formats and lengths, optional fields, options the simulator does not model, and the BNPL or
 * periodic rules. The merchant, the CheckMacValue and the MerchantTradeNo's uniqueness are checked by
 * the caller, which knows the gateway's state.
 */
export function firstError(
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
export function isPeriodic(f: Record<string, string>): boolean {
  return PERIOD_FIELDS.some((name) => (f[name] ?? '') !== '');
}
