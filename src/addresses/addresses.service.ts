import { Injectable, OnModuleInit } from '@nestjs/common';
import { BlockStore } from '../chain/block.store';
import { ChainChange, ChainService } from '../chain/chain.service';
import { JsonNumber, parsePythonNumber } from '../core';
import { DatabaseWriter } from '../database/database-writer';
import { Sqlite } from '../database/sqlite';
import { AddressIndexCatchUp } from './address-index-catch-up';
import { indexedHeight, indexNextBlocks } from './index-blocks';
import { IndexedTransactionStore } from './indexed-transaction.store';

/** A transaction as an address page shows it: where it sits in the chain, and what it says. */
export interface AddressTransaction {
  /** The index of the block that holds it. */
  index: number;
  /** Its place among the block's transactions, from 0. */
  position: number;
  sender: string;
  recipient: string;
  amount: JsonNumber;
}

export interface AddressHistory {
  address: string;
  received: number;
  sent: number;
  /** How many transactions name the address. */
  length: number;
  /** The page asked for, newest first. */
  transactions: AddressTransaction[];
  /** The blocks the answer covers: the chain's first `height`. */
  height: number;
}

/**
 * A change that leaves the index at most this many blocks behind is indexed inside the chain's own write (a mined or
 * announced block, a short reorganization); one that leaves it further behind (a long sync) is caught up with in the
 * background, where its writes hold no request up.
 */
const IN_STEP_BLOCKS = 16;

/**
 * The address index: every transaction of the chain by the addresses it names. It follows the chain inside the
 * chain's own writes, and catches up in the background after a change too long for that, or at start when it was
 * built for another chain (or never: a database from before the index).
 */
@Injectable()
export class AddressesService implements OnModuleInit {
  constructor(
    private readonly chain: ChainService,
    private readonly blocks: BlockStore,
    private readonly store: IndexedTransactionStore,
    private readonly catchUp: AddressIndexCatchUp,
    private readonly writer: DatabaseWriter,
    private readonly sqlite: Sqlite,
  ) {}

  async onModuleInit(): Promise<void> {
    this.chain.keepInStep((change) => this.follow(change));
    if (indexedHeight(this.blocks, this.store) === this.chain.length()) return;
    await this.writer.run(() => {
      if (indexedHeight(this.blocks, this.store) === undefined) this.store.clear();
      this.keepUp();
    });
  }

  history(address: string, offset: number, limit: number): AddressHistory {
    // One snapshot: a background catch-up may commit between two reads.
    return this.sqlite.snapshot(() => {
      const { count, received, sent } = this.store.totalsFor(address);
      const transactions = this.store.pageFor(address, offset, limit).map((row) => ({
        index: row.height,
        position: row.position,
        sender: row.sender,
        recipient: row.recipient,
        amount: parsePythonNumber(row.amount),
      }));
      return { address, received, sent, length: count, transactions, height: this.indexedHeight() };
    });
  }

  /** Inside the chain's write: what the change dropped leaves the index, what it added comes now or later. */
  private follow(change: ChainChange): void {
    if (change.kind === 'replaced') this.dropAbove(change.forkHeight);
    this.keepUp();
  }

  /** Inside a write: indexes the blocks above the index's tip now if they are few, else once the write commits. */
  private keepUp(): void {
    if (this.chain.length() - this.indexedHeight() <= IN_STEP_BLOCKS)
      indexNextBlocks(this.blocks, this.store, IN_STEP_BLOCKS);
    else this.writer.afterCommit(() => this.catchUp.start());
  }

  /** Drops what the index holds of blocks above the fork, if its tip was one of them (and so is no longer ours). */
  private dropAbove(forkHeight: number): void {
    if (indexedHeight(this.blocks, this.store) !== undefined) return;
    if (forkHeight === 0) return this.store.clear();
    this.store.deleteAbove(forkHeight);
    this.store.setIndexedTip({ height: forkHeight, hash: this.blocks.hashAt(forkHeight)! });
  }

  /** Defined: every write keeps the index a prefix of the chain (`follow`), and one from another chain is cleared at start. */
  private indexedHeight(): number {
    return indexedHeight(this.blocks, this.store)!;
  }
}
