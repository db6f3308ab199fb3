import { applyDecorators } from '@nestjs/common';
import {
  IsIn,
  IsOptional,
  Matches,
  MaxLength,
  type ValidationOptions,
} from 'class-validator';

/**
 * Shared class-validator rules for fields the gateways post. Every message names the gateway's field
 * name and the rule, because that is what an operator reads in the inbox.
 * @internal
 */
export const GatewayRules = {
  /** Whole number, as the gateways write amounts and counters: digits only, no sign or decimals. */
  digits: (field: string, options?: ValidationOptions) =>
    Matches(/^\d{1,12}$/, {
      message: `${field} must be a whole number (digits only)`,
      ...options,
    }),
  /** `yyyy/MM/dd HH:mm:ss`, Asia/Taipei. */
  dateTime: (field: string, options?: ValidationOptions) =>
    Matches(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/, {
      message: `${field} must be a date in the form yyyy/MM/dd HH:mm:ss`,
      ...options,
    }),
  merchantTradeNo: () =>
    Matches(/^[A-Za-z0-9]{1,20}$/, {
      message: 'MerchantTradeNo must be 1-20 letters or digits',
    }),
  maxLength: (field: string, max: number) =>
    MaxLength(max, { message: `${field} must be at most ${max} characters` }),
  /** `BNPLInstallment`: String(2), a number of instalments (REFERENCE.md 8). */
  installments: (field: string) =>
    Matches(/^\d{1,2}$/, {
      message: `${field} must be a number of instalments (1 or 2 digits)`,
    }),
  simulatePaid: () =>
    applyDecorators(
      IsOptional(),
      IsIn(['0', '1'], { message: 'SimulatePaid must be 0 or 1 when present' }),
    ),
};
