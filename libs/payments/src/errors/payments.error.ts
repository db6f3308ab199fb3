import { PaymentsErrorCode } from './payments-error-code.js';

/**
 * Base class of every error thrown by nestjs-twpay. Messages name the field or option and the rule
 * that was broken, and never contain a HashKey or HashIV.
 *
 * @publicApi
 */
export class PaymentsError extends Error {
  constructor(
    readonly code: PaymentsErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * A module option is missing or malformed. Thrown while the app boots, never on the first callback.
 *
 * @publicApi
 */
export class PaymentsConfigError extends PaymentsError {
  constructor(
    /** The option's path, e.g. `merchants[0].hashKey`. */
    readonly option: string,
    message: string,
  ) {
    super(PaymentsErrorCode.INVALID_CONFIGURATION, message);
  }
}

/**
 * One rule a field broke, as the validation layer reports it.
 *
 * @publicApi
 */
export interface FieldViolation {
  field: string;
  rule: string;
  message: string;
}

/**
 * Input to a service method broke the gateway's rules. `violations` lists each field and rule.
 *
 * @publicApi
 */
export class PaymentsValidationError extends PaymentsError {
  constructor(readonly violations: FieldViolation[]) {
    super(
      PaymentsErrorCode.INVALID_REQUEST,
      `Invalid payment request: ${violations.map((v) => v.message).join('; ')}`,
    );
  }
}

/**
 * The configured gateway has no such operation (for example BNPL or CreditCardPeriodAction at AllPay).
 *
 * @publicApi
 */
export class UnsupportedByGatewayError extends PaymentsError {
  constructor(message: string) {
    super(PaymentsErrorCode.UNSUPPORTED_BY_GATEWAY, message);
  }
}

/**
 * A record the caller named does not exist.
 *
 * @publicApi
 */
export class PaymentsNotFoundError extends PaymentsError {
  constructor(message: string) {
    super(PaymentsErrorCode.NOT_FOUND, message);
  }
}

/**
 * The gateway answered a query or action with an error, or could not be reached.
 *
 * @publicApi
 */
export class GatewayRequestError extends PaymentsError {
  constructor(
    message: string,
    /** The gateway's RtnCode, when it answered with one. */
    readonly rtnCode?: string,
    /** The gateway's RtnMsg, when it answered with one. */
    readonly rtnMsg?: string,
    options?: { cause?: unknown },
  ) {
    super(PaymentsErrorCode.GATEWAY_REQUEST_FAILED, message, options);
  }
}

/**
 * The codes a refused notification can carry: the inbox row's `reasonCode` and the
 * `twpay.notification.rejected` event's `code`.
 *
 * @publicApi
 */
export type NotificationRejectionCode =
  | PaymentsErrorCode.CHECK_MAC_VALUE_MISMATCH
  | PaymentsErrorCode.UNKNOWN_MERCHANT
  | PaymentsErrorCode.UNKNOWN_ORDER
  | PaymentsErrorCode.MERCHANT_MISMATCH
  | PaymentsErrorCode.AMOUNT_MISMATCH
  | PaymentsErrorCode.MALFORMED_NOTIFICATION;

/**
 * A notification that will never be valid (bad CheckMacValue, unknown merchant or order, wrong amount,
 * malformed field). Thrown while a notification is applied: the transaction rolls back, the inbox row
 * is marked `rejected` with this code and message, and the gateway gets `0|<message>` with a 4xx.
 *
 * @publicApi
 */
export class NotificationRejectedError extends PaymentsError {
  declare readonly code: NotificationRejectionCode;

  constructor(code: NotificationRejectionCode, message: string) {
    super(code, message);
  }
}

/**
 * An order changed between the moment a change was decided and the moment it was written (a
 * compare-and-set on the row's version failed). Nothing was written; the notification is re-applied
 * against the new state.
 *
 * @publicApi
 */
export class ConcurrentUpdateError extends PaymentsError {
  constructor(message: string) {
    super(PaymentsErrorCode.CONCURRENT_UPDATE, message);
  }
}
