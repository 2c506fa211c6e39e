import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { DatabaseLock } from './database-lock';

/**
 * The node's database, held for as long as it is open: no other node (nor the migration CLI) can open the same file
 * meanwhile, so the in-memory state a node keeps about its chain is never made stale by another process's writes.
 */
export class NodeDataSource extends DataSource {
  private lock?: DatabaseLock;

  constructor(private readonly databasePath: string) {
    super(dataSourceOptions(databasePath));
  }

  override async initialize(): Promise<this> {
    if (this.databasePath !== ':memory:') this.lock = DatabaseLock.acquire(this.databasePath);
    try {
      return await super.initialize();
    } catch (error) {
      this.releaseLock();
      throw error;
    }
  }

  override async destroy(): Promise<void> {
    try {
      await super.destroy();
    } finally {
      this.releaseLock();
    }
  }

  private releaseLock(): void {
    this.lock?.release();
    this.lock = undefined;
  }
}
