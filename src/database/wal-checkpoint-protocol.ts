/** What the WAL checkpoint worker is started with. */
export interface WalCheckpointWorkerData {
  databasePath: string;
  /** The shortest time between two checkpoints. */
  intervalMs: number;
  /** 1 once a commit has told the worker; the worker sets it back to 0 as a checkpoint starts. */
  checkpointWanted: Int32Array;
}

/**
 * To the worker: the node committed a write (so the log grew), the first since the last checkpoint started; or the
 * node shuts down.
 */
export type WalCheckpointTask = 'committed' | 'close';

/** From the worker: its connection is open; or a checkpoint failed, and why. */
export type WalCheckpointReport = { loaded: true } | { failure: string };
