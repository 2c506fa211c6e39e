import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('peers')
export class PeerEntity {
  /** `host:port` for plain HTTP (as the reference lists peers), or an `https://` base URL. */
  @PrimaryColumn('text')
  address: string;

  @Column('real', { name: 'added_at' })
  addedAt: number;
}
