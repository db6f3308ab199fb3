import { Inject } from '@nestjs/common';
import { PAYMENTS_RESOLVED_OPTIONS } from './payments.constants.js';

/**
 * Injects the module's options with every default applied (`ResolvedPaymentsOptions`).
 *
 * @example constructor(@InjectPaymentsOptions() private readonly options: ResolvedPaymentsOptions) {}
 * @publicApi
 */
export const InjectPaymentsOptions = (): ParameterDecorator =>
  Inject(PAYMENTS_RESOLVED_OPTIONS);
