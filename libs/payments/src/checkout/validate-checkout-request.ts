import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import {
  PaymentsConfigError,
  PaymentsValidationError,
  type FieldViolation,
} from '../errors/payments.error.js';
import {
  GATEWAY_PROFILES,
  type GatewayName,
} from '../protocol/gateway-profile.js';

/**
 * Turns plain input (a request body, a service argument) into a validated instance of a checkout DTO
 * for one gateway, or throws a {@link PaymentsValidationError} listing every broken rule.
 *
 * - The DTO's gateway-specific rules run for `gateway` only (validation group `gateway`); every other
 *   rule runs always.
 * - Nothing is coerced: `"299"` is not a number, `null` is not an absent field.
 * - Unknown fields are errors, not dropped, so a misspelt optional field cannot go unnoticed; the same
 *   holds inside nested objects.
 * - Each property reports its first broken rule only. Violations name the field by its dotted path,
 *   e.g. `invoice.items[1].price`.
 *
 * Validation is synchronous: the checkout DTOs have no asynchronous rules.
 *
 * @param dtoClass the DTO class, e.g. `CreatePeriodicPaymentDto`
 * @param input the untrusted input
 * @param gateway the gateway the order goes to
 * @returns the DTO instance, with the DTO's defaults applied
 * @throws PaymentsValidationError when a rule is broken
 * @publicApi
 */
export function validateCheckoutRequest<T extends object>(
  dtoClass: new () => T,
  input: unknown,
  gateway: GatewayName,
): T {
  if (!Object.hasOwn(GATEWAY_PROFILES, gateway)) {
    throw new PaymentsConfigError(
      'gateway',
      `gateway must be allpay or ecpay, got ${String(gateway)}`,
    );
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new PaymentsValidationError([
      { field: '', rule: 'isObject', message: 'the request must be an object' },
    ]);
  }
  // exposeUnsetFields: false keeps a property initializer's default when the input has `undefined`.
  const instance = plainToInstance(dtoClass, input, {
    exposeUnsetFields: false,
  });
  const errors = validateSync(instance, {
    groups: [gateway],
    always: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
  });
  const violations = toFieldViolations(errors, '');
  if (violations.length > 0) throw new PaymentsValidationError(violations);
  return instance;
}

function toFieldViolations(
  errors: readonly ValidationError[],
  parentPath: string,
): FieldViolation[] {
  return errors.flatMap((error) => {
    const path = joinPath(parentPath, error.property);
    const own = Object.entries(error.constraints ?? {}).map(
      ([rule, message]) => {
        const reportAt = (
          error.contexts?.[rule] as { reportAt?: string } | undefined
        )?.reportAt;
        return reportAt
          ? { field: joinPath(parentPath, reportAt), rule, message }
          : {
              field: path,
              rule,
              message: qualify(message, rule, error.property, path),
            };
      },
    );
    return [...own, ...toFieldViolations(error.children ?? [], path)];
  });
}

/** `items` + `1` → `items[1]`; `invoice` + `items` → `invoice.items`. */
function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/**
 * class-validator names a nested field by its own name only (`price must be…`); the message is
 * rewritten to carry the full path (`invoice.items[1].price must be…`).
 */
function qualify(
  message: string,
  rule: string,
  property: string,
  path: string,
): string {
  if (rule === 'whitelistValidation') return `${path} is not an accepted field`;
  if (rule === 'nestedValidation') return `${path} must be an object`;
  if (message.startsWith(`${property} `))
    return path + message.slice(property.length);
  const each = `each value in ${property} `;
  if (message.startsWith(each))
    return `each value in ${path} ` + message.slice(each.length);
  return message;
}
