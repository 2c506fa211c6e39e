import type { Statements } from '../database/statements';
import type { IndexedTransactionEntity } from './indexed-transaction.entity';

/** The last block the address index covers. */
export interface IndexedTip {
  height: number;
  hash: string;
}

export interface AddressTotals {
  /** Transactions naming the address, as sender, recipient or both. */
  count: number;
  received: number;
  sent: number;
}

const STATE_ROW = 1;

/**
 * Each address's totals over the transactions the two conditions pick: the sender sends, the recipient receives, a
 * payment to oneself is one row that does both. Each side walks its own index.
 */
function totalsOver(senderRows: string, recipientRows: string): string {
  return `
    SELECT address, COUNT(*) AS count, TOTAL(received) AS received, TOTAL(sent) AS sent FROM (
      SELECT sender AS address, CASE WHEN recipient = sender THEN CAST(amount AS REAL) ELSE 0 END AS received,
             CAST(amount AS REAL) AS sent
        FROM indexed_transactions WHERE ${senderRows}
      UNION ALL
      SELECT recipient, CAST(amount AS REAL), 0 FROM indexed_transactions WHERE ${recipientRows} AND sender <> recipient
    ) GROUP BY address`;
}

/** The totals of one address summed anew from the index, a row only if something still names it. */
const RECOUNT = `INSERT INTO address_totals (address, count, received, sent) ${totalsOver(
  'sender = @address',
  'recipient = @address',
)}`;

/** What the transactions of blocks above `@height` add to the totals of each address they name. */
const TOTALS_ABOVE = totalsOver('height > @height', 'height > @height');

/**
 * Every statement on the address index: `indexed_transactions`, the totals kept beside it, the row that dates it.
 * On the node's connection, or on a worker thread's own (see `storeProvider`).
 */
export class IndexedTransactionStore {
  constructor(private readonly sqlite: Statements) {}

  /**
   * Indexes transactions and adds them to the totals of the addresses they name (once for a payment to oneself).
   * The totals are summed here first: one write per address, not per transaction.
   */
  add(rows: IndexedTransactionEntity[]): void {
    const insert = this.sqlite.statement(
      'INSERT INTO indexed_transactions (height, position, sender, recipient, amount) VALUES (?, ?, ?, ?, ?)',
    );
    const totals = new Map<string, AddressTotals>();
    const total = (address: string) => {
      let found = totals.get(address);
      if (!found) totals.set(address, (found = { count: 0, received: 0, sent: 0 }));
      return found;
    };
    for (const row of rows) {
      insert.run(row.height, row.position, row.sender, row.recipient, row.amount);
      const amount = Number(row.amount);
      const sender = total(row.sender);
      sender.count++;
      sender.sent += amount;
      const recipient = total(row.recipient);
      if (recipient !== sender) recipient.count++;
      recipient.received += amount;
    }
    const addTotals = this.sqlite.statement(
      `INSERT INTO address_totals (address, count, received, sent) VALUES (?, ?, ?, ?)
       ON CONFLICT (address) DO UPDATE SET
         count = count + excluded.count, received = received + excluded.received, sent = sent + excluded.sent`,
    );
    for (const [address, { count, received, sent }] of totals) addTotals.run(address, count, received, sent);
  }

  /** Empties the index, and with it the row that dates it. */
  clear(): void {
    for (const table of ['indexed_transactions', 'address_totals', 'address_index_state'])
      this.sqlite.statement(`DELETE FROM ${table}`).run();
  }

  /**
   * Drops the transactions of blocks above `height`, and what they added to the totals of the addresses they named:
   * subtracted where every sum involved is a whole number below 2^53 (so the difference is exact: the mining reward's
   * sender, and most payments), else summed anew from what is left, which for a busy address reads its whole history.
   */
  deleteAbove(height: number): void {
    const dropped = this.sqlite.statement<AddressTotals & { address: string }>(TOTALS_ABOVE).all({ height });
    this.sqlite.statement('DELETE FROM indexed_transactions WHERE height > ?').run(height);
    const remove = this.sqlite.statement('DELETE FROM address_totals WHERE address = ?');
    const subtract = this.sqlite.statement(
      `UPDATE address_totals SET count = count - @count, received = received - @received, sent = sent - @sent
       WHERE address = @address`,
    );
    const recount = this.sqlite.statement(RECOUNT);
    for (const part of dropped) {
      const total = this.totalsFor(part.address);
      if (total.count === part.count) remove.run(part.address);
      else if ([total.received, total.sent, part.received, part.sent].every(Number.isSafeInteger)) subtract.run(part);
      else {
        remove.run(part.address);
        recount.run({ address: part.address });
      }
    }
  }

  /**
   * The transactions naming `address`, newest first. Each side (sent, received) walks its own index in order and
   * stops after `offset + limit` rows; the two are merged here, a payment to oneself counted once.
   */
  pageFor(address: string, offset: number, limit: number): IndexedTransactionEntity[] {
    const wanted = offset + limit;
    const sent = this.sqlite
      .statement<IndexedTransactionEntity>(
        `SELECT height, position, sender, recipient, amount FROM indexed_transactions WHERE sender = ?
         ORDER BY height DESC, position DESC LIMIT ?`,
      )
      .all(address, wanted);
    const received = this.sqlite
      .statement<IndexedTransactionEntity>(
        `SELECT height, position, sender, recipient, amount FROM indexed_transactions
         WHERE recipient = @address AND sender <> @address ORDER BY height DESC, position DESC LIMIT @wanted`,
      )
      .all({ address, wanted });
    return newestFirst(sent, received).slice(offset, wanted);
  }

  totalsFor(address: string): AddressTotals {
    return (
      this.sqlite
        .statement<AddressTotals>('SELECT count, received, sent FROM address_totals WHERE address = ?')
        .get(address) ?? { count: 0, received: 0, sent: 0 }
    );
  }

  /** The block the index was last brought up to, if it ever was. */
  indexedTip(): IndexedTip | undefined {
    return this.sqlite
      .statement<IndexedTip>('SELECT tip_height AS height, tip_hash AS hash FROM address_index_state WHERE id = ?')
      .get(STATE_ROW);
  }

  setIndexedTip({ height, hash }: IndexedTip): void {
    this.sqlite
      .statement(
        'INSERT INTO address_index_state (id, tip_hash, tip_height) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET tip_hash = excluded.tip_hash, tip_height = excluded.tip_height',
      )
      .run(STATE_ROW, hash, height);
  }
}

/** Two lists each newest first (by height, then position), merged into one. */
function newestFirst(a: IndexedTransactionEntity[], b: IndexedTransactionEntity[]): IndexedTransactionEntity[] {
  const merged: IndexedTransactionEntity[] = [];
  let [i, j] = [0, 0];
  while (i < a.length || j < b.length) {
    const takeA = j >= b.length || (i < a.length && (a[i].height - b[j].height || a[i].position - b[j].position) > 0);
    merged.push(takeA ? a[i++] : b[j++]);
  }
  return merged;
}
