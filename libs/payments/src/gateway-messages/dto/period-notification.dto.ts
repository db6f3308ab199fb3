import { IsDefined } from 'class-validator';
import {
  Digits,
  GatewayDateTime,
  IsMerchantTradeNo,
  MaxChars,
  SimulatePaidFlag,
  Optional,
} from '../../validation/field-rules.js';

/**
 * A later authorization's result on PeriodReturnURL (REFERENCE.md 6.2): PascalCase names, no
 * TradeNo, `Gwsr` identifies the charge. Read in any casing.
 *
 * @internal
 */
export class PeriodNotificationDto {
  @IsMerchantTradeNo()
  MerchantTradeNo: string;

  @IsDefined({ message: 'RtnCode is required' })
  @Digits()
  RtnCode: string;

  @Optional()
  @MaxChars(200)
  RtnMsg?: string;

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
