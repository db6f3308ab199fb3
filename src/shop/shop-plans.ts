import type { PeriodType } from 'nestjs-twpay';

/** One plan the example shop sells as a periodic fixed-amount card agreement (信用卡定期定額). */
export interface ShopPlan {
  id: string;
  name: string;
  description: string;
  /** Charged every period, in NT$. */
  periodAmount: number;
  periodType: PeriodType;
  frequency: number;
  execTimes: number;
}

export const SHOP_PLANS: readonly ShopPlan[] = [
  {
    id: 'monthly',
    name: 'Monthly',
    description: 'Billed every month for a year.',
    periodAmount: 299,
    periodType: 'M',
    frequency: 1,
    execTimes: 12,
  },
  {
    id: 'quarterly',
    name: 'Quarterly',
    description: 'Billed every three months for a year.',
    periodAmount: 799,
    periodType: 'M',
    frequency: 3,
    execTimes: 4,
  },
  {
    id: 'yearly',
    name: 'Yearly',
    description: 'Billed once a year for three years.',
    periodAmount: 2990,
    periodType: 'Y',
    frequency: 1,
    execTimes: 3,
  },
];

/** The one product the shop sells by ECPay BNPL (無卡分期): one order, paid off in instalments. */
export const BNPL_PRODUCT = {
  name: 'Road bike',
  description:
    'One payment, split into instalments with the BNPL provider; no card needed.',
  /** NT$, at least 3,000: ECPay takes no smaller BNPL order. */
  price: 3600,
} as const;

/** The demo shop has no accounts: every subscription and BNPL order belongs to this customer. */
export const DEMO_CUSTOMER_ID = 'demo-customer';

export function findPlan(id: unknown): ShopPlan | undefined {
  return SHOP_PLANS.find((plan) => plan.id === id);
}

/** NT$2,990 */
export function formatNtd(amount: number): string {
  return `NT$${amount.toLocaleString('en-US')}`;
}

const UNITS: Record<PeriodType, [string, string]> = {
  D: ['day', 'days'],
  M: ['month', 'months'],
  Y: ['year', 'years'],
};

/** "every month, 12 charges", "every 3 months, 4 charges" */
export function describeSchedule(s: {
  periodType: PeriodType;
  frequency: number;
  execTimes: number;
}): string {
  const [one, many] = UNITS[s.periodType];
  const every = s.frequency === 1 ? one : `${s.frequency} ${many}`;
  return `every ${every}, ${s.execTimes} charges`;
}
