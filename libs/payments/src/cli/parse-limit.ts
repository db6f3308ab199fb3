import { CliUsageError } from './cli-command.js';

/** `--limit <n>` of the listing commands: a whole number from 1 to 1000, 50 when absent. */
export function parseLimit(value: string | undefined): number {
  if (value === undefined) return 50;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new CliUsageError('--limit must be a whole number from 1 to 1000');
  }
  return limit;
}
