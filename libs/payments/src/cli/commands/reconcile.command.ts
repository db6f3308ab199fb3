import { parseArgs } from 'node:util';
import type { ReconciliationSummary } from '../../reconciliation/reconciliation.service.js';
import { parseOrUsageError } from '../cli-arguments.js';
import { EXIT_CODE, type CliCommand } from '../cli-command.js';
import type { OpenOperatorServices } from '../operator-services.js';
import { OPERATOR_ENV_HELP } from '../operator-env-help.js';
import { printTable } from '../print-table.js';
import { createProgressBar } from '../progress-bar.js';

const OPTIONS = {
  'due-only': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/**
 * `twpay reconcile`: one reconciliation run against the gateway, on the app's database. A progress
 * bar on a terminal (stderr), then a summary table, or with `--json` one JSON summary as the last
 * line. Exit code 1 when a subscription could not be checked.
 *
 * @param openServices opens the payments module on the app's database (the bin's composition root)
 * @publicApi
 */
export function createReconcileCommand(
  openServices: OpenOperatorServices,
): CliCommand {
  return {
    name: 'reconcile',
    summary: 'Compare subscriptions with the gateway and repair the drift',
    help: [
      'Usage: twpay reconcile [--due-only] [--json]',
      '',
      'Queries the gateway (QueryCreditCardPeriodInfo) for every subscription that is not final',
      '(and the recently cancelled), back-fills authorizations whose posts were lost, marks agreements',
      'the gateway finished or stopped, takes over back-office edits, and stores a drift report.',
      '',
      'Options:',
      '  --due-only   only the subscriptions that are due (overdue for a charge by the grace period)',
      '  --json       print one JSON summary as the last line (checked, repaired, errors, ...)',
      '',
      ...OPERATOR_ENV_HELP,
      '',
      'Exit codes: 0 done, 1 some subscriptions could not be checked, 2 bad arguments.',
    ],
    async run(args, context) {
      const { values } = parseOrUsageError(() =>
        parseArgs({ args: [...args], options: OPTIONS, strict: true }),
      );
      const services = await openServices(context.env);
      let summary: ReconciliationSummary;
      const progress = values.json ? undefined : createProgressBar('reconcile');
      try {
        summary = await services.reconciliation.reconcile({
          dueOnly: values['due-only'] ?? false,
          onProgress: progress?.update,
        });
      } finally {
        progress?.stop();
        await services.close();
      }
      if (values.json) {
        context.stdout(JSON.stringify(summary));
      } else {
        printTable(
          context,
          [
            'run',
            'selected',
            'checked',
            'repaired',
            'back-filled',
            'errors',
            'skipped',
          ],
          [
            [
              summary.runId,
              summary.selected,
              summary.checked,
              summary.repaired,
              summary.backfilled,
              summary.errors,
              summary.skipped,
            ],
          ],
        );
        for (const drift of summary.drifts) {
          context.stdout(`${drift.merchantTradeNo}: ${describeDrift(drift)}`);
        }
        for (const failure of summary.failures) {
          context.stderr(
            `${failure.merchantTradeNo}: ${failure.code} ${failure.message}`,
          );
        }
        if (summary.rateLimitedUntil) {
          context.stderr(
            `The gateway asked to slow down (HTTP 403); calls resume after ${summary.rateLimitedUntil.toISOString()}.`,
          );
        }
      }
      return summary.errors > 0 ? EXIT_CODE.INVALID : EXIT_CODE.OK;
    },
  };
}

function describeDrift(drift: ReconciliationSummary['drifts'][number]): string {
  const parts: string[] = [];
  if (drift.backfilled.length > 0)
    parts.push(
      `back-filled period(s) ${drift.backfilled.map((b) => b.sequence).join(', ')}`,
    );
  if (drift.status) parts.push(`${drift.status.from} -> ${drift.status.to}`);
  if (drift.periodAmount)
    parts.push(`amount ${drift.periodAmount.from} -> ${drift.periodAmount.to}`);
  if (drift.execTimes)
    parts.push(`ExecTimes ${drift.execTimes.from} -> ${drift.execTimes.to}`);
  if (drift.notAtGateway) parts.push('no agreement at the gateway');
  return parts.join('; ');
}
