import { IsDefined, ValidateIf } from 'class-validator';
import { GatewayRules as R } from './gateway-field-rules.js';

/**
 * A later authorization's result on PeriodReturnURL (REFERENCE.md 6.2): PascalCase names, no
 * TradeNo, `Gwsr` identifies the charge. Read in any casing.
 *
 * @internal
 */
export class PeriodNotificationDto {
  @R.merchantTradeNo()
  MerchantTradeNo: string;

  @IsDefined({ message: 'RtnCode is required' })
  @R.digits('RtnCode')
  RtnCode: string;

  @ValidateIf((o: PeriodNotificationDto) => o.RtnMsg !== undefined)
  @R.maxLength('RtnMsg', 200)
  RtnMsg?: string;

  @IsDefined({ message: 'Amount is required' })
  @R.digits('Amount')
  Amount: string;

  @IsDefined({ message: 'Gwsr is required (it identifies the charge)' })
  @R.digits('Gwsr')
  Gwsr: string;

  @IsDefined({ message: 'ProcessDate is required' })
  @R.dateTime('ProcessDate')
  ProcessDate: string;

  @ValidateIf((o: PeriodNotificationDto) => o.AuthCode !== undefined)
  @R.maxLength('AuthCode', 10)
  AuthCode?: string;

  @IsDefined({ message: 'TotalSuccessTimes is required' })
  @R.digits('TotalSuccessTimes')
  TotalSuccessTimes: string;

  @R.simulatePaid()
  SimulatePaid?: string;
}
