import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The one way to change the database. SQLite through TypeORM shares a single connection, so two transactions
 * in flight at once would nest and fail; every state change queues here and runs alone, in one transaction.
 */
@Injectable()
export class DatabaseWriter {
  private tail: Promise<unknown> = Promise.resolve();
  /** What to do once the write under way commits; null between writes. */
  private committed: (() => void)[] | null = null;

  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const result = this.tail.then(async () => {
      const committed: (() => void)[] = [];
      this.committed = committed;
      try {
        const value = await this.dataSource.transaction(work);
        for (const callback of committed) callback();
        return value;
      } finally {
        this.committed = null;
      }
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** From inside a write: runs `callback` once that write has committed, and never if it rolls back. */
  afterCommit(callback: () => void): void {
    if (!this.committed) throw new Error('afterCommit is only for code running inside DatabaseWriter.run');
    this.committed.push(callback);
  }
}
