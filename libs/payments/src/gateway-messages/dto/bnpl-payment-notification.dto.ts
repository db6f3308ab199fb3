import {
  MaxChars,
  Installments,
  OptionalOrEmpty,
} from '../../validation/field-rules.js';
import { ReturnNotificationDto } from './return-notification.dto.js';

/**
 * A BNPL order's payment result on ReturnURL: a ReturnURL payment result (docs/gateway-protocol.md §6.1, 8) that
 * may also carry the application's BNPLTradeNo and BNPLInstallment. Read in any casing.
 *
 * @internal
 */
export class BnplPaymentNotificationDto extends ReturnNotificationDto {
  @OptionalOrEmpty()
  @MaxChars(64)
  BNPLTradeNo?: string;

  @OptionalOrEmpty()
  @Installments()
  BNPLInstallment?: string;
}
