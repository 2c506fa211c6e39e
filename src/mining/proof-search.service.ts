import { Injectable, Logger, OnModuleDestroy, OnModuleInit, ServiceUnavailableException } from '@nestjs/common';
import { Subject } from 'rxjs';
import { NodeConfig } from '../config/node-config';
import { JsonNumber, pythonNumberText } from '../core';
import { chooseKernel } from './proof-of-work/proof-kernels';
import { ProofWorkerPool, ProofWorkersClosedError } from './proof-of-work/proof-worker-pool';

export interface ProofSearchRecord {
  seconds: number;
  hashes: number;
}

/** Finds a proof of work for the block after a tip on MINING_THREADS worker threads, off the event loop. */
@Injectable()
export class ProofSearchService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ProofOfWork');
  private pool: ProofWorkerPool;
  /** Every proof found: how long the search took, and about how many hashes it tried. */
  readonly found = new Subject<ProofSearchRecord>();

  constructor(private readonly config: NodeConfig) {}

  async onModuleInit(): Promise<void> {
    const { kernel, fallbackReason } = chooseKernel(this.config.powKernel);
    this.pool = new ProofWorkerPool(kernel, this.config.miningThreads);
    await this.pool.start();
    const summary = `proof of work: ${kernel.description}, ${this.config.miningThreads} threads`;
    if (fallbackReason) this.logger.warn(`${summary} (${fallbackReason})`);
    else this.logger.log(summary);
  }

  /** Any valid proof (not necessarily the smallest); rejects with the signal's reason once it aborts. */
  async find(lastProof: JsonNumber, lastHash: string, difficulty: number, signal?: AbortSignal): Promise<number> {
    const started = performance.now();
    let proof: number;
    try {
      proof = await this.pool.search(pythonNumberText(lastProof), lastHash, difficulty, signal);
    } catch (error) {
      // Mining stops first when the node shuts down, so that a long search does not hold the shutdown up.
      if (error instanceof ProofWorkersClosedError) {
        throw new ServiceUnavailableException('The node is shutting down: no block was mined.');
      }
      throw error;
    }
    // The workers try every proof from 0 up together, so finding `proof` took about proof + 1 hashes.
    this.found.next({ seconds: (performance.now() - started) / 1000, hashes: proof + 1 });
    return proof;
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.close();
  }
}
