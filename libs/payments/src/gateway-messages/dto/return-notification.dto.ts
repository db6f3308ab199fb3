import { IsDefined, ValidateIf } from 'class-validator';
import { COLUMN_LENGTHS } from '../../domain/column-lengths.js';
import {
  Digits,
  GatewayDateTime,
  MaxChars,
  SimulatePaidFlag,
  Optional,
  OptionalOrEmpty,
  StoredWholeNumber,
} from '../../validation/field-rules.js';
import { GatewayResultDto } from './gateway-result.dto.js';

/**
 * The first authorization's result on ReturnURL, validated after the CheckMacValue (docs/gateway-protocol.md §6.1).
 * The NeedExtraPaidInfo extras arrive lower-case (`gwsr`, `process_date`, `auth_code`, `card4no`…);
 * property names here are the PascalCase ones and are read in any casing.
 *
 * @internal
 */
export class ReturnNotificationDto extends GatewayResultDto {
  /** Required for a success: the first authorization's gateway trade number. */
  @ValidateIf(
    (o: ReturnNotificationDto) => o.RtnCode === '1' || o.TradeNo !== undefined,
  )
  @IsDefined({ message: 'TradeNo is required when RtnCode is 1' })
  @MaxChars(20)
  TradeNo?: string;

  @IsDefined({ message: 'TradeAmt is required' })
  @StoredWholeNumber()
  TradeAmt: string;

  @ValidateIf(
    (o: ReturnNotificationDto) => o.RtnCode === '1' || !!o.PaymentDate,
  )
  @IsDefined({ message: 'PaymentDate is required when RtnCode is 1' })
  @GatewayDateTime()
  PaymentDate?: string;

  @OptionalOrEmpty()
  @GatewayDateTime()
  TradeDate?: string;

  @Optional()
  @MaxChars(40)
  PaymentType?: string;

  @SimulatePaidFlag()
  SimulatePaid?: string;

  @OptionalOrEmpty()
  @Digits()
  @MaxChars(COLUMN_LENGTHS.gwsr)
  gwsr?: string;

  @OptionalOrEmpty()
  @GatewayDateTime()
  process_date?: string;

  @Optional()
  @MaxChars(10)
  auth_code?: string;

  @OptionalOrEmpty()
  @StoredWholeNumber()
  TotalSuccessTimes?: string;

  @Optional()
  @MaxChars(4)
  card4no?: string;

  @Optional()
  @MaxChars(6)
  card6no?: string;
}
