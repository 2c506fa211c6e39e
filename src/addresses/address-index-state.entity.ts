import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The one row saying which chain the address index was built for: its tip's height and hash. */
@Entity('address_index_state')
export class AddressIndexStateEntity {
  @PrimaryColumn('integer')
  id: number;

  @Column('text', { name: 'tip_hash' })
  tipHash: string;

  @Column('integer', { name: 'tip_height' })
  tipHeight: number;
}
