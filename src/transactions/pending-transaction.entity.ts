import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An accepted transaction waiting for a block; `id` gives the arrival order. */
@Entity('pending_transactions')
export class PendingTransactionEntity {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column('text')
  sender: string;

  @Column('text')
  recipient: string;

  /** Python's repr of the amount, so `5.0` stays a float. */
  @Column('text')
  amount: string;

  @Column('real', { name: 'received_at' })
  receivedAt: number;
}
