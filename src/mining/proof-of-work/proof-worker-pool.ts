import type { Worker } from 'node:worker_threads';
import { RUNS_TYPESCRIPT, startWorker, workerLoaded } from '../../common/worker-thread';
import type { ProofKernel } from './proof-kernels';
import type { ProofTask, ProofTaskResult, ProofWorkerData, ProofWorkerMessage } from './proof-worker-protocol';

/** Why a search ends without a proof when the pool closes: the node is shutting down. */
export class ProofWorkersClosedError extends Error {
  constructor() {
    super('the proof-of-work workers have shut down');
  }
}

interface Search {
  lastProofText: string;
  lastHash: string;
  difficulty: number;
  signal?: AbortSignal;
  onAbort: () => void;
  resolve(proof: number): void;
  reject(reason: unknown): void;
}

/**
 * Long-lived worker threads that search proofs of work together, each trying every `threads`-th proof, so the
 * event loop stays free. One search runs at a time; others wait their turn. A shared flag stops the workers
 * within one batch when a proof is found, a search is aborted, or the pool closes.
 */
export class ProofWorkerPool {
  private readonly currentJob = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  /** Per worker: tasks it has not answered yet, and the job of the last one it was given. */
  private readonly workers = new Map<Worker, { tasks: number; job: number }>();
  private readonly queue: Search[] = [];
  private active?: { job: number; search: Search };
  private lastJob = 0;
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(
    readonly kernel: ProofKernel,
    readonly threads: number,
  ) {}

  /**
   * Compiled, the workers start with the node, which waits until they have loaded their code: from then on it runs
   * the build it started from, whatever `npm run build` does to dist/ (it deletes the folder, then writes it again).
   * Run from TypeScript sources, which no build touches, they start with the first search instead, since each
   * compiles itself (most of a second of CPU).
   */
  async start(): Promise<void> {
    if (RUNS_TYPESCRIPT) return;
    await Promise.all(this.spawnMissingWorkers().map((worker) => workerLoaded(worker, 'a proof-of-work worker')));
  }

  /** A valid proof after `lastProofText` (Python's str() of the last proof) and `lastHash`; any one will do. */
  search(lastProofText: string, lastHash: string, difficulty: number, signal?: AbortSignal): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      if (this.closed) return reject(new ProofWorkersClosedError());
      if (signal?.aborted) return reject(signal.reason as Error);
      const search: Search = {
        lastProofText,
        lastHash,
        difficulty,
        signal,
        resolve,
        reject,
        onAbort: () => this.settle(search, () => reject(signal!.reason as Error)),
      };
      signal?.addEventListener('abort', search.onAbort, { once: true });
      this.queue.push(search);
      this.startNext();
    });
  }

  /** Resolves once no worker is hashing. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    const stopped = new ProofWorkersClosedError();
    for (const search of [...(this.active ? [this.active.search] : []), ...this.queue]) {
      this.settle(search, () => search.reject(stopped));
    }
    await Promise.all([...this.workers.keys()].map((worker) => worker.terminate()));
  }

  private startNext(): void {
    if (this.active || this.closed) return;
    const search = this.queue.shift();
    if (!search) return;
    this.spawnMissingWorkers();
    const job = (this.lastJob = (this.lastJob % 0x7fffffff) + 1);
    this.active = { job, search };
    Atomics.store(this.currentJob, 0, job);
    const { lastProofText, lastHash, difficulty } = search;
    [...this.workers].forEach(([worker, state], index) => {
      const task: ProofTask = { job, lastProofText, lastHash, difficulty, start: index, step: this.threads };
      state.tasks++;
      state.job = job;
      worker.postMessage(task);
    });
  }

  /** Ends a search, running or queued, exactly once, and moves on to the next. */
  private settle(search: Search, outcome: () => void): void {
    search.signal?.removeEventListener('abort', search.onAbort);
    if (this.active?.search === search) {
      this.active = undefined;
      Atomics.store(this.currentJob, 0, 0);
    } else {
      const index = this.queue.indexOf(search);
      if (index < 0) return;
      this.queue.splice(index, 1);
    }
    outcome();
    this.startNext();
  }

  /** Replaces workers that died, so a failure costs one search, not the pool. Returns the new ones. */
  private spawnMissingWorkers(): Worker[] {
    const spawned: Worker[] = [];
    while (this.workers.size < this.threads) {
      const data: ProofWorkerData = { kernel: this.kernel.id, currentJob: this.currentJob };
      const worker = startWorker(__dirname, 'proof-worker', { workerData: data });
      this.workers.set(worker, { tasks: 0, job: 0 });
      let failure: unknown;
      spawned.push(worker);
      worker.on('message', (message: ProofWorkerMessage) => {
        if (!('loaded' in message)) this.answered(worker, message);
      });
      worker.on('error', (error) => (failure = error));
      worker.on('exit', (code) => this.exited(worker, failure ?? new Error(`a proof-of-work worker exited (${code})`)));
    }
    return spawned;
  }

  private answered(worker: Worker, result: ProofTaskResult): void {
    this.workers.get(worker)!.tasks--;
    const search = this.active?.job === result.job ? this.active.search : undefined;
    if ('error' in result) {
      const { error } = result;
      if (search) this.settle(search, () => search.reject(error));
    } else {
      const { proof } = result;
      if (search && proof !== null) this.settle(search, () => search.resolve(proof));
    }
    this.notifyIfIdle();
  }

  /** A worker that dies unexpectedly fails the search it had a share of. */
  private exited(worker: Worker, failure: unknown): void {
    const { tasks, job } = this.workers.get(worker)!;
    this.workers.delete(worker);
    const search = tasks > 0 && this.active?.job === job ? this.active.search : undefined;
    if (search && !this.closed) this.settle(search, () => search.reject(failure));
    this.notifyIfIdle();
  }

  private isIdle(): boolean {
    return [...this.workers.values()].every(({ tasks }) => tasks === 0);
  }

  private notifyIfIdle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
