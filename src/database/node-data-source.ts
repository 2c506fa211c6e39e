import { DataSource } from 'typeorm';
import { dataSourceOptions, NODE_SCHEMA } from './data-source-options';
import { assertNodeDatabaseFile } from './database-file';
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

  /** Refuses a file that is not this node's database (leaving it as it was), then takes the lock, then opens it. */
  override async initialize(): Promise<this> {
    if (this.databasePath !== ':memory:') {
      assertNodeDatabaseFile(this.databasePath, NODE_SCHEMA);
      this.lock = DatabaseLock.acquire(this.databasePath);
    }
    try {
      return await super.initialize();
    } catch (error) {
      this.releaseLock();
      throw error;
    }
  }

  override async destroy(): Promise<void> {
    // Released only once the connection is closed: until then this node may still write.
    await super.destroy();
    this.releaseLock();
  }

  private releaseLock(): void {
    this.lock?.release();
    this.lock = undefined;
  }
}
