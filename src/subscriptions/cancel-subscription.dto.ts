import { BadRequestException } from '@nestjs/common';
import type { CancelSubscriptionOptions } from 'nestjs-twpay';

/** OpenAPI schema of the body of `POST /api/subscriptions/:id/cancel`. */
export const CANCEL_SUBSCRIPTION_BODY = {
  type: 'object',
  required: ['atPeriodEnd'],
  properties: {
    atPeriodEnd: {
      type: 'boolean',
      example: true,
      description:
        'true: the customer keeps access until the paid period ends; false: access ends now. The gateway stops charging immediately either way.',
    },
  },
};

/**
 * Reads `{ "atPeriodEnd": true|false }`; anything else is a 400 that names the field, so a typo such
 * as `"false"` (a string) never silently cancels with the wrong access.
 */
export function parseCancelSubscriptionBody(
  body: unknown,
): Required<CancelSubscriptionOptions> {
  const atPeriodEnd =
    typeof body === 'object' && body !== null
      ? (body as Record<string, unknown>).atPeriodEnd
      : undefined;
  if (typeof atPeriodEnd !== 'boolean') {
    throw new BadRequestException(
      'atPeriodEnd is required and must be true or false (JSON boolean)',
    );
  }
  return { atPeriodEnd };
}
