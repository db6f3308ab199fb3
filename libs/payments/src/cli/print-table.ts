import Table from 'cli-table3';
import type { CliContext } from './cli-command.js';

/** Writes rows as a cli-table3 table, one output line per table line. */
export function printTable(
  context: Pick<CliContext, 'stdout'>,
  head: string[],
  rows: (string | number | null)[][],
): void {
  const table = new Table({ head, style: { head: [], border: [] } });
  table.push(...rows.map((row) => row.map((cell) => cell ?? '')));
  for (const line of table.toString().split('\n')) context.stdout(line);
}
