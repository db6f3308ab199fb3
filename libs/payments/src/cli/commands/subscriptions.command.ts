import { parseArgs } from 'node:util';
import {
  SUBSCRIPTION_STATUSES,
  type SubscriptionStatus,
} from '../../domain/subscription-status.js';
import { PaymentSubscriptionEntity } from '../../subscriptions/entities/payment-subscription.entity.js';
import { nextChargeAt } from '../../subscriptions/next-charge-date.js';
import { parseOrUsageError } from '../cli-arguments.js';
import { CliUsageError, EXIT_CODE, type CliCommand } from '../cli-command.js';
import { OPERATOR_ENV_HELP } from '../operator-env-help.js';
import type { OpenOperatorServices } from '../operator-services.js';
import { printTable } from '../print-table.js';
import { parseLimit } from '../parse-limit.js';

const OPTIONS = {
  status: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/**
 * `twpay subscriptions`: the newest subscriptions with their status, periods collected and next
 * charge date, as a table or (`--json`) one JSON array.
 *
 * @param openServices opens the payments module on the app's database (the bin's composition root)
 * @publicApi
 */
export function createSubscriptionsCommand(
  openServices: OpenOperatorServices,
): CliCommand {
  return {
    name: 'subscriptions',
    summary: 'List subscriptions: status, periods collected, next charge',
    help: [
      'Usage: twpay subscriptions [--status <status>] [--limit <n>] [--json]',
      '',
      'Options:',
      `  --status <s>   only this status (${SUBSCRIPTION_STATUSES.join(', ')})`,
      '  --limit <n>    at most n, newest first (default 50)',
      '  --json         one JSON array instead of a table',
      '',
      ...OPERATOR_ENV_HELP,
    ],
    async run(args, context) {
      const { values } = parseOrUsageError(() =>
        parseArgs({ args: [...args], options: OPTIONS, strict: true }),
      );
      const status = values.status?.toLowerCase() as
        SubscriptionStatus | undefined;
      if (status !== undefined && !SUBSCRIPTION_STATUSES.includes(status)) {
        throw new CliUsageError(
          `--status must be one of ${SUBSCRIPTION_STATUSES.join(', ')}`,
        );
      }
      const take = parseLimit(values.limit);
      const services = await openServices(context.env);
      let rows: PaymentSubscriptionEntity[];
      try {
        rows = await services.dataSource
          .getRepository(PaymentSubscriptionEntity)
          .find({
            where: status ? { status } : {},
            order: { createdAt: 'DESC', id: 'ASC' },
            take,
          });
      } finally {
        await services.close();
      }
      const listed = rows.map((s) => ({
        id: s.id,
        merchantTradeNo: s.merchantTradeNo,
        status: s.status,
        totalSuccessTimes: s.totalSuccessTimes,
        execTimes: s.execTimes,
        amountCollected: s.amountCollected,
        // The period after the last successful one, while the agreement runs.
        nextChargeAt: nextChargeAt({
          ...s,
          lastPeriod: s.totalSuccessTimes,
          running: s.status === 'active' || s.status === 'past_due',
        }),
      }));
      if (values.json) {
        context.stdout(JSON.stringify(listed));
        return EXIT_CODE.OK;
      }
      printTable(
        context,
        [
          'id',
          'MerchantTradeNo',
          'status',
          'periods',
          'collected',
          'next charge',
        ],
        listed.map((s) => [
          s.id,
          s.merchantTradeNo,
          s.status,
          `${s.totalSuccessTimes}/${s.execTimes}`,
          s.amountCollected,
          s.nextChargeAt?.toISOString() ?? '-',
        ]),
      );
      return EXIT_CODE.OK;
    },
  };
}
