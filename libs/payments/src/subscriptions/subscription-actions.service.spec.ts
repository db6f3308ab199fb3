import { PeriodActionsUnsupportedError } from '../errors/gateway-client.errors.js';
import { UnsupportedByGatewayError } from '../errors/payments.error.js';
import { SubscriptionStateError } from '../errors/subscription-action.errors.js';
import type { PaymentSubscriptionEntity } from './entities/payment-subscription.entity.js';
import { SubscriptionActionsService } from './subscription-actions.service.js';

// The refusals happen before the gateway or the database is touched: neither is given here, so any
// call to them would fail the test with a TypeError instead of the expected error.
const actions = new SubscriptionActionsService(
  undefined as never,
  undefined as never,
  undefined as never,
  undefined as never,
);

const subscription = (
  gateway: 'allpay' | 'ecpay',
  status: PaymentSubscriptionEntity['status'],
) =>
  ({
    id: 'sub-1',
    gateway,
    status,
    merchantTradeNo: 'T1',
  }) as PaymentSubscriptionEntity;

describe('SubscriptionActionsService refusals', () => {
  it.each(['active', 'past_due', 'cancelled'] as const)(
    'refuses every action on AllPay (%s), saying what to do instead',
    async (status) => {
      for (const run of [
        () => actions.cancel(subscription('allpay', status)),
        () => actions.reAuthorize(subscription('allpay', status)),
      ]) {
        await expect(run()).rejects.toBeInstanceOf(
          PeriodActionsUnsupportedError,
        );
        await expect(run()).rejects.toBeInstanceOf(UnsupportedByGatewayError);
        await expect(run()).rejects.toThrow(/vendor back office/);
      }
    },
  );

  it.each(['pending', 'first_auth_failed', 'completed', 'terminated'] as const)(
    'refuses to cancel a %s subscription: no agreement runs at the gateway',
    async (status) => {
      await expect(
        actions.cancel(subscription('ecpay', status)),
      ).rejects.toThrow(SubscriptionStateError);
    },
  );

  it('treats a cancel of a cancelled subscription as done', async () => {
    await expect(
      actions.cancel(subscription('ecpay', 'cancelled')),
    ).resolves.toBeUndefined();
  });

  it.each(['pending', 'active', 'cancelled', 'completed'] as const)(
    'refuses to re-authorize a %s subscription (only past_due has a latest failed charge)',
    async (status) => {
      await expect(
        actions.reAuthorize(subscription('ecpay', status)),
      ).rejects.toMatchObject({ status, code: 'TWPAY_INVALID_REQUEST' });
    },
  );
});
