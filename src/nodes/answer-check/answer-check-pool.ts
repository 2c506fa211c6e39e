import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import type { TransferListItem, Worker } from 'node:worker_threads';
import { RUNS_TYPESCRIPT, startWorker, workerLoaded } from '../../common/worker-thread';
import {
  AnswerQuestion,
  AnswerReading,
  BlockBatch,
  ChainRules,
  checkBlockBatch,
  readPeerAnswerBytes,
} from '../../core';
import type { AnswerCheckLoaded, AnswerCheckResult, AnswerCheckTask } from './answer-check-protocol';

// Two threads let one check a page while the other reads the next peer's answer; more would take the cores
// requests need.
const THREADS = Math.min(2, availableParallelism());

// An answer this small (in bytes, or a batch in characters) is read on the event loop in well under a millisecond:
// less than a worker's round trip.
const READ_IN_PLACE_SIZE = 64 * 1024;

interface Pending {
  resolve(reading: AnswerReading): void;
  reject(reason: unknown): void;
}

/**
 * Worker threads that parse and check peers' answers (pages of blocks, batches of a streamed GET /chain), so that the
 * event loop only moves text: a sync never holds up a request. Each task goes to the least busy thread.
 */
@Injectable()
export class AnswerCheckPool implements OnModuleInit, OnModuleDestroy {
  private readonly workers = new Map<Worker, Map<number, Pending>>();
  private lastId = 0;
  private closed = false;

  /**
   * Compiled, the threads start with the node, which waits until they have loaded their code: the first sync, a
   * joining node's, does not wait for them. From TypeScript sources each compiles itself (seconds of CPU), so they
   * start with the first big answer instead.
   */
  async onModuleInit(): Promise<void> {
    if (RUNS_TYPESCRIPT) return;
    const started: Promise<void>[] = [];
    while (this.workers.size < THREADS) started.push(workerLoaded(this.spawn(), 'an answer-check worker'));
    await Promise.all(started);
  }

  /**
   * Reads a peer's answer from its bytes. A big one moves to the thread that reads it, rather than being copied
   * there: `bytes` is empty afterwards. (Bytes that share their memory with others are copied first.)
   */
  read(bytes: Uint8Array, question: AnswerQuestion, rules: ChainRules): Promise<AnswerReading> {
    if (bytes.length <= READ_IN_PLACE_SIZE) return Promise.resolve(readPeerAnswerBytes(bytes, question, rules));
    const { buffer } = bytes;
    const whole = buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength;
    const own = whole ? new Uint8Array(buffer) : new Uint8Array(bytes);
    return this.run({ bytes: own, question, rules }, [own.buffer]);
  }

  /** Checks a batch of a streamed chain's blocks (`checkBlockBatch`); batches may be checked side by side. */
  checkBatch(batch: BlockBatch, rules: ChainRules): Promise<AnswerReading> {
    const characters = batch.texts.reduce((total, text) => total + text.length, 0);
    if (characters <= READ_IN_PLACE_SIZE) return Promise.resolve(checkBlockBatch(batch, rules));
    return this.run({ batch, rules });
  }

  private run(task: DistributiveOmit<AnswerCheckTask, 'id'>, transfer: TransferListItem[] = []): Promise<AnswerReading> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('the answer-check workers have shut down'));
      const [worker, pending] = this.leastBusy();
      const id = ++this.lastId;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...task } satisfies AnswerCheckTask, transfer);
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.workers.keys()].map((worker) => worker.terminate()));
  }

  private leastBusy(): [Worker, Map<number, Pending>] {
    while (this.workers.size < THREADS) this.spawn();
    return [...this.workers].reduce((best, entry) => (entry[1].size < best[1].size ? entry : best));
  }

  private spawn(): Worker {
    const worker = startWorker(__dirname, 'answer-check-worker');
    // An idle worker never keeps the process alive.
    worker.unref();
    const pending = new Map<number, Pending>();
    this.workers.set(worker, pending);
    let failure: unknown;
    worker.on('message', (result: AnswerCheckResult | AnswerCheckLoaded) => {
      if ('loaded' in result) return;
      const task = pending.get(result.id);
      pending.delete(result.id);
      if ('error' in result) task?.reject(new Error(result.error));
      else task?.resolve(result.reading);
    });
    worker.on('error', (error) => (failure = error));
    // A worker that dies (out of memory on a hostile answer, say) fails its tasks; the next task starts another.
    worker.on('exit', (code) => {
      this.workers.delete(worker);
      for (const task of pending.values()) task.reject(failure ?? new Error(`an answer-check worker exited (${code})`));
    });
    return worker;
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
