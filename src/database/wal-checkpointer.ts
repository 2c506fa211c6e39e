import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { Subscription } from 'rxjs';
import { RUNS_TYPESCRIPT, startWorker, workerLoaded } from '../common/worker-thread';
import { NodeConfig } from '../config/node-config';
import { DatabaseWriter } from './database-writer';
import { Sqlite } from './sqlite';
import type { WalCheckpointReport, WalCheckpointTask, WalCheckpointWorkerData } from './wal-checkpoint-protocol';

/** SQLite's own setting: the commit that takes the log past 1,000 pages (4 MB) checkpoints it. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;
/**
 * While the worker checkpoints, a commit on the event loop checkpoints only a log past 64 MB: never, unless the
 * worker falls that far behind.
 */
const BACKSTOP_AUTOCHECKPOINT_PAGES = 16 * 1024;
/** The shortest time between two checkpoints: while the node writes, the log grows by what that time holds. */
const CHECKPOINT_INTERVAL_MS = 250;

/**
 * Copies the write-ahead log into the database file on a worker thread with its own connection
 * (`wal-checkpoint-worker.ts`). Otherwise SQLite does it inside whichever commit takes the log past 1,000 pages, on
 * the event loop: while a node adopted a long chain, those checkpoints were most of the time its commits took, and
 * the longest waits of the requests in between. Compiled only: from TypeScript sources (tests, `ts-node`) a worker
 * would first compile itself, and SQLite's own checkpoints serve.
 */
@Injectable()
export class WalCheckpointer implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(WalCheckpointer.name);
  private worker?: Worker;
  private commits?: Subscription;

  constructor(
    private readonly sqlite: Sqlite,
    private readonly writer: DatabaseWriter,
    private readonly config: NodeConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!RUNS_TYPESCRIPT) await this.start();
  }

  /** Starts the worker (a database in memory has no log to checkpoint); on failure, SQLite's own checkpoints serve. */
  async start(): Promise<void> {
    if (this.config.databasePath === ':memory:') return;
    const checkpointWanted = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    const worker = startWorker(__dirname, 'wal-checkpoint-worker', {
      workerData: {
        databasePath: this.config.databasePath,
        intervalMs: CHECKPOINT_INTERVAL_MS,
        checkpointWanted,
      } satisfies WalCheckpointWorkerData,
    });
    try {
      await workerLoaded(worker, 'the checkpoint worker');
    } catch (error) {
      this.logger.warn(`Checkpoints stay in the commits: the checkpoint worker did not start (${String(error)})`);
      await worker.terminate();
      return;
    }
    this.worker = worker;
    worker.on('message', (report: WalCheckpointReport) => {
      if ('failure' in report) this.logger.warn(`A checkpoint failed, to be tried again: ${report.failure}`);
    });
    worker.on('error', (error) => this.logger.error(`The checkpoint worker failed: ${error.message}`));
    worker.on('exit', () => this.stopped());
    this.setAutocheckpoint(BACKSTOP_AUTOCHECKPOINT_PAGES);
    this.commits = this.writer.commits.subscribe(() => {
      // Only the first commit since the worker's last checkpoint started tells it: a long sync commits dozens of times
      // between two checkpoints, and a message per commit cost a 150,000-block join's event loop 170 ms.
      if (Atomics.exchange(checkpointWanted, 0, 1) === 0) worker.postMessage('committed' satisfies WalCheckpointTask);
    });
  }

  async onModuleDestroy(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.stopped();
    // Its connection closes before the node's: the node's, the last, checkpoints what is left and removes the log.
    const exited = once(worker, 'exit');
    worker.postMessage('close' satisfies WalCheckpointTask);
    await exited;
  }

  /** No worker any more (the node shuts down, or it died): the commits checkpoint again, as SQLite does by itself. */
  private stopped(): void {
    if (!this.worker) return;
    this.worker = undefined;
    this.commits?.unsubscribe();
    this.setAutocheckpoint(SQLITE_AUTOCHECKPOINT_PAGES);
  }

  private setAutocheckpoint(pages: number): void {
    this.sqlite.connection.pragma(`wal_autocheckpoint = ${pages}`);
  }
}
