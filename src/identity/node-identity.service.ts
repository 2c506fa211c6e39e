import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DatabaseWriter } from '../database/database-writer';
import { NodeIdentityEntity } from './node-identity.entity';

const IDENTITY_ROW = 1;

/** The node's id, as the reference makes it (a uuid4 without dashes): the recipient of its mining rewards. */
@Injectable()
export class NodeIdentityService implements OnModuleInit {
  private id: string;

  constructor(private readonly writer: DatabaseWriter) {}

  async onModuleInit(): Promise<void> {
    this.id = await this.writer.run(async (manager) => {
      const existing = await manager.findOneBy(NodeIdentityEntity, { id: IDENTITY_ROW });
      if (existing) return existing.nodeId;
      const nodeId = randomUUID().replace(/-/g, '');
      await manager.insert(NodeIdentityEntity, { id: IDENTITY_ROW, nodeId });
      return nodeId;
    });
  }

  get nodeId(): string {
    return this.id;
  }
}
