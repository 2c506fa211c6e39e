import type { IndexReach } from './index-blocks';

/** What the address-index worker is started with. */
export interface AddressIndexWorkerData {
  databasePath: string;
  /** How long a step waits for the write lock while the node writes. */
  busyTimeoutMs: number;
  /** The node's `DatabaseWriter.busy`: a step ends early, after the block it is on, once it is 1. */
  nodeBusy: Int32Array;
}

/** A step to take (index up to `blocks` more blocks, in one transaction), or the end of the worker's work. */
export type AddressIndexTask = { blocks: number } | { close: true };

export type AddressIndexStepResult = { reach: IndexReach } | { error: string };
