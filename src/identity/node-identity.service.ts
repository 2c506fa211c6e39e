import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DatabaseWriter } from '../database/database-writer';
import { NodeIdentityStore } from './node-identity.store';

/** The node's id, as the reference makes it (a uuid4 without dashes): the recipient of its mining rewards. */
@Injectable()
export class NodeIdentityService implements OnModuleInit {
  private id: string;

  constructor(
    private readonly store: NodeIdentityStore,
    private readonly writer: DatabaseWriter,
  ) {}

  async onModuleInit(): Promise<void> {
    this.id = await this.writer.run(() => {
      const existing = this.store.nodeId();
      if (existing !== undefined) return existing;
      const nodeId = randomUUID().replace(/-/g, '');
      this.store.insert(nodeId);
      return nodeId;
    });
  }

  get nodeId(): string {
    return this.id;
  }
}
