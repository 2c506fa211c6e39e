/** What the WAL checkpoint worker is started with. */
export interface WalCheckpointWorkerData {
  databasePath: string;
  /** The shortest time between two checkpoints. */
  intervalMs: number;
}

/** To the worker: the node committed a write (so the log grew), or the node shuts down. */
export type WalCheckpointTask = 'committed' | 'close';

/** From the worker: its connection is open; or a checkpoint failed, and why. */
export type WalCheckpointReport = { loaded: true } | { failure: string };
