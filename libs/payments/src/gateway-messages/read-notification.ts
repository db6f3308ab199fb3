import { plainToInstance } from 'class-transformer';
import {
  getMetadataStorage,
  validateSync,
  type ValidationError,
} from 'class-validator';
import type { NotificationFields } from './notification-fields.js';
import { PaymentsErrorCode } from '../errors/payments-error-code.js';
import { NotificationRejectedError } from '../errors/payments.error.js';
import { PAYMENTS_MESSAGES } from '../errors/payments.messages.js';

/**
 * Reads the properties a DTO declares from the notification's fields (in any casing) and validates
 * them, rejecting the notification as malformed with every broken rule. Unknown fields are left
 * alone: they were covered by the CheckMacValue and stay in the inbox's raw body (docs/gateway-protocol.md §2.3: never whitelist).
 *
 * @internal
 */
export function readNotification<T extends object>(
  dtoClass: new () => T,
  fields: NotificationFields,
): T {
  // The callback path validates in memory before its transaction, then the handler reads the same
  // fields again inside it: the second read of the same fields as the same DTO is the first's result.
  const read = readsOf(fields);
  const known = read.get(dtoClass);
  if (known) return known as T;
  const value = validated(dtoClass, fields);
  read.set(dtoClass, value);
  return value;
}

const readsByFields = new WeakMap<NotificationFields, Map<Function, object>>();

function readsOf(fields: NotificationFields): Map<Function, object> {
  let reads = readsByFields.get(fields);
  if (!reads) {
    reads = new Map();
    readsByFields.set(fields, reads);
  }
  return reads;
}

function validated<T extends object>(
  dtoClass: new () => T,
  fields: NotificationFields,
): T {
  const plain: Record<string, string> = {};
  for (const property of declaredProperties(dtoClass)) {
    const value = fields.get(property);
    if (value !== undefined) plain[property] = value;
  }
  const value = plainToInstance(dtoClass, plain);
  const problems = validateSync(value, { forbidUnknownValues: false }).flatMap(
    messagesOf,
  );
  if (problems.length > 0) {
    throw new NotificationRejectedError(
      PaymentsErrorCode.MALFORMED_NOTIFICATION,
      PAYMENTS_MESSAGES.malformed(problems),
    );
  }
  return value;
}

function messagesOf(error: ValidationError): string[] {
  return [
    ...Object.values(error.constraints ?? {}),
    ...(error.children ?? []).flatMap(messagesOf),
  ];
}

const propertiesByClass = new WeakMap<Function, string[]>();

/** The properties a DTO declares validation rules for: the fields it reads. */
function declaredProperties(dtoClass: Function): string[] {
  let properties = propertiesByClass.get(dtoClass);
  if (!properties) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(
      dtoClass,
      '',
      true,
      false,
    );
    properties = [...new Set(metadata.map((m) => m.propertyName))];
    propertiesByClass.set(dtoClass, properties);
  }
  return properties;
}
