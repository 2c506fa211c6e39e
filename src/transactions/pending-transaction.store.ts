import { Injectable } from '@nestjs/common';
import { Sqlite } from '../database/sqlite';
import { PendingTransactionEntity } from './pending-transaction.entity';

/** Every statement on the `pending_transactions` table; ids give the arrival order. */
@Injectable()
export class PendingTransactionStore {
  constructor(private readonly sqlite: Sqlite) {}

  all(): PendingTransactionEntity[] {
    return this.sqlite
      .statement<PendingTransactionEntity>(
        'SELECT id, sender, recipient, amount, received_at AS receivedAt FROM pending_transactions ORDER BY id',
      )
      .all();
  }

  count(): number {
    return this.sqlite.statement<{ count: number }>('SELECT COUNT(*) AS count FROM pending_transactions').get()!.count;
  }

  /** Inserts in order; a row without an id takes the next one after the last. */
  insert(rows: (Omit<PendingTransactionEntity, 'id'> & { id?: number })[]): void {
    const insert = this.sqlite.statement(
      'INSERT INTO pending_transactions (id, sender, recipient, amount, received_at) VALUES (?, ?, ?, ?, ?)',
    );
    for (const row of rows) insert.run(row.id ?? null, row.sender, row.recipient, row.amount, row.receivedAt);
  }

  delete(ids: number[]): void {
    const remove = this.sqlite.statement('DELETE FROM pending_transactions WHERE id = ?');
    for (const id of ids) remove.run(id);
  }
}
