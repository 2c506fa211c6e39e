import { dumpJson, RawJson } from '../../core/python-json';
import type { Schema } from '../answers';
import { count, transactionsTable } from '../format';
import { GlobalOptions, Session } from '../session';

/** `send <sender> <recipient> <amount>`: POST /transactions/new with the amount exactly as typed (`5.0` stays). */
export async function send(options: GlobalOptions, sender: string, recipient: string, amount: string): Promise<void> {
  const session = new Session(options);
  const answer = await session.ask<Schema<'MessageResponseDto'>>((client) =>
    client.POST('/transactions/new', {
      // The typed body for the compiler; the text sent carries the amount's own literal, which JSON.stringify
      // would turn from 5.0 into 5.
      body: { sender, recipient, amount: Number(amount) },
      bodySerializer: () => dumpJson({ sender, recipient, amount: new RawJson(amount) }),
      parseAs: 'text',
    }),
  );
  session.print(new RawJson(answer.text), () => answer.value.message);
}

/** `pending`: GET /transactions/pending. */
export async function pending(options: GlobalOptions): Promise<void> {
  const session = new Session(options);
  const answer = await session.ask<Schema<'PendingTransactionsResponseDto'>>((client) =>
    client.GET('/transactions/pending', { parseAs: 'text' }),
  );
  session.print(new RawJson(answer.text), () => {
    const { transactions } = answer.value;
    if (transactions.length === 0) return 'No pending transactions.';
    return `${count(transactions.length, 'pending transaction')}, in arrival order:\n${transactionsTable(transactions)}`;
  });
}
