import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One transaction of the chain, indexed by the addresses it names, so that an address's history is an index range
 * at any chain length. Kept in the same writes as the blocks it comes from.
 */
@Entity('indexed_transactions')
// Newest first by sender and by recipient: a page is a walk down each. Totals are kept apart (address_totals).
@Index('IDX_indexed_transactions_sender', ['sender', 'height', 'position'])
@Index('IDX_indexed_transactions_recipient', ['recipient', 'height', 'position'])
export class IndexedTransactionEntity {
  /** The index of the block that holds it. */
  @PrimaryColumn('integer')
  height: number;

  /** Its place among the block's transactions, from 0. */
  @PrimaryColumn('integer')
  position: number;

  @Column('text')
  sender: string;

  @Column('text')
  recipient: string;

  /** Python's repr of the amount, so `5.0` stays a float. */
  @Column('text')
  amount: string;
}
