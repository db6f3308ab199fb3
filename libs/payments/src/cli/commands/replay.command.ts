import { parseArgs } from 'node:util';
import { GatewayNotificationEntity } from '../../notifications/gateway-notification.entity.js';
import { parseOrUsageError } from '../cli-arguments.js';
import { CliUsageError, EXIT_CODE, type CliCommand } from '../cli-command.js';
import { OPERATOR_ENV_HELP } from '../operator-env-help.js';
import type {
  OpenOperatorServices,
  OperatorServices,
} from '../operator-services.js';

const OPTIONS = { json: { type: 'boolean' } } as const;

/**
 * `twpay replay <id>`: applies one stored notification again, through the same processor as the
 * callback routes (verification included). Idempotent: the ledger's keys turn a second apply into
 * `duplicate`, and a notification already applied is left as it is.
 *
 * @param openServices opens the payments module on the app's database (the bin's composition root)
 * @publicApi
 */
export function createReplayCommand(
  openServices: OpenOperatorServices,
): CliCommand {
  return {
    name: 'replay',
    summary: 'Re-apply one stored notification (idempotent)',
    help: [
      'Usage: twpay replay <notification id> [--json]',
      '',
      'Find the id with `twpay inbox`. A notification already applied is not applied again.',
      'Exit codes: 0 applied, duplicate or ignored, 1 rejected or failed, 2 bad arguments.',
      '',
      ...OPERATOR_ENV_HELP,
    ],
    async run(args, context) {
      const { values, positionals } = parseOrUsageError(() =>
        parseArgs({
          args: [...args],
          options: OPTIONS,
          strict: true,
          allowPositionals: true,
        }),
      );
      if (positionals.length !== 1) {
        throw new CliUsageError('give exactly one notification id');
      }
      const services = await openServices(context.env);
      let result: { outcome: string; reason?: string };
      try {
        const notification = await services.dataSource
          .getRepository(GatewayNotificationEntity)
          .findOneBy({ id: positionals[0] });
        if (!notification) {
          throw new CliUsageError(
            `no stored notification has id ${positionals[0]}; list them with twpay inbox`,
          );
        }
        result =
          notification.outcome === 'applied'
            ? { outcome: 'applied', reason: 'already applied; nothing to do' }
            : describeResult(await services.processor.reapply(notification));
      } finally {
        await services.close();
      }
      context.stdout(
        values.json
          ? JSON.stringify({ id: positionals[0], ...result })
          : `${positionals[0]}: ${result.outcome}${result.reason ? ` (${result.reason})` : ''}`,
      );
      return result.outcome === 'rejected' || result.outcome === 'failed'
        ? EXIT_CODE.INVALID
        : EXIT_CODE.OK;
    },
  };
}

type ProcessResult = Awaited<
  ReturnType<OperatorServices['processor']['reapply']>
>;

function describeResult(result: ProcessResult): {
  outcome: string;
  reason?: string;
} {
  switch (result.outcome) {
    case 'rejected':
      return { outcome: 'rejected', reason: `${result.code} ${result.reason}` };
    case 'failed':
      return { outcome: 'failed', reason: result.error };
    default:
      return { outcome: result.outcome };
  }
}
