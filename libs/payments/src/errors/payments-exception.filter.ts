import {
  Catch,
  HttpStatus,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import { PaymentsErrorCode } from './payments-error-code.js';
import { PaymentsError, PaymentsValidationError } from './payments.error.js';

const STATUS_BY_CODE: Partial<Record<PaymentsErrorCode, HttpStatus>> = {
  [PaymentsErrorCode.INVALID_REQUEST]: HttpStatus.BAD_REQUEST,
  [PaymentsErrorCode.UNSUPPORTED_BY_GATEWAY]: HttpStatus.BAD_REQUEST,
  [PaymentsErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [PaymentsErrorCode.UNKNOWN_ORDER]: HttpStatus.NOT_FOUND,
  [PaymentsErrorCode.GATEWAY_REQUEST_FAILED]: HttpStatus.BAD_GATEWAY,
};

/**
 * Maps the module's errors to JSON HTTP answers for an app's own API: validation errors become 400
 * with one entry per field and rule, a missing record 404, a gateway failure 502, anything else 500.
 * The services stay transport-free; apply this filter where they are called from a controller.
 *
 * @example @UseFilters(PaymentsExceptionFilter)
 * @publicApi
 */
@Catch(PaymentsError)
export class PaymentsExceptionFilter implements ExceptionFilter {
  catch(error: PaymentsError, host: ArgumentsHost): void {
    const status =
      STATUS_BY_CODE[error.code] ?? HttpStatus.INTERNAL_SERVER_ERROR;
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(status)
      .json({
        statusCode: status,
        code: error.code,
        message: error.message,
        ...(error instanceof PaymentsValidationError
          ? { errors: error.violations }
          : {}),
      });
  }
}
