import { pythonNumberText, RawJson } from '../../core/python-json';
import type { Schema } from '../answers';
import { count, transactionsTable } from '../format';
import { withProgress } from '../progress';
import { GlobalOptions, Session } from '../session';

/** `mine`: POST /mine, with a progress line while the proof of work is searched for. */
export async function mine(options: GlobalOptions): Promise<void> {
  const session = new Session(options);
  const answer = await withProgress(
    `Mining on ${options.node}...`,
    session.ask<Schema<'MineResponseDto'>>((client) => client.POST('/mine', { parseAs: 'text' })),
  );
  session.print(new RawJson(answer.text), () => {
    const { message, index, proof, transactions } = answer.value;
    const summary = `${message}: block ${pythonNumberText(index)}, proof ${pythonNumberText(proof)}, ${count(transactions.length, 'transaction')}`;
    return `${summary}\n${transactionsTable(transactions)}`;
  });
}
