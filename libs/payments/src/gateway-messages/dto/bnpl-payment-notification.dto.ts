import { ValidateIf } from 'class-validator';
import { GatewayRules as R } from './gateway-field-rules.js';
import { ReturnNotificationDto } from './return-notification.dto.js';

/**
 * A BNPL order's payment result on ReturnURL: a ReturnURL payment result (REFERENCE.md 6.1, 8) that
 * may also carry the application's BNPLTradeNo and BNPLInstallment. Read in any casing.
 *
 * @internal
 */
export class BnplPaymentNotificationDto extends ReturnNotificationDto {
  @ValidateIf((o: BnplPaymentNotificationDto) => !!o.BNPLTradeNo)
  @R.maxLength('BNPLTradeNo', 64)
  BNPLTradeNo?: string;

  @ValidateIf((o: BnplPaymentNotificationDto) => !!o.BNPLInstallment)
  @R.installments('BNPLInstallment')
  BNPLInstallment?: string;
}
