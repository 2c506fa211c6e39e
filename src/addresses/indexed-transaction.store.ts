import { Injectable } from '@nestjs/common';
import { Sqlite } from '../database/sqlite';
import type { AddressIndexStateEntity } from './address-index-state.entity';
import type { IndexedTransactionEntity } from './indexed-transaction.entity';

export interface AddressTotals {
  /** Transactions naming the address, as sender, recipient or both. */
  count: number;
  received: number;
  sent: number;
}

const STATE_ROW = 1;

/** Every statement on the address index: `indexed_transactions` and the state row that dates it. */
@Injectable()
export class IndexedTransactionStore {
  constructor(private readonly sqlite: Sqlite) {}

  insert(row: IndexedTransactionEntity): void {
    this.sqlite
      .statement(
        'INSERT INTO indexed_transactions (height, position, sender, recipient, amount) VALUES (?, ?, ?, ?, ?)',
      )
      .run(row.height, row.position, row.sender, row.recipient, row.amount);
  }

  deleteAbove(height: number): void {
    this.sqlite.statement('DELETE FROM indexed_transactions WHERE height > ?').run(height);
  }

  /** The transactions naming `address`, newest first: both arms walk an index, merged, so a page stops early. */
  pageFor(address: string, offset: number, limit: number): IndexedTransactionEntity[] {
    return this.sqlite
      .statement<IndexedTransactionEntity>(
        `SELECT height, position, sender, recipient, amount FROM indexed_transactions WHERE sender = @address
         UNION SELECT height, position, sender, recipient, amount FROM indexed_transactions WHERE recipient = @address
         ORDER BY height DESC, position DESC LIMIT @limit OFFSET @offset`,
      )
      .all({ address, limit, offset });
  }

  totalsFor(address: string): AddressTotals {
    return this.sqlite
      .statement<AddressTotals>(
        `SELECT
           (SELECT COUNT(*) FROM (SELECT height, position FROM indexed_transactions WHERE sender = @address
              UNION SELECT height, position FROM indexed_transactions WHERE recipient = @address)) AS count,
           (SELECT TOTAL(CAST(amount AS REAL)) FROM indexed_transactions WHERE recipient = @address) AS received,
           (SELECT TOTAL(CAST(amount AS REAL)) FROM indexed_transactions WHERE sender = @address) AS sent`,
      )
      .get({ address })!;
  }

  /** The hash of the tip the index was last brought up to, if it ever was. */
  indexedTip(): string | undefined {
    return this.sqlite
      .statement<Pick<AddressIndexStateEntity, 'tipHash'>>(
        'SELECT tip_hash AS tipHash FROM address_index_state WHERE id = ?',
      )
      .get(STATE_ROW)?.tipHash;
  }

  setIndexedTip(hash: string): void {
    this.sqlite
      .statement(
        'INSERT INTO address_index_state (id, tip_hash) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET tip_hash = excluded.tip_hash',
      )
      .run(STATE_ROW, hash);
  }
}
