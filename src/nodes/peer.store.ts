import { Injectable } from '@nestjs/common';
import { Sqlite } from '../database/sqlite';

/** Every statement on the `peers` table. */
@Injectable()
export class PeerStore {
  constructor(private readonly sqlite: Sqlite) {}

  /** Every peer's address, in the order they were added. */
  addresses(): string[] {
    return this.sqlite
      .statement<{ address: string }>('SELECT address FROM peers ORDER BY added_at, address')
      .all()
      .map((row) => row.address);
  }

  has(address: string): boolean {
    return this.sqlite.statement('SELECT 1 FROM peers WHERE address = ?').get(address) !== undefined;
  }

  count(): number {
    return this.sqlite.statement<{ count: number }>('SELECT COUNT(*) AS count FROM peers').get()!.count;
  }

  insert(address: string, addedAt: number): void {
    this.sqlite.statement('INSERT INTO peers (address, added_at) VALUES (?, ?)').run(address, addedAt);
  }

  /** True when the peer was there. */
  delete(address: string): boolean {
    return this.sqlite.statement('DELETE FROM peers WHERE address = ?').run(address).changes > 0;
  }
}
