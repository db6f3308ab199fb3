import { PaymentsErrorCode } from '../errors/payments-error-code.js';
import { NotificationRejectedError } from '../errors/payments.error.js';
import { PAYMENTS_MESSAGES } from '../errors/payments.messages.js';
import { parseTaipeiDateTime } from '../protocol/taipei-time.js';

/**
 * A notification's `yyyy/MM/dd HH:mm:ss` (Asia/Taipei) date as an instant. The DTO has already checked
 * the shape; this rejects a date that does not exist, such as `2024/02/30 10:00:00`.
 *
 * @throws NotificationRejectedError (malformed) when the date does not exist
 * @internal
 */
export function readNotificationDate(field: string, value: string): Date {
  const date = parseTaipeiDateTime(value);
  if (!date) {
    throw new NotificationRejectedError(
      PaymentsErrorCode.MALFORMED_NOTIFICATION,
      PAYMENTS_MESSAGES.notARealDate(field, value),
    );
  }
  return date;
}
