import { Inject } from '@nestjs/common';
import { PAYMENTS_OPTIONS_VIEW } from './payments.constants.js';

/**
 * Injects the module's options with every default applied, without any merchant's HashKey or
 * HashIV (`PaymentsOptionsView`).
 *
 * @example constructor(@InjectPaymentsOptions() private readonly options: PaymentsOptionsView) {}
 * @publicApi
 */
export const InjectPaymentsOptions = (): ParameterDecorator =>
  Inject(PAYMENTS_OPTIONS_VIEW);
