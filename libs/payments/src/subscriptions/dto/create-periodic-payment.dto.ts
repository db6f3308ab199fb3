import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import type {
  CheckoutLanguage,
  DeviceSource,
  PeriodicCheckoutOrder,
} from '../../protocol/build-periodic-checkout-fields.js';
import type { GatewayName } from '../../protocol/gateway-profile.js';
import { parseTaipeiDateTime } from '../../protocol/taipei-time.js';
import { MERCHANT_ID_PATTERN } from '../../protocol/identifier-patterns.js';
import type { PeriodType } from '../../domain/subscription-status.js';
import {
  composeDecorators,
  IntegerBetween,
  IsInAt,
  MAX_INTEGER,
  NoControlCharacters,
  NotBlank,
  OnlyAt,
  Optional,
  Required,
  Rule,
} from '../../validation/field-rules.js';
import { CheckoutOrderDto } from '../../checkout/dto/checkout-order.dto.js';
import { PeriodicInvoiceDto } from './periodic-invoice.dto.js';

type PeriodLimits = Readonly<
  Record<
    PeriodType,
    Readonly<Record<'frequency' | 'execTimes', { min: number; max: number }>>
  >
>;

/**
 * The allowed `frequency` and `execTimes` for each `periodType` at each gateway, inclusive.
 * `execTimes` counts every charge, the first (checkout) one included. Sources
 * (docs/gateway-protocol.md §5.1 and §12.4):
 *
 * - `frequency`, both gateways, and `execTimes` at AllPay: the AllPay documentation (§5.1);
 * - `execTimes` at ECPay: ECPay's own error texts 10100226-10100228 (§12.4), "ExecTimes between 2
 *   and 999" for D and M and "between 2 and 99" for Y, which a stage order with ExecTimes=999
 *   confirms; they are wider than the documentation's M ≤ 99 and Y ≤ 9.
 *
 * @publicApi
 */
export const PERIOD_LIMITS: Readonly<Record<GatewayName, PeriodLimits>> = {
  allpay: {
    D: { frequency: { min: 1, max: 365 }, execTimes: { min: 2, max: 999 } },
    M: { frequency: { min: 1, max: 12 }, execTimes: { min: 2, max: 99 } },
    Y: { frequency: { min: 1, max: 1 }, execTimes: { min: 2, max: 9 } },
  },
  ecpay: {
    D: { frequency: { min: 1, max: 365 }, execTimes: { min: 2, max: 999 } },
    M: { frequency: { min: 1, max: 12 }, execTimes: { min: 2, max: 999 } },
    Y: { frequency: { min: 1, max: 1 }, execTimes: { min: 2, max: 99 } },
  },
};

/** The seed page allows an ExpireTime up to 72 hours after the order is sent (docs/gateway-protocol.md §5.1). */
const EXPIRE_TIME_WINDOW_MS = 72 * 60 * 60 * 1000;

function periodLimit(
  gateway: GatewayName,
  dto: CreatePeriodicPaymentDto,
  field: 'frequency' | 'execTimes',
) {
  return Object.hasOwn(PERIOD_LIMITS[gateway], dto.periodType)
    ? PERIOD_LIMITS[gateway][dto.periodType][field]
    : undefined;
}

/**
 * `frequency` and `execTimes` depend on `periodType` and on the gateway (validation group); an
 * unknown periodType is reported on its own.
 */
function WithinPeriodLimits(
  field: 'frequency' | 'execTimes',
): PropertyDecorator {
  return composeDecorators(
    ...(Object.keys(PERIOD_LIMITS) as GatewayName[]).map((gateway) =>
      Rule<CreatePeriodicPaymentDto>(
        'withinPeriodLimits',
        (value: number, dto) => {
          const limit = periodLimit(gateway, dto, field);
          return !limit || (value >= limit.min && value <= limit.max);
        },
        ({ object }) => {
          const dto = object as CreatePeriodicPaymentDto;
          const { min, max } = periodLimit(gateway, dto, field)!;
          const range =
            min === max ? `be ${min}` : `be between ${min} and ${max}`;
          return `$property must ${range} when periodType is ${dto.periodType}`;
        },
        { groups: [gateway] },
      ),
    ),
  );
}

/**
 * Σ price × count over the invoice items, or `undefined` until every item's price and count are
 * valid on their own (their own rules report that), so one mistake gives one message. Summed as
 * BigInt, so the total stays exact however large the items are.
 */
function invoiceTotal(invoice: unknown): bigint | undefined {
  const items = (invoice as PeriodicInvoiceDto | undefined)?.items;
  if (!Array.isArray(items) || items.length === 0) return undefined;
  let total = 0n;
  for (const item of items as unknown[]) {
    const { price, count } = (item ?? {}) as Partial<
      Record<'price' | 'count', unknown>
    >;
    if (!isSafeIntegerFrom(price, 0) || !isSafeIntegerFrom(count, 1))
      return undefined;
    total += BigInt(price) * BigInt(count);
  }
  return total;
}

function isSafeIntegerFrom(value: unknown, min: number): value is number {
  return Number.isSafeInteger(value) && (value as number) >= min;
}

function toInstant(value: unknown): Date | undefined {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? undefined : value;
  return typeof value === 'string' ? parseTaipeiDateTime(value) : undefined;
}

/** ClientBackURL and ItemURL: String(200), and http(s) so a browser can follow them. */
function HttpUrl(): PropertyDecorator {
  return composeDecorators(
    IsString(),
    IsUrl(
      {
        protocols: ['http', 'https'],
        require_protocol: true,
        require_tld: false,
      },
      { message: '$property must be an http or https URL' },
    ),
    MaxLength(200),
  );
}

/**
 * A credit-card periodic fixed-amount order (信用卡定期定額): the first charge happens at checkout,
 * then the gateway charges `periodAmount` every `frequency` `periodType`s until `execTimes` charges
 * in all (docs/gateway-protocol.md section 5). Validate it with `validateCheckoutRequest(CreatePeriodicPaymentDto,
 * input, gateway)`: several rules depend on the gateway.
 *
 * The order's `TotalAmount` is always `periodAmount`; it is not an input. `ReturnURL`,
 * `PeriodReturnURL` and `OrderResultURL` come from the module's own routes. Once validated, it is the
 * {@link PeriodicCheckoutOrder} that `buildPeriodicCheckoutFields()` of `nestjs-twpay/protocol` posts.
 *
 * @publicApi
 */
export class CreatePeriodicPaymentDto
  extends CheckoutOrderDto
  implements PeriodicCheckoutOrder
{
  /**
   * The amount of every charge in whole TWD, at least 1. Posted as both `PeriodAmount` and
   * `TotalAmount`, which the gateways require to be equal. With an `invoice`, its items' Σ price ×
   * count must equal this amount (docs/gateway-protocol.md section 11.4).
   */
  @Rule<CreatePeriodicPaymentDto>(
    'invoiceTotal',
    (amount: number, dto) => {
      const total = invoiceTotal(dto.invoice);
      return total === undefined || total === BigInt(amount);
    },
    ({ object }) => {
      const dto = object as CreatePeriodicPaymentDto;
      return `invoice.items must add up to periodAmount (${dto.periodAmount}): Σ price × count is ${invoiceTotal(dto.invoice)}`;
    },
    // Reported where the fix belongs; checked here because only the order knows the amount.
    { context: { reportAt: 'invoice.items' } },
  )
  @IntegerBetween(1, MAX_INTEGER)
  @Required()
  periodAmount: number;

  /** How often the card is charged: every `frequency` `D` days, `M` months or `Y` years. */
  @IsIn(Object.keys(PERIOD_LIMITS.allpay), {
    message: '$property must be one of D, M, Y',
  })
  @Required()
  periodType: PeriodType;

  /**
   * Charge every `frequency` periods: 1-365 for `D`, 1-12 for `M`, exactly 1 for `Y`.
   * @example periodType 'M' with frequency 6 charges every six months
   */
  @WithinPeriodLimits('frequency')
  @IsInt()
  @Required()
  frequency: number;

  /**
   * Number of charges in all, the first one included: 2-999 for `D` at both gateways; 2-99 for `M`
   * and 2-9 for `Y` at AllPay, 2-999 for `M` and 2-99 for `Y` at ECPay ({@link PERIOD_LIMITS}).
   */
  @WithinPeriodLimits('execTimes')
  @IsInt()
  @Required()
  execTimes: number;

  /** Payment page language: `ENG` at AllPay; `ENG`, `KOR`, `JPN` or `CHI` at ECPay. Chinese if left out. */
  @IsInAt({ allpay: ['ENG'], ecpay: ['ENG', 'KOR', 'JPN', 'CHI'] })
  @Optional()
  language?: CheckoutLanguage;

  /**
   * `ClientBackURL`: the "back to shop" button on the gateway's own result page; it carries no result.
   * Only with `browserResult: false`, because the gateways ignore it once `OrderResultURL` is posted
   * (docs/gateway-protocol.md section 10, pitfall 15).
   */
  @Rule<CreatePeriodicPaymentDto>(
    'needsGatewayResultPage',
    (_value, dto) => dto.browserResult === false,
    '$property needs browserResult false: the gateway ignores ClientBackURL when it posts the result back (OrderResultURL)',
  )
  @HttpUrl()
  @Optional()
  clientBackUrl?: string;

  /** `ItemURL`: the product page, http(s), up to 200 characters. */
  @HttpUrl()
  @Optional()
  itemUrl?: string;

  /**
   * `true`: after the first charge the gateway posts the result through the buyer's browser to this
   * module's order-result route (`OrderResultURL`), which redirects to the app's `browserReturnUrl`.
   * `false`: the buyer stays on the gateway's own result page; use `clientBackUrl` for its button.
   * The signed server notification to `ReturnURL` is sent either way and is what counts.
   * @default true
   */
  @IsBoolean()
  browserResult: boolean = true;

  /** `NeedExtraPaidInfo=Y`: the notifications carry extra card details (docs/gateway-protocol.md section 6.1). */
  @IsBoolean()
  @Optional()
  needExtraPaidInfo?: boolean;

  /**
   * `DeviceSource` at AllPay: `P` desktop or `M` mobile layout; detected when left out. ECPay detects
   * the device itself and it is rejected there (docs/gateway-protocol.md section 5.1).
   */
  @IsIn(['P', 'M'], { message: '$property must be P or M' })
  @OnlyAt('allpay', 'ECPay detects the device itself')
  @Optional()
  deviceSource?: DeviceSource;

  /**
   * `PlatformID`, for platform merchants (特約合作平台商) only, up to 10 letters or digits. Usually
   * configured on the merchant instead; if both are set they must agree, because the request is then
   * signed with the platform's keys (docs/gateway-protocol.md section 10, pitfall 16).
   */
  @Matches(MERCHANT_ID_PATTERN, {
    message: '$property must be 1 to 10 letters or digits',
  })
  @IsString()
  @Optional()
  platformId?: string;

  /**
   * `ExpireTime` at AllPay: the payment deadline, a `Date` or an Asia/Taipei `yyyy/MM/dd HH:mm:ss`
   * string, later than now and at most 72 hours ahead; AllPay's default is 72 hours. ECPay has no such
   * parameter (docs/gateway-protocol.md section 5.1).
   */
  @Rule(
    'within72Hours',
    (value) => {
      const at = toInstant(value)!.getTime();
      const now = Date.now();
      return at > now && at <= now + EXPIRE_TIME_WINDOW_MS;
    },
    '$property must be later than now and at most 72 hours from now',
  )
  @Rule(
    'isGatewayDateTime',
    (value) => toInstant(value) !== undefined,
    '$property must be a valid Date or an Asia/Taipei "yyyy/MM/dd HH:mm:ss" string',
  )
  @OnlyAt('allpay', 'ECPay has no ExpireTime')
  @Optional()
  expireTime?: Date | string;

  /** `Remark`, up to 100 characters. */
  @MaxLength(100)
  @NoControlCharacters()
  @NotBlank()
  @IsString()
  @Optional()
  remark?: string;

  /**
   * Have the gateway issue an e-invoice (`InvoiceMark=Y`). See {@link PeriodicInvoiceDto} for the
   * state of this feature at AllPay.
   */
  @ValidateNested()
  @Type(() => PeriodicInvoiceDto)
  @IsObject({ message: '$property must be an object' })
  @Optional()
  invoice?: PeriodicInvoiceDto;
}
