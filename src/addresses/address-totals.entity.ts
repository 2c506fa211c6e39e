import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What the chain says of one address, kept as the index changes, so an address page never sums its history. */
@Entity('address_totals')
export class AddressTotalsEntity {
  @PrimaryColumn('text')
  address: string;

  /** Transactions naming it, as sender, recipient or both. */
  @Column('integer')
  count: number;

  @Column('real')
  received: number;

  @Column('real')
  sent: number;
}
