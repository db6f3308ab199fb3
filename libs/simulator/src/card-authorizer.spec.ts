import { parseTaipeiDateTime } from 'nestjs-twpay/protocol';
import { decideCharge, readCard } from './card-authorizer.js';
import { FaultPlan } from './fault-plan.js';

const cards = {
  approvedCards: new Set(['4311952222222222']),
  declinedCards: new Set(['4000000000000002']),
};
const at = (taipei: string) => parseTaipeiDateTime(taipei)!;
const NOW = at('2024/03/15 12:00:00');

describe('readCard', () => {
  it('keeps only the first six and last four digits, and when the card stops being valid', () => {
    const result = readCard(
      { number: '4311-9522-2222-2222', expiry: '03/24', cvv: '222' },
      NOW,
      cards,
    );
    expect(result).toEqual({
      ok: true,
      card: {
        card6no: '431195',
        card4no: '2222',
        invalidFrom: at('2024/04/01 00:00:00'),
        declined: false,
      },
    });
  });

  it('accepts a declined test card as input, flagged to be declined', () => {
    expect(
      readCard(
        { number: '4000000000000002', expiry: '12/30', cvv: '123' },
        NOW,
        cards,
      ),
    ).toMatchObject({
      ok: true,
      card: { declined: true },
    });
  });

  it.each([
    [{ number: '', expiry: '12/30', cvv: '222' }, 'Enter the card number'],
    [
      { number: '4111111111111111', expiry: '12/30', cvv: '222' },
      'unknown to the simulated bank',
    ],
    [
      { number: '4311952222222222', expiry: '1230', cvv: '222' },
      'Enter the expiry as MM/YY',
    ],
    [
      { number: '4311952222222222', expiry: '00/30', cvv: '222' },
      'Enter the expiry as MM/YY',
    ],
    [
      { number: '4311952222222222', expiry: '02/24', cvv: '222' },
      'The card has expired',
    ],
    [
      { number: '4311952222222222', expiry: '12/30', cvv: '2222' },
      'three-digit CVV',
    ],
  ])('sends %p back: %s', (input, message) => {
    expect(readCard(input, NOW, cards)).toEqual({
      ok: false,
      message: expect.stringContaining(message),
    });
  });
});

describe('decideCharge', () => {
  const card = {
    card6no: '431195',
    card4no: '2222',
    invalidFrom: at('2024/04/01 00:00:00'),
    declined: false,
  };

  it('approves a good card, declines after its expiry month', () => {
    const faults = new FaultPlan();
    expect(decideCharge(card, at('2024/03/31 23:59:59'), faults)).toEqual({
      rtnCode: '1',
      rtnMsg: '交易成功',
    });
    expect(decideCharge(card, at('2024/04/01 00:00:00'), faults)).toEqual({
      rtnCode: '10100058',
      rtnMsg: '授權失敗 (卡片過期)',
    });
  });

  it('declines a declined test card and while the decline fault lasts', () => {
    const faults = new FaultPlan();
    expect(decideCharge({ ...card, declined: true }, NOW, faults).rtnCode).toBe(
      '10100058',
    );
    faults.apply({ declineNextCharges: 1 });
    expect(decideCharge(card, NOW, faults).rtnCode).toBe('10100058');
    expect(decideCharge(card, NOW, faults).rtnCode).toBe('1');
  });
});
