import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The node's one identity row: made at first boot, kept for the life of the database. */
@Entity('node_identity')
export class NodeIdentityEntity {
  @PrimaryColumn('integer')
  id: number;

  @Column('text', { name: 'node_id' })
  nodeId: string;
}
