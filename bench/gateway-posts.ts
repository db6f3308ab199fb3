import {
  ECPAY_STAGE,
  firstAuthorizationFields,
  periodFields,
  signedBody,
} from '../libs/payments/test/support/gateway-bodies.js';

/** One subscription of the example app that the benchmark posts authorizations for. */
export interface BenchSubscription {
  id: string;
  merchantTradeNo: string;
  periodAmount: number;
}

/** The plan every benchmark subscription is created with: daily, so 998 later periods stay `active`. */
export const BENCH_PLAN = {
  periodAmount: 100,
  periodType: 'D',
  frequency: 1,
  execTimes: 999,
  itemName: 'Bench plan',
} as const;

const PLAN_FIELDS = {
  PeriodType: BENCH_PLAN.periodType,
  Frequency: String(BENCH_PLAN.frequency),
  ExecTimes: String(BENCH_PLAN.execTimes),
};

/** The signed ReturnURL post of a subscription's first authorization (the one that activates it). */
export function firstAuthorizationBody(
  subscription: BenchSubscription,
  index: number,
): string {
  return signedBody({
    ...firstAuthorizationFields({
      merchantTradeNo: subscription.merchantTradeNo,
      amount: subscription.periodAmount,
      tradeNo: String(2403010000000000 + index),
      gwsr: String(10_000_000 + index),
    }),
    ...PLAN_FIELDS,
  });
}

/**
 * Makes PeriodReturnURL posts as the gateway sends them (vector V7's shape, a valid CheckMacValue),
 * each with a fresh Gwsr, round-robin over the subscriptions, with each one's TotalSuccessTimes and
 * ProcessDate (one day apart) moving on as the gateway's would.
 */
export class PeriodPostFactory {
  private made = 0;
  private readonly periodsMade: number[];

  /** @param firstGwsr Gwsr of the first post; the next ones count up from it. */
  constructor(
    private readonly subscriptions: readonly BenchSubscription[],
    private readonly firstGwsr: number,
  ) {
    this.periodsMade = subscriptions.map(() => 0);
  }

  /** How many posts were made so far. */
  get count(): number {
    return this.made;
  }

  next(): { gwsr: string; body: string } {
    const index = this.made % this.subscriptions.length;
    const subscription = this.subscriptions[index];
    const period = ++this.periodsMade[index];
    const gwsr = String(this.firstGwsr + this.made++);
    const body = signedBody(
      {
        ...periodFields({
          merchantTradeNo: subscription.merchantTradeNo,
          amount: subscription.periodAmount,
          gwsr,
          totalSuccessTimes: 1 + period,
          processDate: dailyProcessDate(period),
          execTimes: BENCH_PLAN.execTimes,
        }),
        ...PLAN_FIELDS,
      },
      ECPAY_STAGE,
    );
    return { gwsr, body };
  }
}

/** `yyyy/MM/dd 10:00:05`, `days` after 2024/03/01 (the first authorization's date). */
function dailyProcessDate(days: number): string {
  const date = new Date(Date.UTC(2024, 2, 1 + days));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())} 10:00:05`;
}
