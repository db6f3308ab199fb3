import { IsDefined } from 'class-validator';
import { COLUMN_LENGTHS } from '../../domain/column-lengths.js';
import {
  AbsentOnThisRoute,
  Digits,
  GatewayDateTime,
  MaxChars,
  SimulatePaidFlag,
  StoredWholeNumber,
  Optional,
} from '../../validation/field-rules.js';
import { GatewayResultDto } from './gateway-result.dto.js';

const ONLY_PERIOD_BODIES =
  'notify/period takes PeriodReturnURL bodies only; a first authorization goes to notify/return';

/**
 * A later authorization's result on PeriodReturnURL (docs/gateway-protocol.md §6.2): PascalCase names, no
 * TradeNo, `Gwsr` identifies the charge. Read in any casing.
 *
 * @internal
 */
export class PeriodNotificationDto extends GatewayResultDto {
  @IsDefined({ message: 'Amount is required' })
  @StoredWholeNumber()
  Amount: string;

  @IsDefined({ message: 'Gwsr is required (it identifies the charge)' })
  @Digits()
  @MaxChars(COLUMN_LENGTHS.gwsr)
  Gwsr: string;

  @IsDefined({ message: 'ProcessDate is required' })
  @GatewayDateTime()
  ProcessDate: string;

  @Optional()
  @MaxChars(10)
  AuthCode?: string;

  @IsDefined({ message: 'TotalSuccessTimes is required' })
  @StoredWholeNumber()
  TotalSuccessTimes: string;

  @SimulatePaidFlag()
  SimulatePaid?: string;

  // A first authorization's body (ReturnURL) carries these; a PeriodReturnURL body never does. Its
  // NeedExtraPaidInfo extras (gwsr, process_date, amount) would otherwise read as a later period's.
  @AbsentOnThisRoute(ONLY_PERIOD_BODIES)
  TradeNo?: undefined;

  @AbsentOnThisRoute(ONLY_PERIOD_BODIES)
  TradeAmt?: undefined;

  @AbsentOnThisRoute(ONLY_PERIOD_BODIES)
  PaymentType?: undefined;

  @AbsentOnThisRoute(ONLY_PERIOD_BODIES)
  PaymentDate?: undefined;
}
