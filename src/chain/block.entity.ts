import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A block as stored: its JSON exactly as served (numbers keep their Python kind) and the columns queries need. */
@Entity('blocks')
export class BlockEntity {
  /** The block's `index`: 1 for genesis, contiguous. */
  @PrimaryColumn('integer', { name: 'height' })
  height: number;

  /**
   * Not indexed: hashes are random, so an index on them rewrites pages all over it at every commit, which made most
   * of a long sync's time. Lookups by hash go through `BlockStore`'s heights by hash, kept in memory.
   */
  @Column('text')
  hash: string;

  @Column('text', { name: 'previous_hash' })
  previousHash: string;

  /** Python's `str(proof)`: what the next block's proof of work hashes. */
  @Column('text')
  proof: string;

  /** Compact, key-sorted, ASCII-escaped JSON: byte for byte what `GET /chain` serves. */
  @Column('text')
  body: string;
}
