import { IsDefined } from 'class-validator';
import {
  Digits,
  IsMerchantTradeNo,
  MaxChars,
  Optional,
} from '../../validation/field-rules.js';
import { COLUMN_LENGTHS } from '../../domain/column-lengths.js';

/**
 * What every result the gateway posts about an order has: the order's MerchantTradeNo and the
 * result's RtnCode and RtnMsg (docs/gateway-protocol.md §6). Read in any casing.
 *
 * @internal
 */
export abstract class GatewayResultDto {
  @IsMerchantTradeNo()
  MerchantTradeNo: string;

  @IsDefined({ message: 'RtnCode is required' })
  @Digits()
  @MaxChars(COLUMN_LENGTHS.rtnCode)
  RtnCode: string;

  @Optional()
  @MaxChars(COLUMN_LENGTHS.rtnMsg)
  RtnMsg?: string;
}
