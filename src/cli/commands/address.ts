import { numberValue, pythonNumberText, RawJson } from '../../core/python-json';
import type { Schema } from '../answers';
import { fields, printable, table } from '../format';
import { GlobalOptions, Session } from '../session';

/** `address <address>`: GET /addresses/{address}, a page of its transactions, newest first. */
export async function address(
  options: GlobalOptions,
  address: string,
  page: { offset?: number; limit?: number },
): Promise<void> {
  const session = new Session(options);
  const answer = await session.ask<Schema<'AddressResponseDto'>>((client) =>
    client.GET('/addresses/{address}', { params: { path: { address }, query: page }, parseAs: 'text' }),
  );
  session.print(new RawJson(answer.text), () => {
    const { received, sent, balance, length, offset, transactions } = answer.value;
    const first = numberValue(offset) + 1;
    const shown =
      transactions.length === 0 ? '' : ` (${first} to ${first + transactions.length - 1} below, newest first)`;
    const summary = fields([
      ['address', printable(answer.value.address)],
      ['received', pythonNumberText(received)],
      ['sent', pythonNumberText(sent)],
      ['balance', pythonNumberText(balance)],
      ['transactions', `${pythonNumberText(length)}${shown}`],
      // Below the chain's length while the node's address index catches up after a long sync.
      ['as of block', pythonNumberText(answer.value.height)],
    ]);
    if (transactions.length === 0) return summary;
    const rows = transactions.map((transaction) => [
      pythonNumberText(transaction.index),
      pythonNumberText(transaction.position),
      printable(transaction.sender),
      printable(transaction.recipient),
      pythonNumberText(transaction.amount),
    ]);
    return `${summary}\n\n${table(['block', 'position', 'sender', 'recipient', 'amount'], rows, [0, 1, 4])}`;
  });
}
