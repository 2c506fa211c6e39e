import type { Statements } from '../database/statements';
import { BlockEntity } from './block.entity';
import type { StoredBlockRow } from './chain-stream';
import { HASH_KEY_DIGITS, HeightsByHash } from './heights-by-hash';

export type TipRow = Pick<BlockEntity, 'height' | 'hash' | 'proof'>;

/**
 * Every statement on the `blocks` table. Heights run from 1 without gaps, so a read by height is an index lookup.
 * On the node's connection, or on a worker thread's own (see `storeProvider`).
 */
export class BlockStore {
  /** Loaded on the first lookup by hash, with one scan of the table; kept up by every insert since. */
  private heightsByHash?: HeightsByHash;

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
    return this.byHash()
      .candidates(hash)
      .find((height) => this.hashAt(height) === hash);
  }

  bodyAt(height: number): string | undefined {
    return this.sqlite.statement<BodyRow>('SELECT body FROM blocks WHERE height = ?').get(height)?.body;
  }

  bodyWithHash(hash: string): string | undefined {
    const height = this.heightOf(hash);
    return height === undefined ? undefined : this.bodyAt(height);
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

  /** Inserts the rows, many to a statement: one call into SQLite for 50 rows costs far less than 50 calls. */
  insert(rows: BlockEntity[]): void {
    for (let start = 0; start < rows.length; start += INSERT_ROWS) {
      const chunk = rows.slice(start, start + INSERT_ROWS);
      this.sqlite
        .statement(insertSql(chunk.length))
        .run(chunk.flatMap((row) => [row.height, row.hash, row.previousHash, row.proof, row.body]));
      for (const row of chunk) this.heightsByHash?.add(row.hash, row.height);
    }
  }

  deleteAbove(height: number): void {
    this.sqlite.statement('DELETE FROM blocks WHERE height > ?').run(height);
  }

  private byHash(): HeightsByHash {
    if (!this.heightsByHash) {
      const heights = new HeightsByHash();
      // One string rather than a row each: making rows is most of a scan's time in better-sqlite3 (1.5 µs a row).
      const entries = this.sqlite
        .statement<{ entries: string | null }>(
          `SELECT group_concat(substr(hash, 1, ${HASH_KEY_DIGITS}) || height, ',') AS entries FROM blocks`,
        )
        .get()!.entries;
      for (const entry of entries?.split(',') ?? []) {
        heights.addKey(entry.slice(0, HASH_KEY_DIGITS), Number(entry.slice(HASH_KEY_DIGITS)));
      }
      this.heightsByHash = heights;
    }
    return this.heightsByHash;
  }
}

const INSERT_ROWS = 50;

/** The statement inserting `rows` rows. */
function insertSql(rows: number): string {
  return `INSERT INTO blocks (height, hash, previous_hash, proof, body) VALUES ${new Array<string>(rows).fill('(?, ?, ?, ?, ?)').join(', ')}`;
}

interface BodyRow {
  body: string;
}
