import { IsDefined } from 'class-validator';
import {
  Digits,
  GatewayDateTime,
  MaxChars,
  SimulatePaidFlag,
  Optional,
} from '../../validation/field-rules.js';
import { GatewayResultDto } from './gateway-result.dto.js';

/**
 * A later authorization's result on PeriodReturnURL (REFERENCE.md 6.2): PascalCase names, no
 * TradeNo, `Gwsr` identifies the charge. Read in any casing.
 *
 * @internal
 */
export class PeriodNotificationDto extends GatewayResultDto {
  @IsDefined({ message: 'Amount is required' })
  @Digits()
  Amount: string;

  @IsDefined({ message: 'Gwsr is required (it identifies the charge)' })
  @Digits()
  Gwsr: string;

  @IsDefined({ message: 'ProcessDate is required' })
  @GatewayDateTime()
  ProcessDate: string;

  @Optional()
  @MaxChars(10)
  AuthCode?: string;

  @IsDefined({ message: 'TotalSuccessTimes is required' })
  @Digits()
  TotalSuccessTimes: string;

  @SimulatePaidFlag()
  SimulatePaid?: string;
}
