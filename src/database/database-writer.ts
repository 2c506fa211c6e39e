import { HttpException, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Subject } from 'rxjs';
import { NodeConfig } from '../config/node-config';
import { Sqlite } from './sqlite';
import { errorReason, isBusy, sqliteErrorCode } from './sqlite-error';

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

/** How a write goes to disk. */
export interface WriteOptions {
  /**
   * false: committed without waiting for the disk (WAL's `synchronous = NORMAL`), for a write that acknowledges
   * nothing to anyone, such as a peer's blocks adopted. A power cut may undo it, and with it only the writes after
   * it that were not durable either: the database is left as it was before them, consistent.
   */
  durable?: boolean;
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
  /** Writes asked for and not yet ended. */
  private queued = 0;
  /**
   * 1 while the node has a write queued or under way, else 0: a worker thread's long transaction on another
   * connection (the address index catching up) reads it and commits early, so that the node's writes come first.
   */
  readonly busy = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  /** Every commit, as it happens (before what was to run after it). */
  readonly commits = new Subject<void>();

  constructor(
    private readonly sqlite: Sqlite,
    private readonly config: NodeConfig,
  ) {}

  /**
   * Runs `work` in its own transaction once the writes before it are done. Resolves to its result after the commit
   * (fsynced, unless `durable` is false: nothing is acknowledged before it is on disk). Otherwise everything is rolled
   * back and it rejects with the HTTP error `work` threw (a refusal), or with a 503 for any other failure, the
   * database's included.
   */
  run<T>(work: () => T, { durable = true }: WriteOptions = {}): Promise<T> {
    // Queued writes share the wait for a lock held elsewhere: none waits longer than the timeout from its request.
    const deadline = Date.now() + this.config.databaseBusyTimeoutMs;
    this.queued++;
    Atomics.store(this.busy, 0, 1);
    const result = this.tail
      .then(() => this.runAlone(work, deadline, durable))
      .catch((error) => {
        throw error instanceof HttpException ? error : writeFailed(error);
      })
      .finally(() => {
        if (--this.queued === 0) Atomics.store(this.busy, 0, 0);
      });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once no write is queued or under way. */
  async idle(): Promise<void> {
    while (this.queued > 0) await this.tail;
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

  private async runAlone<T>(work: () => T, deadline: number, durable: boolean): Promise<T> {
    await this.begin(deadline, durable);
    const committed: (() => void)[] = [];
    this.committed = committed;
    let value: T;
    try {
      value = work();
      if (value instanceof Promise) throw new Error('A DatabaseWriter write must be synchronous');
      this.sqlite.commit();
      this.outcome = { ok: true, at: Date.now() };
    } catch (error) {
      this.rollBack(error);
      throw error;
    } finally {
      this.committed = null;
    }
    this.commits.next();
    // Committed: whatever a callback does, the write stands and is acknowledged.
    for (const callback of committed) {
      try {
        callback();
      } catch (error) {
        this.logger.error(`A callback after a commit failed: ${describe(error)}`);
      }
    }
    return value;
  }

  /** Takes the write lock, waiting (without blocking the event loop) while another process holds it. */
  private async begin(deadline: number, durable: boolean): Promise<void> {
    for (let pause = 1; ; pause = Math.min(2 * pause, MAX_BUSY_RETRY_MS)) {
      try {
        this.sqlite.begin(durable);
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
    try {
      this.sqlite.rollBack();
    } catch (error) {
      // Every later read or write tries again first, and fails rather than see or extend this transaction.
      this.logger.error(`A failed write could not be rolled back yet: ${describe(error)}`);
    }
    if (!(cause instanceof HttpException)) {
      this.logger.error(`A write failed and was rolled back: ${describe(cause)}`);
      this.recordFailure(cause);
    }
  }

  private recordFailure(error: unknown): void {
    this.outcome = { ok: false, at: Date.now(), failure: errorReason(error) };
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
  if (code) return `${code}: ${(error as Error).message}`;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
