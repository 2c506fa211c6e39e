import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AnswerQuestion, AnswerReading, ChainRules, readPeerAnswer } from '../../core';
import type { AnswerCheckResult, AnswerCheckTask } from './answer-check-protocol';

// Under ts-node or ts-jest this module is TypeScript and so is the worker beside it: let the worker compile itself.
const RUNS_TYPESCRIPT = extname(__filename) === '.ts';
const WORKER_FILE = join(__dirname, `answer-check-worker${extname(__filename)}`);
const WORKER_EXEC_ARGV = RUNS_TYPESCRIPT ? ['--require', 'ts-node/register/transpile-only'] : [];

// Two threads let one check a page while the other reads the next peer's answer; more would take the cores
// requests need.
const THREADS = Math.min(2, availableParallelism());

// An answer this small is read on the event loop in well under a millisecond: less than a worker's round trip.
const READ_IN_PLACE_CHARACTERS = 64 * 1024;

interface Pending {
  resolve(reading: AnswerReading): void;
  reject(reason: unknown): void;
}

/**
 * Worker threads that parse and check peers' answers (GET /chain, pages of blocks), so that the event loop only
 * moves text: a sync never holds up a request. Started with the first big answer, each task to the least busy thread.
 */
@Injectable()
export class AnswerCheckPool implements OnModuleDestroy {
  private readonly workers = new Map<Worker, Map<number, Pending>>();
  private lastId = 0;
  private closed = false;

  read(text: string, question: AnswerQuestion, rules: ChainRules): Promise<AnswerReading> {
    if (text.length <= READ_IN_PLACE_CHARACTERS) return Promise.resolve(readPeerAnswer(text, question, rules));
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('the answer-check workers have shut down'));
      const [worker, pending] = this.leastBusy();
      const id = ++this.lastId;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, text, question, rules } satisfies AnswerCheckTask);
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

  private spawn(): void {
    const worker = new Worker(WORKER_FILE, { execArgv: WORKER_EXEC_ARGV });
    // An idle worker never keeps the process alive.
    worker.unref();
    const pending = new Map<number, Pending>();
    this.workers.set(worker, pending);
    let failure: unknown;
    worker.on('message', (result: AnswerCheckResult) => {
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
  }
}
