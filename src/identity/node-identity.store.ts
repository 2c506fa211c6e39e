import { Injectable } from '@nestjs/common';
import { Sqlite } from '../database/sqlite';

/** The `node_identity` table: one row, made at first boot. */
@Injectable()
export class NodeIdentityStore {
  constructor(private readonly sqlite: Sqlite) {}

  nodeId(): string | undefined {
    return this.sqlite.statement<{ nodeId: string }>('SELECT node_id AS nodeId FROM node_identity WHERE id = 1').get()
      ?.nodeId;
  }

  insert(nodeId: string): void {
    this.sqlite.statement('INSERT INTO node_identity (id, node_id) VALUES (1, ?)').run(nodeId);
  }
}
