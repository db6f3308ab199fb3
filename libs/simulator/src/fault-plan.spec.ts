import { FaultPlan } from './fault-plan.js';

describe('FaultPlan', () => {
  it('starts with no faults and sets only the named ones', () => {
    const plan = new FaultPlan();
    expect(plan.current()).toEqual({
      declineNextCharges: 0,
      dropNextNotifications: 0,
      duplicateNextNotifications: 0,
      delayNextNotifications: { count: 0, minutes: 0 },
      reorderNextPeriodNotifications: 0,
      corruptNextMacs: 0,
      simulatePaidNext: 0,
      tooFastNextQueries: 0,
    });
    plan.apply({ declineNextCharges: 2, reorderNextPeriodNotifications: true });
    plan.apply({ tooFastNextQueries: '1', corruptNextMacs: '' });
    expect(plan.current()).toMatchObject({
      declineNextCharges: 2,
      reorderNextPeriodNotifications: 2,
      tooFastNextQueries: 1,
      corruptNextMacs: 0,
    });
  });

  it('hands each counted fault out once per unit', () => {
    const plan = new FaultPlan();
    plan.apply({ declineNextCharges: 2 });
    expect([
      plan.take('declineNextCharges'),
      plan.take('declineNextCharges'),
      plan.take('declineNextCharges'),
    ]).toEqual([true, true, false]);
  });

  it('hands out delays and marks the end of a reorder batch', () => {
    const plan = new FaultPlan();
    plan.apply({
      delayNextNotifications: { count: 1, minutes: '15' },
      reorderNextPeriodNotifications: 2,
    });
    expect([plan.takeDelay(), plan.takeDelay()]).toEqual([15, undefined]);
    expect([
      plan.takeReorder(),
      plan.takeReorder(),
      plan.takeReorder(),
    ]).toEqual([
      { hold: true, batchComplete: false },
      { hold: true, batchComplete: true },
      { hold: false, batchComplete: false },
    ]);
  });

  it('clears everything', () => {
    const plan = new FaultPlan();
    plan.apply({ dropNextNotifications: 3 });
    plan.clear();
    expect(plan.current().dropNextNotifications).toBe(0);
  });

  it.each([
    [{ dropNextNotification: 1 }, /unknown fault dropNextNotification/],
    [{ declineNextCharges: -1 }, /declineNextCharges must be a whole number/],
    [{ declineNextCharges: 1.5 }, /declineNextCharges must be a whole number/],
    [{ reorderNextPeriodNotifications: 1 }, /at least 2/],
    [{ delayNextNotifications: 5 }, /must be \{ count, minutes \}/],
    [{ delayNextNotifications: { count: 1 } }, /minutes must be above 0/],
    [
      { delayNextNotifications: { count: 1, minutes: 5, hours: 1 } },
      /only count and minutes/,
    ],
    [[], /must be a JSON object/],
  ])('refuses %p', (request, message) => {
    const plan = new FaultPlan();
    expect(() => plan.apply(request)).toThrow(message);
    expect(plan.current().declineNextCharges).toBe(0);
  });
});
