import type { SubscriptionStatus } from '../domain/subscription-status.js';
import { PAYMENTS_EVENTS } from '../events/payments-events.js';
import type { PaymentSubscriptionEntity } from './entities/payment-subscription.entity.js';
import {
  applyAuthorization,
  type AuthorizationFact,
} from './subscription-state-machine.js';

const MARCH_1 = new Date('2024-03-01T02:00:00Z');
const APRIL_1 = new Date('2024-04-01T02:00:00Z');
const FEBRUARY_1 = new Date('2024-02-01T02:00:00Z');

function subscription(
  overrides: Partial<PaymentSubscriptionEntity> = {},
): PaymentSubscriptionEntity {
  return {
    status: 'active',
    execTimes: 12,
    totalSuccessTimes: 2,
    amountCollected: 200,
    consecutiveFailures: 0,
    firstAuthorizedAt: FEBRUARY_1,
    lastAuthorizedAt: MARCH_1,
    ...overrides,
  } as PaymentSubscriptionEntity;
}

function fact(overrides: Partial<AuthorizationFact> = {}): AuthorizationFact {
  return {
    first: false,
    success: true,
    countsAsPaid: true,
    amount: 100,
    processedAt: APRIL_1,
    totalSuccessTimes: 3,
    ...overrides,
  };
}

const paid = fact();
const declined = fact({ success: false, countsAsPaid: false });
const firstPaid = fact({ first: true, totalSuccessTimes: undefined });
const firstDeclined = fact({
  first: true,
  success: false,
  countsAsPaid: false,
  totalSuccessTimes: undefined,
});

describe('applyAuthorization', () => {
  it.each<
    [SubscriptionStatus, AuthorizationFact, SubscriptionStatus, string[]]
  >([
    ['pending', firstPaid, 'active', [PAYMENTS_EVENTS.SUBSCRIPTION_ACTIVATED]],
    [
      'pending',
      firstDeclined,
      'first_auth_failed',
      [PAYMENTS_EVENTS.FIRST_AUTHORIZATION_FAILED],
    ],
    [
      'first_auth_failed',
      firstPaid,
      'active',
      [PAYMENTS_EVENTS.SUBSCRIPTION_ACTIVATED],
    ],
    ['active', paid, 'active', []],
    ['active', declined, 'past_due', [PAYMENTS_EVENTS.SUBSCRIPTION_PAST_DUE]],
    ['past_due', paid, 'active', [PAYMENTS_EVENTS.SUBSCRIPTION_RECOVERED]],
    ['past_due', declined, 'past_due', []],
  ])('%s + %j -> %s', (from, authorization, to, events) => {
    const row = subscription({
      status: from,
      lastAuthorizedAt: from === 'pending' ? null : MARCH_1,
      totalSuccessTimes: from === 'pending' ? 0 : 2,
    });
    const transitions = applyAuthorization(row, authorization);
    expect(row.status).toBe(to);
    expect(transitions.map((t) => t.event)).toEqual(events);
  });

  it.each<SubscriptionStatus>(['completed', 'cancelled', 'terminated'])(
    'never moves a %s subscription, whatever arrives',
    (status) => {
      for (const authorization of [paid, declined, firstPaid, firstDeclined]) {
        const row = subscription({
          status,
          totalSuccessTimes: 12,
          lastAuthorizedAt: MARCH_1,
        });
        expect(applyAuthorization(row, authorization)).toEqual([]);
        expect(row.status).toBe(status);
      }
    },
  );

  it('still counts money a final subscription received', () => {
    const row = subscription({ status: 'cancelled', totalSuccessTimes: 2 });
    applyAuthorization(row, paid);
    expect(row.totalSuccessTimes).toBe(3);
    expect(row.amountCollected).toBe(300);
  });

  it('completes when ExecTimes authorizations succeeded', () => {
    const row = subscription({ totalSuccessTimes: 11 });
    const transitions = applyAuthorization(
      row,
      fact({ totalSuccessTimes: 12 }),
    );
    expect(row.status).toBe('completed');
    expect(transitions).toEqual([
      {
        event: PAYMENTS_EVENTS.SUBSCRIPTION_COMPLETED,
        from: 'active',
        to: 'completed',
      },
    ]);
  });

  it('lets an older authorization count but never move the status backwards', () => {
    const row = subscription({ status: 'past_due', lastAuthorizedAt: APRIL_1 });
    const transitions = applyAuthorization(
      row,
      fact({ processedAt: MARCH_1, totalSuccessTimes: 2 }),
    );
    expect(transitions).toEqual([]);
    expect(row.status).toBe('past_due');
    expect(row.lastAuthorizedAt).toBe(APRIL_1);
    expect(row.amountCollected).toBe(300);
  });

  it('keeps TotalSuccessTimes the largest ever reported', () => {
    const row = subscription({ totalSuccessTimes: 5 });
    applyAuthorization(row, fact({ totalSuccessTimes: 4 }));
    expect(row.totalSuccessTimes).toBe(5);
  });

  it('counts consecutive failures and resets them on a paid authorization', () => {
    const row = subscription({ consecutiveFailures: 2 });
    applyAuthorization(row, declined);
    expect(row.consecutiveFailures).toBe(3);
    applyAuthorization(
      row,
      fact({ processedAt: new Date('2024-05-01T02:00:00Z') }),
    );
    expect(row.consecutiveFailures).toBe(0);
  });

  it('records a success the SimulatePaid policy does not count without activating', () => {
    const row = subscription({
      status: 'pending',
      totalSuccessTimes: 0,
      lastAuthorizedAt: null,
    });
    const transitions = applyAuthorization(
      row,
      fact({ first: true, countsAsPaid: false, totalSuccessTimes: undefined }),
    );
    expect(transitions).toEqual([]);
    expect(row.status).toBe('pending');
    expect(row.totalSuccessTimes).toBe(0);
  });
});
