import { IsDefined, IsOptional, ValidateIf } from 'class-validator';
import { GatewayRules as R } from './gateway-field-rules.js';

/**
 * The first authorization's result on ReturnURL, validated after the CheckMacValue (REFERENCE.md 6.1).
 * The NeedExtraPaidInfo extras arrive lower-case (`gwsr`, `process_date`, `auth_code`, `card4no`…);
 * property names here are the PascalCase ones and are read in any casing.
 *
 * @internal
 */
export class ReturnNotificationDto {
  @R.merchantTradeNo()
  MerchantTradeNo: string;

  @IsDefined({ message: 'RtnCode is required' })
  @R.digits('RtnCode')
  RtnCode: string;

  @ValidateIf((o: ReturnNotificationDto) => o.RtnMsg !== undefined)
  @R.maxLength('RtnMsg', 200)
  RtnMsg?: string;

  /** Required for a success: the first authorization's gateway trade number. */
  @ValidateIf(
    (o: ReturnNotificationDto) => o.RtnCode === '1' || o.TradeNo !== undefined,
  )
  @IsDefined({ message: 'TradeNo is required when RtnCode is 1' })
  @R.maxLength('TradeNo', 20)
  TradeNo?: string;

  @IsDefined({ message: 'TradeAmt is required' })
  @R.digits('TradeAmt')
  TradeAmt: string;

  @ValidateIf(
    (o: ReturnNotificationDto) => o.RtnCode === '1' || !!o.PaymentDate,
  )
  @IsDefined({ message: 'PaymentDate is required when RtnCode is 1' })
  @R.dateTime('PaymentDate')
  PaymentDate?: string;

  @ValidateIf((o: ReturnNotificationDto) => !!o.TradeDate)
  @R.dateTime('TradeDate')
  TradeDate?: string;

  @ValidateIf((o: ReturnNotificationDto) => o.PaymentType !== undefined)
  @R.maxLength('PaymentType', 40)
  PaymentType?: string;

  @R.simulatePaid()
  SimulatePaid?: string;

  @ValidateIf((o: ReturnNotificationDto) => !!o.gwsr)
  @R.digits('gwsr')
  gwsr?: string;

  @ValidateIf((o: ReturnNotificationDto) => !!o.process_date)
  @R.dateTime('process_date')
  process_date?: string;

  @ValidateIf((o: ReturnNotificationDto) => o.auth_code !== undefined)
  @R.maxLength('auth_code', 10)
  auth_code?: string;

  @ValidateIf(
    (o: ReturnNotificationDto) =>
      o.TotalSuccessTimes !== undefined && o.TotalSuccessTimes !== '',
  )
  @R.digits('TotalSuccessTimes')
  TotalSuccessTimes?: string;

  @IsOptional()
  @R.maxLength('card4no', 4)
  card4no?: string;

  @IsOptional()
  @R.maxLength('card6no', 6)
  card6no?: string;
}
