import { PaymentsConfigError } from 'nestjs-twpay';
import { resolveSimulatorOptions } from './simulator-options.js';

describe('resolveSimulatorOptions', () => {
  it('defaults to both stage merchants, the stage test card and 10-minute re-sends', () => {
    const resolved = resolveSimulatorOptions();
    expect(resolved.merchants.map((m) => m.merchantId)).toEqual([
      '2000132',
      '3002607',
    ]);
    expect([...resolved.approvedCards]).toEqual(['4311952222222222']);
    expect([...resolved.declinedCards]).toEqual(['4000000000000002']);
    expect(resolved).toMatchObject({
      retryIntervalMinutes: 10,
      postFailedPeriods: true,
      execLogListsFailures: true,
      notificationTimeoutMs: 10_000,
      startTime: undefined,
    });
  });

  it('normalizes card numbers typed with spaces or dashes', () => {
    const resolved = resolveSimulatorOptions({
      approvedCards: ['4311-9522-2222-2222', '5555 5555 5555 4444'],
    });
    expect([...resolved.approvedCards]).toEqual([
      '4311952222222222',
      '5555555555554444',
    ]);
  });

  it.each([
    [{ merchants: [] }, 'merchants', /non-empty array/],
    [
      { merchants: [{ merchantId: 'bad id', hashKey: 'k', hashIV: 'v' }] },
      'merchants[0].merchantId',
      /1-10 letters or digits/,
    ],
    [
      {
        merchants: [
          { merchantId: 'A1', hashKey: 'k', hashIV: 'v' },
          { merchantId: 'A1', hashKey: 'k', hashIV: 'v' },
        ],
      },
      'merchants[1].merchantId',
      /configured twice/,
    ],
    [
      { merchants: [{ merchantId: 'A1', hashKey: '', hashIV: 'v' }] },
      'merchants[0].hashKey',
      /non-empty string/,
    ],
    [{ approvedCards: ['1234'] }, 'approvedCards[0]', /13-19 digits/],
    [
      { declinedCards: ['4311952222222222'] },
      'declinedCards',
      /also in approvedCards/,
    ],
    [{ retryIntervalMinutes: 0 }, 'retryIntervalMinutes', /positive integer/],
    [
      { notificationTimeoutMs: 1.5 },
      'notificationTimeoutMs',
      /positive integer/,
    ],
    [{ startTime: new Date('nope') }, 'startTime', /valid Date/],
  ])('refuses %p naming %s', (options, option, message) => {
    let error: unknown;
    try {
      resolveSimulatorOptions(options as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PaymentsConfigError);
    expect(error).toMatchObject({
      option,
      message: expect.stringMatching(message),
    });
  });

  it('never quotes a HashKey in an error', () => {
    expect(() =>
      resolveSimulatorOptions({
        merchants: [
          { merchantId: 'A1', hashKey: 'secretKey123', hashIV: 'v' },
          { merchantId: 'A1', hashKey: 'secretKey123', hashIV: 'v' },
        ],
      }),
    ).toThrow(
      expect.objectContaining({
        message: expect.not.stringContaining('secretKey123'),
      }),
    );
  });
});
