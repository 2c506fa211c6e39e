import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One transaction of the chain, indexed by the addresses it names, so that an address's history is an index range
 * at any chain length. Kept in the same writes as the blocks it comes from.
 */
@Entity('indexed_transactions')
// Each index holds what an address page reads (newest first) and sums, so neither touches the table itself.
@Index('IDX_indexed_transactions_sender', ['sender', 'height', 'position', 'recipient', 'amount'])
@Index('IDX_indexed_transactions_recipient', ['recipient', 'height', 'position', 'sender', 'amount'])
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
