import { hashBlock } from '../core/block';
import { Block } from '../core/block';
import { JsonNumber, numberValue, pythonNumberText } from '../core/python-json';
import type { Schema } from './answers';

/** Columns padded to their widest cell, two spaces apart; the columns listed in `right` aligned right. */
export function table(header: string[], rows: string[][], right: number[] = []): string {
  const widths = header.map((title, column) =>
    rows.reduce((widest, row) => Math.max(widest, row[column].length), title.length),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (right.includes(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** Label and value pairs, the values lined up. */
export function fields(pairs: [string, string][]): string {
  const width = pairs.reduce((widest, [label]) => Math.max(widest, label.length), 0);
  return pairs.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}

// C0 and C1 control characters, DEL included: a hostile sender name must not drive the terminal.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** Text from the chain as it is safe to show on a terminal: control characters written as \uXXXX. */
export function printable(text: string): string {
  return text.replace(CONTROL, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A block's Unix time in seconds, as an ISO time in UTC. */
export function timeText(timestamp: JsonNumber): string {
  const date = new Date(numberValue(timestamp) * 1000);
  return Number.isNaN(date.getTime()) ? pythonNumberText(timestamp) : date.toISOString();
}

/** How long ago a Unix time in seconds was, in the largest whole unit: "12 s ago", "3 min ago", "2 h ago". */
export function ago(timestamp: JsonNumber, nowMs = Date.now()): string {
  const seconds = Math.max(0, Math.round(nowMs / 1000 - numberValue(timestamp)));
  if (seconds < 120) return `${seconds} s ago`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 172_800) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} days ago`;
}

/** "1 block", "3 blocks". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Transactions as a table, amounts as the node wrote them (`5.0` stays `5.0`). */
export function transactionsTable(transactions: Schema<'TransactionDto'>[]): string {
  const rows = transactions.map(({ sender, recipient, amount }) => [
    printable(sender),
    printable(recipient),
    pythonNumberText(amount),
  ]);
  return table(['sender', 'recipient', 'amount'], rows, [2]);
}

/** A block: its fields, its hash (computed as every node computes it), then its transactions. */
export function blockText(block: Schema<'BlockDto'>): string {
  return [
    fields([
      ['block', pythonNumberText(block.index)],
      ['hash', hashBlock(block as Block)],
      ['time', timeText(block.timestamp)],
      ['proof', pythonNumberText(block.proof)],
      ['previous hash', printable(block.previous_hash)],
      ['transactions', String(block.transactions.length)],
    ]),
    ...(block.transactions.length > 0 ? ['', transactionsTable(block.transactions)] : []),
  ].join('\n');
}
