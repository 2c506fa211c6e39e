import { extname, join } from 'node:path';
import { Worker, WorkerOptions } from 'node:worker_threads';

/**
 * Whether the node runs from its TypeScript sources (under ts-node or ts-jest): its worker threads are TypeScript
 * too, and each compiles its own code as it starts (seconds of CPU) rather than loading it.
 */
export const RUNS_TYPESCRIPT = extname(__filename) === '.ts';

/** Starts a worker thread on the module `name` in `directory`, compiled or from its TypeScript source. */
export function startWorker(directory: string, name: string, options: WorkerOptions = {}): Worker {
  return new Worker(join(directory, `${name}${extname(__filename)}`), {
    ...options,
    execArgv: RUNS_TYPESCRIPT ? ['--require', 'ts-node/register/transpile-only'] : [],
  });
}

/**
 * Resolves once the worker has posted `{ loaded: true }` (its code is in memory); rejects when it fails or exits
 * before that, the error naming it as `what`.
 */
export function workerLoaded(worker: Worker, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    worker.on('message', (message: object) => {
      if ('loaded' in message) resolve();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`${what} exited (${code}) while loading`)));
  });
}
