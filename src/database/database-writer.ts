import { HttpException, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { NodeConfig } from '../config/node-config';
import { Sqlite } from './sqlite';
import { isBusy, sqliteErrorCode } from './sqlite-error';

/** The longest pause between two tries for the write lock while another process holds it. */
const MAX_BUSY_RETRY_MS = 50;

/** How the last write ended: committed, or failed for a reason of the database's (not a refusal of its content). */
export interface WriteOutcome {
  ok: boolean;
  /** Date.now() when it ended. */
  at: number;
  /** The SQLite code, or the error's message, of a failed write. */
  failure?: string;
}

/**
 * The one way to change the database. Each write is a function that runs synchronously between `BEGIN IMMEDIATE`
 * and `COMMIT` on the node's connection, so no read can ever see it half done, and writes queue to run one at a
 * time. The transaction is ours, not TypeORM's: after any failure the connection's own state (`inTransaction`) is
 * checked and cleared, so the next write always starts from a clean connection, as on a fresh start.
 */
@Injectable()
export class DatabaseWriter {
  private readonly logger = new Logger(DatabaseWriter.name);
  private tail: Promise<unknown> = Promise.resolve();
  /** What to do once the write under way commits; null between writes. */
  private committed: (() => void)[] | null = null;
  private outcome?: WriteOutcome;
  private probing = false;

  constructor(
    private readonly sqlite: Sqlite,
    private readonly config: NodeConfig,
  ) {}

  /**
   * Runs `work` in its own transaction once the writes before it are done. Resolves to its result after the commit
   * (fsynced: nothing is acknowledged before it is on disk). Otherwise everything is rolled back and it rejects with
   * the HTTP error `work` threw (a refusal), or with a 503 for any other failure, the database's included.
   */
  run<T>(work: () => T): Promise<T> {
    const result = this.tail
      .then(() => this.runAlone(work))
      .catch((error) => {
        throw error instanceof HttpException ? error : writeFailed(error);
      });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** How the last write ended; undefined before the first. */
  lastOutcome(): WriteOutcome | undefined {
    return this.outcome;
  }

  /**
   * Starts a write that changes nothing but still goes to disk (the header's user_version, rewritten with its own
   * value: a page in the log, a commit, an fsync), unless one is under way, so that `lastOutcome` says whether the
   * database takes writes now. Not awaited: a write may wait for the lock for DATABASE_BUSY_TIMEOUT_MS.
   */
  probe(): void {
    if (this.probing) return;
    this.probing = true;
    const connection = this.sqlite.connection;
    this.run(() => connection.pragma(`user_version = ${connection.pragma('user_version', { simple: true }) as number}`))
      .catch(() => undefined)
      .finally(() => (this.probing = false));
  }

  /** From inside a write: runs `callback` once that write has committed, and never if it rolls back. */
  afterCommit(callback: () => void): void {
    if (!this.committed) throw new Error('afterCommit is only for code running inside DatabaseWriter.run');
    this.committed.push(callback);
  }

  private async runAlone<T>(work: () => T): Promise<T> {
    await this.begin();
    const committed: (() => void)[] = [];
    this.committed = committed;
    try {
      const value = work();
      if (value instanceof Promise) throw new Error('A DatabaseWriter write must be synchronous');
      this.sqlite.connection.exec('COMMIT');
      this.committed = null;
      this.outcome = { ok: true, at: Date.now() };
      for (const callback of committed) callback();
      return value;
    } catch (error) {
      this.committed = null;
      this.rollBack(error);
      throw error;
    }
  }

  /** Takes the write lock, waiting (without blocking the event loop) while another process holds it. */
  private async begin(): Promise<void> {
    const deadline = Date.now() + this.config.databaseBusyTimeoutMs;
    for (let pause = 1; ; pause = Math.min(2 * pause, MAX_BUSY_RETRY_MS)) {
      try {
        this.clearOpenTransaction();
        this.sqlite.connection.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() >= deadline) {
          this.logger.error(`A write could not start: ${describe(error)}`);
          this.recordFailure(error);
          throw error;
        }
      }
      await sleep(pause);
    }
  }

  /** SQLite ends a transaction itself on some failed commits (a full disk); otherwise it is rolled back here. */
  private rollBack(cause: unknown): void {
    if (!(cause instanceof HttpException)) {
      this.logger.error(`A write failed and was rolled back: ${describe(cause)}`);
      this.recordFailure(cause);
    }
    try {
      this.clearOpenTransaction();
    } catch (error) {
      // The next write tries again before it begins, and fails rather than run inside this transaction.
      this.logger.error(`A failed write could not be rolled back yet: ${describe(error)}`);
    }
  }

  private recordFailure(error: unknown): void {
    this.outcome = { ok: false, at: Date.now(), failure: sqliteErrorCode(error) ?? (error as Error).message };
  }

  private clearOpenTransaction(): void {
    if (this.sqlite.connection.inTransaction) this.sqlite.connection.exec('ROLLBACK');
  }
}

function writeFailed(cause: unknown): ServiceUnavailableException {
  const reason = sqliteErrorCode(cause) ?? 'an internal error';
  return new ServiceUnavailableException(`Nothing was stored: the database write failed (${reason}). Retry later.`, {
    cause,
    description: 'Service Unavailable',
  });
}

function describe(error: unknown): string {
  const code = sqliteErrorCode(error);
  return code ? `${code}: ${(error as Error).message}` : ((error as Error).stack ?? String(error));
}
