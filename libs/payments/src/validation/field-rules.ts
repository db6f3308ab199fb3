import {
  IsDefined,
  IsIn,
  IsInt,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import type { GatewayName } from '../protocol/gateway-profile.js';
import { MERCHANT_TRADE_NO_PATTERN } from '../protocol/identifier-patterns.js';

/*
 * The one set of class-validator building blocks: for the checkout DTOs (what an app sends) and for
 * the notification DTOs (what the gateway posts). Messages use `$property`, and every notification DTO
 * names its properties as the gateway names its fields, so a message names the field an operator sees
 * in the raw body.
 *
 * Two conventions hold in every checkout DTO:
 *
 * 1. class-validator runs a property's decorators bottom-up, and validateCheckoutRequest stops at a
 *    property's first error. Each stack therefore reads from the property upwards: presence, type,
 *    format, then the rules that look at other fields. A value of the wrong type gets one message,
 *    not a cascade, and a cross-field rule only ever sees a well-typed value.
 * 2. A rule that differs between the gateways carries the validation group of its gateway
 *    (`'allpay'` or `'ecpay'`); validateCheckoutRequest validates with `groups: [gateway]` and
 *    `always: true`, so every rule without a group runs for both. Groups were chosen over a validator
 *    that reads the gateway from the object being validated because class-validator has no per-call
 *    context: the gateway would have to be smuggled onto the DTO instance, and the DTO would then
 *    validate differently depending on hidden state.
 */

/** @internal Gateway names as they appear in messages. */
export const GATEWAY_LABELS: Readonly<Record<GatewayName, string>> = {
  allpay: 'AllPay',
  ecpay: 'ECPay',
};

const GATEWAYS = Object.keys(GATEWAY_LABELS) as GatewayName[];

/**
 * The largest amount, count or price accepted. Neither gateway documents a ceiling; this one keeps
 * every integer exact and `String(n)` free of exponents, so the posted value is what was signed.
 *
 * @internal
 */
export const MAX_INTEGER = Number.MAX_SAFE_INTEGER;

/** @internal Applies several decorators to one property; they run in the order given. */
export function composeDecorators(
  ...decorators: PropertyDecorator[]
): PropertyDecorator {
  return (target, key) =>
    decorators.forEach((decorate) => decorate(target, key));
}

/**
 * A rule written as a predicate over the value and the object that holds it. `name` becomes
 * {@link FieldViolation.rule}, so it must be unique among the rules of one property.
 *
 * @internal
 */
export function Rule<T extends object>(
  name: string,
  test: (value: any, object: T) => boolean,
  message: string | ((args: ValidationArguments) => string),
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown, args?: ValidationArguments) =>
          test(value, args?.object as T),
        defaultMessage: typeof message === 'string' ? () => message : message,
      },
    },
    options,
  );
}

/** @internal The property must be present and not `null`. */
export function Required(): PropertyDecorator {
  return IsDefined({ message: '$property is required' });
}

/**
 * The property may be left out (`undefined`). Unlike `@IsOptional()`, `null` is still validated and
 * rejected: an optional field is absent or valid, never `null`.
 *
 * @internal
 */
export function Optional(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

/**
 * The property is optional unless `when` holds for the object; then it is required. Use it in place
 * of {@link Optional}, at the bottom of the stack.
 *
 * @internal
 */
export function RequiredWhen<T extends object>(
  rule: string,
  when: (object: T) => boolean,
  condition: string,
): PropertyDecorator {
  return composeDecorators(
    ValidateIf((object, value) => value !== undefined || when(object as T)),
    Rule<T>(
      rule,
      (value, object) => value !== undefined || !when(object),
      `$property is required when ${condition}`,
    ),
  );
}

/** @internal An integer within `[min, max]`. */
export function IntegerBetween(min: number, max: number): PropertyDecorator {
  return composeDecorators(IsInt(), Min(min), Max(max));
}

/** @internal Text with something other than whitespace in it. */
export function NotBlank(): PropertyDecorator {
  return Rule(
    'notBlank',
    (value: string) => value.trim() !== '',
    '$property must not be empty',
  );
}

const CONTROL_CHARACTERS = /\p{Cc}/u;

/**
 * No line breaks or other control characters: they have broken AllPay's CheckMacValue check
 * (docs/gateway-protocol.md section 10, pitfall 3) and have no place in a one-line gateway field.
 *
 * @internal
 */
export function NoControlCharacters(): PropertyDecorator {
  return Rule(
    'noControlCharacters',
    (value: string) => !CONTROL_CHARACTERS.test(value),
    '$property must not contain line breaks or other control characters',
  );
}

/**
 * The property exists at `gateway` only; setting it for another gateway is an error rather than a
 * silently dropped field.
 *
 * @internal
 */
export function OnlyAt(
  gateway: GatewayName,
  reason: string,
): PropertyDecorator {
  return Rule(
    'supportedByGateway',
    () => false,
    `$property is supported by ${GATEWAY_LABELS[gateway]} only (${reason})`,
    { groups: GATEWAYS.filter((other) => other !== gateway) },
  );
}

/** @internal A maximum length that differs per gateway. */
export function MaxLengthAt(
  limits: Readonly<Record<GatewayName, number>>,
): PropertyDecorator {
  return composeDecorators(
    ...GATEWAYS.map((gateway) =>
      MaxLength(limits[gateway], {
        groups: [gateway],
        message: `$property must be at most ${limits[gateway]} characters at ${GATEWAY_LABELS[gateway]}`,
      }),
    ),
  );
}

/** @internal A set of allowed values that differs per gateway. */
export function IsInAt(
  values: Readonly<Record<GatewayName, readonly string[]>>,
): PropertyDecorator {
  return composeDecorators(
    ...GATEWAYS.map((gateway) =>
      IsIn([...values[gateway]], {
        groups: [gateway],
        message: `$property must be one of ${values[gateway].join(', ')} at ${GATEWAY_LABELS[gateway]}`,
      }),
    ),
  );
}

/**
 * The property may be left out or empty: gateways post an empty value for a field they leave unset,
 * and that is the same as leaving it out.
 *
 * @internal
 */
export function OptionalOrEmpty(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined && value !== '');
}

/** @internal 1 to 20 ASCII letters or digits, as `MerchantTradeNo` must be. */
export function IsMerchantTradeNo(): PropertyDecorator {
  return Rule(
    'isMerchantTradeNo',
    (value: unknown) =>
      typeof value === 'string' && MERCHANT_TRADE_NO_PATTERN.test(value),
    '$property must be 1 to 20 letters or digits',
  );
}

/** @internal Text of at most `max` characters. */
export function MaxChars(max: number): PropertyDecorator {
  return MaxLength(max, {
    message: `$property must be at most ${max} characters`,
  });
}

/**
 * A whole number as the gateways write amounts and counters in a notification: digits only, no sign
 * or decimals.
 *
 * @internal
 */
export function Digits(): PropertyDecorator {
  return Matches(/^\d{1,12}$/, {
    message: '$property must be a whole number (digits only)',
  });
}

/** The largest value an `integer` column holds on SQLite, PostgreSQL and MariaDB alike (int32). */
export const MAX_INTEGER_COLUMN_VALUE = 2_147_483_647;

/**
 * A count or an amount stored in an integer column: digits only, at most
 * {@link MAX_INTEGER_COLUMN_VALUE}. Why: a signed body can carry any number of digits; one its column
 * cannot hold would be answered `1|OK` and then fail on every re-apply.
 *
 * @internal
 */
export function StoredWholeNumber(): PropertyDecorator {
  return composeDecorators(
    Digits(),
    Rule(
      'storedWholeNumber',
      (value: unknown) =>
        typeof value !== 'string' ||
        !/^\d+$/.test(value) ||
        Number(value) <= MAX_INTEGER_COLUMN_VALUE,
      `$property must be at most ${MAX_INTEGER_COLUMN_VALUE}`,
    ),
  );
}

/**
 * A field that belongs to another callback route's body: its presence means the body was posted to
 * the wrong route (a ReturnURL body on PeriodReturnURL, say), which a valid CheckMacValue does not
 * rule out, because each body is signed on its own.
 *
 * @internal
 */
export function AbsentOnThisRoute(route: string): PropertyDecorator {
  return Rule(
    'absentOnThisRoute',
    (value: unknown) => value === undefined,
    `$property belongs to another route's body: ${route}`,
  );
}

/** @internal A gateway date and time, `yyyy/MM/dd HH:mm:ss` in Asia/Taipei. */
export function GatewayDateTime(): PropertyDecorator {
  return Matches(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/, {
    message: '$property must be a date in the form yyyy/MM/dd HH:mm:ss',
  });
}

/** @internal `BNPLInstallment`: String(2), a number of instalments (docs/gateway-protocol.md §8). */
export function Installments(): PropertyDecorator {
  return Matches(/^\d{1,2}$/, {
    message: '$property must be a number of instalments (1 or 2 digits)',
  });
}

/** @internal `SimulatePaid`: absent, `0` or `1`. */
export function SimulatePaidFlag(): PropertyDecorator {
  return composeDecorators(
    Optional(),
    IsIn(['0', '1'], { message: '$property must be 0 or 1 when present' }),
  );
}
