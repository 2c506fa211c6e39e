import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { WalCheckpointReport, WalCheckpointTask, WalCheckpointWorkerData } from './wal-checkpoint-protocol';

/** A log this long (16 MB) is made to start over (see below). */
const RESTART_PAGES = 4096;

/** What `PRAGMA wal_checkpoint` answers: pages in the log, and how many of them are in the database file now. */
interface CheckpointRow {
  busy: number;
  log: number;
  checkpointed: number;
}

/**
 * A worker thread that copies the write-ahead log into the database file (a checkpoint), on a connection of its own,
 * a moment after the node's commits: the commits on the event loop only append to the log. A PASSIVE checkpoint
 * never waits for a lock and never holds up a writer or a reader; what it cannot copy yet, the next one does.
 */
const { databasePath, intervalMs, checkpointWanted } = workerData as WalCheckpointWorkerData;
const connection = new Database(databasePath, { fileMustExist: true, timeout: 0 });
let lastCheckpoint = 0;
let scheduled: NodeJS.Timeout | undefined;
let failing = false;

function checkpoint(): void {
  scheduled = undefined;
  lastCheckpoint = performance.now();
  // A commit from now on may not be in this checkpoint: it tells the worker again.
  Atomics.store(checkpointWanted, 0, 0);
  try {
    const [{ log }] = connection.pragma('wal_checkpoint(PASSIVE)') as CheckpointRow[];
    // While the node writes without a pause, the log is never all copied when a write starts, so it never starts
    // over. A RESTART copies the rest while no write runs (or gives up at once when one does), and then it does.
    if (log > RESTART_PAGES) connection.pragma('wal_checkpoint(RESTART)');
    failing = false;
  } catch (error) {
    // Told once per run of failures (a full disk, say): the next commit's checkpoint tries again.
    if (!failing) parentPort!.postMessage({ failure: (error as Error).message } satisfies WalCheckpointReport);
    failing = true;
  }
}

parentPort!.on('message', (task: WalCheckpointTask) => {
  if (task === 'close') {
    clearTimeout(scheduled);
    connection.close();
    parentPort!.close();
  } else {
    scheduled ??= setTimeout(checkpoint, Math.max(0, lastCheckpoint + intervalMs - performance.now()));
  }
});
parentPort!.postMessage({ loaded: true } satisfies WalCheckpointReport);
