import { IsDefined, IsNotEmpty, Matches, ValidateIf } from 'class-validator';
import {
  MaxChars,
  Installments,
  OptionalOrEmpty,
  StoredWholeNumber,
} from '../../validation/field-rules.js';
import { GatewayResultDto } from './gateway-result.dto.js';

/**
 * A BNPL application result (ECDOC-37517, vector V8; docs/gateway-protocol.md §8): posted to PaymentInfoURL, and
 * perhaps to ReturnURL. Unlike a payment result it has no PaymentDate, PaymentTypeChargeFee or
 * SimulatePaid. Read in any casing. `RtnCode` `2`: the application is being processed (申請中);
 * anything else: it failed.
 *
 * @internal
 */
export class BnplApplicationNotificationDto extends GatewayResultDto {
  @OptionalOrEmpty()
  @MaxChars(20)
  TradeNo?: string;

  @IsDefined({ message: 'TradeAmt is required' })
  @StoredWholeNumber()
  TradeAmt: string;

  /** `BNPL_URICH` (裕富) and the like; RtnCode 2 means something else for ATM (docs/gateway-protocol.md §9). */
  @IsDefined({ message: 'PaymentType is required' })
  @Matches(/^BNPL_\w{1,15}$/i, {
    message:
      'PaymentType must be a BNPL payment type (BNPL_…): this route takes BNPL application results only',
  })
  PaymentType: string;

  /** The provider's application number, String(64): always sent with `RtnCode=2`. */
  @ValidateIf(
    (o: BnplApplicationNotificationDto) => o.RtnCode === '2' || !!o.BNPLTradeNo,
  )
  @IsNotEmpty({ message: 'BNPLTradeNo is required when RtnCode is 2' })
  @MaxChars(64)
  BNPLTradeNo?: string;

  @OptionalOrEmpty()
  @Installments()
  BNPLInstallment?: string;
}
