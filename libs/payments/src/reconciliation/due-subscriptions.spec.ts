import {
  isDueForReconciliation,
  type ReconciliationCandidate,
} from './due-subscriptions.js';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const SETTINGS = { graceMs: DAY, pendingGraceMs: HOUR };
// 2024/03/01 10:00 Taipei: monthly charges fall on the 1st at 10:00.
const FIRST = new Date('2024-03-01T02:00:00Z');

function subscription(
  overrides: Partial<ReconciliationCandidate>,
): ReconciliationCandidate {
  return {
    id: 's',
    merchantId: '3002607',
    merchantTradeNo: 'TW1',
    status: 'active',
    periodType: 'M',
    frequency: 1,
    execTimes: 12,
    totalSuccessTimes: 1,
    firstAuthorizedAt: FIRST,
    createdAt: FIRST,
    ...overrides,
  };
}

describe('isDueForReconciliation', () => {
  it.each([
    ['active, before the next charge', {}, '2024-03-31T02:00:00Z', false],
    [
      'active, on the charge day, within grace',
      {},
      '2024-04-01T12:00:00Z',
      false,
    ],
    ['active, past the charge plus grace', {}, '2024-04-02T02:00:00Z', true],
    [
      'active, the 3rd period overdue',
      { totalSuccessTimes: 2 },
      '2024-05-02T02:00:00Z',
      true,
    ],
    [
      'active, the 3rd period not yet',
      { totalSuccessTimes: 2 },
      '2024-04-20T02:00:00Z',
      false,
    ],
    [
      'past_due, like active',
      { status: 'past_due' as const },
      '2024-04-02T02:00:00Z',
      true,
    ],
    [
      'every charge taken',
      { totalSuccessTimes: 12 },
      '2030-01-01T00:00:00Z',
      false,
    ],
    [
      'pending within its grace',
      { status: 'pending' as const, firstAuthorizedAt: null },
      '2024-03-01T02:30:00Z',
      false,
    ],
    [
      'pending past its grace',
      { status: 'pending' as const, firstAuthorizedAt: null },
      '2024-03-01T03:00:00Z',
      true,
    ],
    [
      'cancelled (recent ones are selected by the query)',
      { status: 'cancelled' as const },
      '2024-03-02T00:00:00Z',
      true,
    ],
    [
      'completed',
      { status: 'completed' as const },
      '2030-01-01T00:00:00Z',
      false,
    ],
    [
      'terminated',
      { status: 'terminated' as const },
      '2030-01-01T00:00:00Z',
      false,
    ],
    [
      'first_auth_failed',
      { status: 'first_auth_failed' as const },
      '2030-01-01T00:00:00Z',
      false,
    ],
  ])('%s', (_, overrides, now, due) => {
    expect(
      isDueForReconciliation(subscription(overrides), new Date(now), SETTINGS),
    ).toBe(due);
  });
});
