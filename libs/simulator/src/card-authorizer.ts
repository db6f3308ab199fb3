import type { FaultPlan } from './fault-plan.js';
import type { CardOnFile } from './simulator-model.js';

/**
 * What the buyer types on the checkout page (or a test sends to `POST /simulator/api/checkout`).
 *
 * @publicApi
 */
export interface CardInput {
  /** Card number; spaces and dashes are ignored (`4311-9522-2222-2222`). */
  number: string;
  /** `MM/YY`, valid through the end of that month on the virtual clock. */
  expiry: string;
  /** Three digits. */
  cvv: string;
}

/** The cards the simulated bank knows. */
export interface CardLists {
  approvedCards: ReadonlySet<string>;
  declinedCards: ReadonlySet<string>;
}

/** RtnCode/RtnMsg of one charge. */
export interface ChargeDecision {
  rtnCode: string;
  rtnMsg: string;
}

const APPROVED: ChargeDecision = { rtnCode: '1', rtnMsg: '交易成功' };
/** 10100058 is the failure code ECPay's own plugin treats as "payment failed" (docs/gateway-protocol.md §9). */
const DECLINED: ChargeDecision = { rtnCode: '10100058', rtnMsg: '授權失敗' };
const EXPIRED: ChargeDecision = {
  rtnCode: '10100058',
  rtnMsg: '授權失敗 (卡片過期)',
};

const TAIPEI_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * Checks what the buyer typed. Like the stage gateway, only known test cards get as far as an
 * authorization (docs/gateway-protocol.md section 4: one card number works on ECPay stage); anything else is sent
 * back to the form with a message, as is an expired date or a CVV that is not three digits.
 */
export function readCard(
  input: CardInput,
  now: Date,
  cards: CardLists,
): { ok: true; card: CardOnFile } | { ok: false; message: string } {
  const number = String(input.number ?? '').replace(/[\s-]/g, '');
  if (!/^\d{13,19}$/.test(number))
    return { ok: false, message: 'Enter the card number (digits).' };
  const declined = cards.declinedCards.has(number);
  if (!declined && !cards.approvedCards.has(number)) {
    return {
      ok: false,
      message:
        'This card number is unknown to the simulated bank. Use an approved test card ' +
        `(${[...cards.approvedCards].join(', ')}) or a declined one (${[...cards.declinedCards].join(', ')}).`,
    };
  }
  const expiry = /^(\d{2})\/(\d{2})$/.exec(String(input.expiry ?? '').trim());
  const month = expiry ? Number(expiry[1]) : 0;
  if (!expiry || month < 1 || month > 12)
    return { ok: false, message: 'Enter the expiry as MM/YY.' };
  // Valid through the last day of the expiry month, Taipei time.
  const invalidFrom = new Date(
    Date.UTC(2000 + Number(expiry[2]), month, 1) - TAIPEI_OFFSET_MS,
  );
  if (invalidFrom.getTime() <= now.getTime()) {
    return {
      ok: false,
      message: 'The card has expired (compared with the virtual clock).',
    };
  }
  if (!/^\d{3}$/.test(String(input.cvv ?? '').trim())) {
    return { ok: false, message: 'Enter the three-digit CVV.' };
  }
  return {
    ok: true,
    card: {
      card6no: number.slice(0, 6),
      card4no: number.slice(-4),
      invalidFrom,
      declined,
    },
  };
}

/**
 * Decides one charge on a card on file: a pending `declineNextCharges` fault first, then a declined
 * test card, then an expiry that passed on the virtual clock (a long agreement can outlive its card).
 */
export function decideCharge(
  card: CardOnFile,
  at: Date,
  faults: FaultPlan,
): ChargeDecision {
  if (faults.take('declineNextCharges') || card.declined) return DECLINED;
  if (at.getTime() >= card.invalidFrom.getTime()) return EXPIRED;
  return APPROVED;
}
