import { jest } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { PAYMENTS_EVENTS } from '../events/payments-events.js';
import type { ResolvedPaymentsOptions } from '../interfaces/payments-module-options.interface.js';
import { BnplResultApplier } from './bnpl-result-applier.service.js';
import type { BnplPaymentResult } from './bnpl-state-machine.js';
import type { BnplOrderEntity } from './entities/bnpl-order.entity.js';

const paid: BnplPaymentResult = {
  kind: 'payment',
  paid: true,
  simulated: false,
  rtnCode: '1',
  rtnMsg: '交易成功',
  tradeNo: '2403011200001234',
  bnplTradeNo: null,
  installments: null,
  paymentType: 'BNPL_URICH',
  paidAt: new Date('2024-03-02T02:00:00Z'),
};

function setUp(
  affected: number,
  options: Partial<ResolvedPaymentsOptions> = {},
) {
  const update = jest.fn(async (..._args: unknown[]) => ({ affected }));
  const manager = {
    getRepository: () => ({ update }),
  } as unknown as EntityManager;
  const applier = new BnplResultApplier({
    simulatedPayments: 'paid-outside-production',
    environment: 'stage',
    ...options,
  } as ResolvedPaymentsOptions);
  const order = {
    id: 'order-1',
    merchantTradeNo: 'BNPL1',
    customerId: 'cust-1',
    status: 'applying',
    totalAmount: 3000,
    tradeNo: null,
    bnplTradeNo: 'U1',
    installments: 6,
    paymentType: 'BNPL_URICH',
    rtnCode: '2',
    rtnMsg: '申請中',
    simulated: false,
    version: 2,
  } as BnplOrderEntity;
  return { update, manager, applier, order };
}

describe('BnplResultApplier', () => {
  it('writes the change over the version it was decided on, and returns the events with the new state', async () => {
    const { update, manager, applier, order } = setUp(1);
    const result = await applier.applyResult(manager, order, paid);
    expect(update).toHaveBeenCalledWith(
      { id: 'order-1', version: 2 },
      expect.objectContaining({ status: 'paid', paidAt: paid.paidAt }),
    );
    expect(result).toEqual({
      outcome: 'applied',
      events: [
        {
          name: PAYMENTS_EVENTS.BNPL_PAID,
          payload: expect.objectContaining({
            bnplApplicationId: 'order-1',
            status: 'paid',
            previousStatus: 'applying',
            bnplTradeNo: 'U1',
            installments: 6,
            tradeNo: '2403011200001234',
          }),
        },
      ],
    });
  });

  it('throws, so the notification is re-applied, when the row changed since it was read', async () => {
    const { manager, applier, order } = setUp(0);
    await expect(applier.applyResult(manager, order, paid)).rejects.toThrow(
      'BNPL order BNPL1 changed while this notification was applied',
    );
  });

  it('writes nothing for a result that changes nothing', async () => {
    const { update, manager, applier, order } = setUp(1);
    order.status = 'paid';
    await expect(applier.applyResult(manager, order, paid)).resolves.toEqual({
      outcome: 'duplicate',
      reason:
        'the payment result (RtnCode 1) changes nothing: the order is already paid',
    });
    expect(update).not.toHaveBeenCalled();
  });

  it.each<[Partial<ResolvedPaymentsOptions>, string]>([
    [{ environment: 'production' }, 'ignored'],
    [{ simulatedPayments: 'never-paid' }, 'ignored'],
    [{ simulatedPayments: 'paid', environment: 'production' }, 'applied'],
  ])('applies the SimulatePaid policy %j: %s', async (options, expected) => {
    const { update, manager, applier, order } = setUp(1, options);
    const result = await applier.applyResult(manager, order, {
      ...paid,
      simulated: true,
    });
    expect(result.outcome).toBe(expected);
    expect(update).toHaveBeenCalledTimes(expected === 'applied' ? 1 : 0);
  });
});
