import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import { Subscription } from 'rxjs';
import { BlockStore } from '../chain/block.store';
import { ChainService } from '../chain/chain.service';
import { startWorker } from '../common/worker-thread';
import { NodeConfig } from '../config/node-config';
import { DatabaseWriter } from '../database/database-writer';
import type { AddressIndexStepResult, AddressIndexTask, AddressIndexWorkerData } from './address-index-protocol';
import { IndexReach, indexNextBlocks } from './index-blocks';
import { IndexedTransactionStore } from './indexed-transaction.store';

/**
 * Blocks indexed at most in one step, one transaction. The index's keys are addresses, random, so a commit writes
 * every page its step touched: long steps cost far less in all (here, 38 s for 150,000 blocks of five payments in
 * steps of 5,000, against minutes in steps of 500). A step starts only while the node has no write to make, and ends
 * early, after the block it is on, once it has one: that write waits for one block and the step's commit.
 */
const STEP_BLOCKS = 5000;
/** On the event loop (a database in memory, where no other connection can write), steps stay short. */
const IN_PLACE_STEP_BLOCKS = 250;
/**
 * A catch-up steps aside while the chain keeps changing (an adoption writing part after part, with pauses while its
 * next pages are fetched and checked), and goes on once the chain has been still this long: it would take a core
 * from the adoption.
 */
const STILL_MS = 1000;
/** After a step failed (a full disk, the write lock held elsewhere too long), the wait before the next try. */
const RETRY_MS = 5000;

/**
 * Brings the address index up to the chain's tip when a change left it more than a few blocks behind (a long sync,
 * an index from before): step by step in the background, on a worker thread with a connection of its own, so the
 * event loop never holds a long index write. Until it is done, address pages answer as of the height it reached.
 */
@Injectable()
export class AddressIndexCatchUp implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AddressIndexCatchUp.name);
  private running?: Promise<void>;
  /** A change came that the catch-up under way may not have seen. */
  private wanted = false;
  /** Aborted when the node shuts down: a wait before the next step ends at once. */
  private readonly closing = new AbortController();
  private lastChange = 0;
  private subscription?: Subscription;
  private worker?: StepWorker;

  constructor(
    private readonly chain: ChainService,
    private readonly config: NodeConfig,
    private readonly writer: DatabaseWriter,
    private readonly blocks: BlockStore,
    private readonly index: IndexedTransactionStore,
  ) {}

  onModuleInit(): void {
    this.subscription = this.chain.changes.subscribe(() => (this.lastChange = performance.now()));
  }

  /** Starts a catch-up to the chain's tip, unless one runs: that one then goes on to the new tip. */
  start(): void {
    this.wanted = true;
    this.running ??= this.run().finally(() => (this.running = undefined));
  }

  async onModuleDestroy(): Promise<void> {
    this.closing.abort();
    this.subscription?.unsubscribe();
    await this.running;
  }

  private async run(): Promise<void> {
    const started = performance.now();
    let reach: IndexReach | undefined;
    while (this.wanted && !this.closing.signal.aborted) {
      this.wanted = false;
      reach = await this.catchUp();
    }
    await this.worker?.close();
    this.worker = undefined;
    if (reach && reach.height === reach.length)
      this.logger.log(
        `Address index caught up with the chain's ${reach.length} blocks in ${Math.round(performance.now() - started)} ms`,
      );
  }

  /** Steps until a step reaches the tip (or the node closes); a failed step is tried again later. */
  private async catchUp(): Promise<IndexReach | undefined> {
    for (;;) {
      await this.chainStill();
      await this.writer.idle();
      if (this.closing.signal.aborted) return undefined;
      try {
        const reach = await this.step();
        if (reach.height >= reach.length) return reach;
      } catch (error) {
        this.logger.warn(`The address index could not catch up, trying again in ${RETRY_MS} ms: ${String(error)}`);
        await this.pause(RETRY_MS);
      }
    }
  }

  private step(): Promise<IndexReach> {
    // A database in memory is this connection's alone: the step runs here, as a write of the node's.
    if (this.config.databasePath === ':memory:')
      return this.writer.run(() => indexNextBlocks(this.blocks, this.index, IN_PLACE_STEP_BLOCKS));
    this.worker ??= new StepWorker({
      databasePath: this.config.databasePath,
      busyTimeoutMs: this.config.databaseBusyTimeoutMs,
      nodeBusy: this.writer.busy,
    });
    return this.worker.step(STEP_BLOCKS).catch(async (error: unknown) => {
      // Whatever went wrong, the next try starts on a fresh worker and connection.
      await this.worker?.close();
      this.worker = undefined;
      throw error;
    });
  }

  private async chainStill(): Promise<void> {
    for (let still = 0; !this.closing.signal.aborted && still < STILL_MS; still = performance.now() - this.lastChange)
      await this.pause(STILL_MS - still);
  }

  private pause(ms: number): Promise<void> {
    return sleep(ms, undefined, { signal: this.closing.signal }).catch(() => undefined);
  }
}

/** The worker thread that takes the steps, one at a time. */
class StepWorker {
  private readonly worker: Worker;
  private answer?: { resolve(reach: IndexReach): void; reject(reason: unknown): void };
  private readonly exited: Promise<void>;

  constructor(data: AddressIndexWorkerData) {
    this.worker = startWorker(__dirname, 'address-index-worker', { workerData: data });
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('message', (result: AddressIndexStepResult) => {
      if ('error' in result) this.answer?.reject(new Error(result.error));
      else this.answer?.resolve(result.reach);
      this.answer = undefined;
    });
    this.worker.on('error', (error) => this.answer?.reject(error));
    this.worker.on('exit', (code) => this.answer?.reject(new Error(`the address-index worker exited (${code})`)));
  }

  step(blocks: number): Promise<IndexReach> {
    return new Promise((resolve, reject) => {
      this.answer = { resolve, reject };
      this.worker.postMessage({ blocks } satisfies AddressIndexTask);
    });
  }

  /** Lets the worker close its connection (a write under way ends first) and exit. */
  async close(): Promise<void> {
    this.worker.postMessage({ close: true } satisfies AddressIndexTask);
    await this.exited;
  }
}
