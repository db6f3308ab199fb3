import { parseArgs } from 'node:util';
import type { FindOptionsWhere } from 'typeorm';
import type { NotificationChannel } from '../../domain/notification-channel.js';
import type { NotificationOutcome } from '../../domain/notification-outcome.js';
import { GatewayNotificationEntity } from '../../notifications/gateway-notification.entity.js';
import { parseOrUsageError } from '../cli-arguments.js';
import { CliUsageError, EXIT_CODE, type CliCommand } from '../cli-command.js';
import { OPERATOR_ENV_HELP } from '../operator-env-help.js';
import type { OpenOperatorServices } from '../operator-services.js';
import { parseLimit } from '../parse-limit.js';
import { printTable } from '../print-table.js';

const CHANNELS: readonly NotificationChannel[] = [
  'return',
  'period',
  'payment_info',
  'order_result',
  'client_redirect',
];
const OUTCOMES: readonly NotificationOutcome[] = [
  'received',
  'applied',
  'duplicate',
  'rejected',
  'failed',
  'ignored',
];

const OPTIONS = {
  channel: { type: 'string' },
  outcome: { type: 'string' },
  order: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/**
 * `twpay inbox`: the newest notifications the callback routes stored, with channel, outcome and
 * the reason of a refusal; filters by channel, outcome and MerchantTradeNo. Never prints a raw body.
 *
 * @param openServices opens the payments module on the app's database (the bin's composition root)
 * @publicApi
 */
export function createInboxCommand(
  openServices: OpenOperatorServices,
): CliCommand {
  return {
    name: 'inbox',
    summary: 'List received notifications: channel, outcome, reason',
    help: [
      'Usage: twpay inbox [--channel <c>] [--outcome <o>] [--order <MerchantTradeNo>] [--limit <n>] [--json]',
      '',
      'Options:',
      `  --channel <c>   only this channel (${CHANNELS.join(', ')})`,
      `  --outcome <o>   only this outcome (${OUTCOMES.join(', ')})`,
      '  --order <no>    only notifications about this MerchantTradeNo',
      '  --limit <n>     at most n, newest first (default 50)',
      '  --json          one JSON array instead of a table',
      '',
      'Re-apply one with: twpay replay <id>',
      '',
      ...OPERATOR_ENV_HELP,
    ],
    async run(args, context) {
      const { values } = parseOrUsageError(() =>
        parseArgs({ args: [...args], options: OPTIONS, strict: true }),
      );
      const where: FindOptionsWhere<GatewayNotificationEntity> = {};
      if (values.channel !== undefined) {
        where.channel = oneOf('--channel', values.channel, CHANNELS);
      }
      if (values.outcome !== undefined) {
        where.outcome = oneOf('--outcome', values.outcome, OUTCOMES);
      }
      if (values.order !== undefined) where.merchantTradeNo = values.order;
      const take = parseLimit(values.limit);
      const services = await openServices(context.env);
      let rows: GatewayNotificationEntity[];
      try {
        rows = await services.dataSource
          .getRepository(GatewayNotificationEntity)
          .find({ where, order: { receivedAt: 'DESC', id: 'ASC' }, take });
      } finally {
        await services.close();
      }
      const listed = rows.map((n) => ({
        id: n.id,
        receivedAt: n.receivedAt,
        channel: n.channel,
        merchantTradeNo: n.merchantTradeNo,
        outcome: n.outcome,
        reasonCode: n.reasonCode,
        reason: n.reason ?? n.error,
        attempts: n.attempts,
      }));
      if (values.json) {
        context.stdout(JSON.stringify(listed));
        return EXIT_CODE.OK;
      }
      printTable(
        context,
        ['id', 'received', 'channel', 'MerchantTradeNo', 'outcome', 'reason'],
        listed.map((n) => [
          n.id,
          n.receivedAt.toISOString(),
          n.channel,
          n.merchantTradeNo,
          n.outcome,
          [n.reasonCode, n.reason].filter(Boolean).join(' '),
        ]),
      );
      return EXIT_CODE.OK;
    },
  };
}

/** Reads a filter value case-blind, as the values it names are stored lower-case. */
function oneOf<T extends string>(
  option: string,
  value: string,
  allowed: readonly T[],
): T {
  const lower = value.toLowerCase() as T;
  if (!allowed.includes(lower)) {
    throw new CliUsageError(`${option} must be one of ${allowed.join(', ')}`);
  }
  return lower;
}
