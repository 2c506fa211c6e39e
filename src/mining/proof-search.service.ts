import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { NodeConfig } from '../config/node-config';
import { JsonNumber, pythonNumberText } from '../core';
import { chooseKernel } from './proof-of-work/proof-kernels';
import { ProofWorkerPool } from './proof-of-work/proof-worker-pool';

/** Finds a proof of work for the block after a tip on MINING_THREADS worker threads, off the event loop. */
@Injectable()
export class ProofSearchService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ProofOfWork');
  private pool: ProofWorkerPool;

  constructor(private readonly config: NodeConfig) {}

  onModuleInit(): void {
    const { kernel, fallbackReason } = chooseKernel(this.config.powKernel);
    this.pool = new ProofWorkerPool(kernel, this.config.miningThreads);
    const summary = `proof of work: ${kernel.description}, ${this.config.miningThreads} threads`;
    if (fallbackReason) this.logger.warn(`${summary} (${fallbackReason})`);
    else this.logger.log(summary);
  }

  /** Any valid proof (not necessarily the smallest); rejects with the signal's reason once it aborts. */
  find(lastProof: JsonNumber, lastHash: string, difficulty: number, signal?: AbortSignal): Promise<number> {
    return this.pool.search(pythonNumberText(lastProof), lastHash, difficulty, signal);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.close();
  }
}
