import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { BlockStore } from '../chain/block.store';
import { statementsOn } from '../database/statements';
import type { AddressIndexStepResult, AddressIndexTask, AddressIndexWorkerData } from './address-index-protocol';
import { indexNextBlocks } from './index-blocks';
import { IndexedTransactionStore } from './indexed-transaction.store';

/**
 * A worker thread that brings the address index up to the chain's tip a step at a time, on a connection of its own:
 * the random-keyed index's writes, seconds of them after a long sync, never hold the event loop.
 */
const { databasePath, busyTimeoutMs, nodeBusy } = workerData as AddressIndexWorkerData;
const connection = new Database(databasePath, { timeout: busyTimeoutMs });
// The index is derived from the blocks: a step that a power cut undoes is taken again, so no fsync at each commit.
connection.pragma('synchronous = NORMAL');
// A long step dirties tens of MB of random pages: a bigger cache than SQLite's 2 MB spares reading them again.
connection.pragma(`cache_size = -${32 * 1024}`);
const statements = statementsOn(connection);
const [blocks, index] = [new BlockStore(statements), new IndexedTransactionStore(statements)];
const nodeWrites = () => Atomics.load(nodeBusy, 0) === 1;
const step = connection.transaction((limit: number) => indexNextBlocks(blocks, index, limit, nodeWrites));

function take(limit: number): AddressIndexStepResult {
  try {
    return { reach: step.immediate(limit) };
  } catch (error) {
    // Answered, not thrown: the node retries later, and the worker lives on.
    return { error: (error as Error).message };
  }
}

parentPort!.on('message', (task: AddressIndexTask) => {
  if ('close' in task) {
    connection.close();
    parentPort!.close();
  } else parentPort!.postMessage(take(task.blocks));
});
