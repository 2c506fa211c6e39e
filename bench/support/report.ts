/** One row of the benchmark table; `npm run bench` prints the header once above every script's rows. */
export interface BenchRow {
  figure: string;
  target: string;
  measured: string;
  reference: string;
  command: string;
}

export const TABLE_HEADER = '| figure | target | measured | reference | command |\n|---|---|---|---|---|';

export function printRow(row: BenchRow): void {
  const cells = [row.figure, row.target, row.measured, row.reference, row.command];
  console.log(`| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`);
}

/** Progress for whoever watches, on stderr so that stdout carries the table rows alone. */
export function note(message: string): void {
  console.error(`  ${message}`);
}

export function formatRate(perSecond: number): string {
  return `${Math.round(perSecond).toLocaleString('en-US')} req/s`;
}

export function formatMs(ms: number): string {
  return `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}

/** The value at `fraction` of `values` by nearest rank, in any order: 0.5 the median, 0.99 the p99. */
export function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}
