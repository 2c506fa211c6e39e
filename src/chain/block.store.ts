import type { Statements } from '../database/statements';
import { BlockEntity } from './block.entity';
import type { StoredBlockRow } from './chain-stream';

export type TipRow = Pick<BlockEntity, 'height' | 'hash' | 'proof'>;

/**
 * Every statement on the `blocks` table. Heights run from 1 without gaps, so a read by height is an index lookup.
 * On the node's connection, or on a worker thread's own (see `storeProvider`).
 */
export class BlockStore {
  constructor(private readonly sqlite: Statements) {}

  tip(): TipRow | undefined {
    return this.sqlite.statement<TipRow>('SELECT height, hash, proof FROM blocks ORDER BY height DESC LIMIT 1').get();
  }

  tipAt(height: number): TipRow | undefined {
    return this.sqlite.statement<TipRow>('SELECT height, hash, proof FROM blocks WHERE height = ?').get(height);
  }

  hashAt(height: number): string | undefined {
    return this.sqlite.statement<{ hash: string }>('SELECT hash FROM blocks WHERE height = ?').get(height)?.hash;
  }

  /** The height of the block with this hash, if our chain holds it. */
  heightOf(hash: string): number | undefined {
    return this.sqlite.statement<{ height: number }>('SELECT height FROM blocks WHERE hash = ?').get(hash)?.height;
  }

  bodyAt(height: number): string | undefined {
    return this.sqlite.statement<BodyRow>('SELECT body FROM blocks WHERE height = ?').get(height)?.body;
  }

  bodyWithHash(hash: string): string | undefined {
    return this.sqlite.statement<BodyRow>('SELECT body FROM blocks WHERE hash = ?').get(hash)?.body;
  }

  /** Up to `limit` bodies from height `from` on. */
  bodiesFrom(from: number, limit: number): string[] {
    return this.sqlite
      .statement<BodyRow>('SELECT body FROM blocks WHERE height >= ? ORDER BY height LIMIT ?')
      .all(from, limit)
      .map((row) => row.body);
  }

  /** Up to `limit` hashes from height `from` on. */
  hashesFrom(from: number, limit: number): string[] {
    return this.sqlite
      .statement<{ hash: string }>('SELECT hash FROM blocks WHERE height >= ? ORDER BY height LIMIT ?')
      .all(from, limit)
      .map((row) => row.hash);
  }

  /** Every body above `height`, in chain order. */
  bodiesAbove(height: number): string[] {
    return this.sqlite
      .statement<BodyRow>('SELECT body FROM blocks WHERE height > ? ORDER BY height')
      .all(height)
      .map((row) => row.body);
  }

  /** Up to `limit` rows above `height`, with what is needed to check that pages link up. */
  pageAbove(height: number, limit: number): StoredBlockRow[] {
    return this.sqlite
      .statement<StoredBlockRow>(
        'SELECT height, hash, previous_hash AS previousHash, body FROM blocks WHERE height > ? ORDER BY height LIMIT ?',
      )
      .all(height, limit);
  }

  insert(block: BlockEntity): void {
    this.sqlite
      .statement('INSERT INTO blocks (height, hash, previous_hash, proof, body) VALUES (?, ?, ?, ?, ?)')
      .run(block.height, block.hash, block.previousHash, block.proof, block.body);
  }

  deleteAbove(height: number): void {
    this.sqlite.statement('DELETE FROM blocks WHERE height > ?').run(height);
  }
}

interface BodyRow {
  body: string;
}
