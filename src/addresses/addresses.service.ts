import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ChainChange, ChainService } from '../chain/chain.service';
import { Block, JsonNumber, parseJson, parsePythonNumber, pythonNumberText } from '../core';
import { DatabaseWriter } from '../database/database-writer';
import type { IndexedTransactionEntity } from './indexed-transaction.entity';
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
}

// Blocks read at a time while the index is rebuilt.
const REBUILD_PAGE = 1000;

/**
 * The address index: every transaction of the chain by the addresses it names. It follows the chain inside the
 * chain's own writes, and is rebuilt from the blocks at start when it was built for another tip (or never: a
 * database from before the index upgrades itself).
 */
@Injectable()
export class AddressesService implements OnModuleInit {
  private readonly logger = new Logger(AddressesService.name);

  constructor(
    private readonly chain: ChainService,
    private readonly store: IndexedTransactionStore,
    private readonly writer: DatabaseWriter,
  ) {}

  async onModuleInit(): Promise<void> {
    this.chain.keepInStep((change) => this.follow(change));
    if (this.store.indexedTip() === this.chain.tip().hash) return;
    const started = performance.now();
    await this.writer.run(() => this.rebuild());
    this.logger.log(
      `Address index built for ${this.chain.length()} blocks in ${Math.round(performance.now() - started)} ms`,
    );
  }

  history(address: string, offset: number, limit: number): AddressHistory {
    const { count, received, sent } = this.store.totalsFor(address);
    const transactions = this.store.pageFor(address, offset, limit).map((row) => ({
      index: row.height,
      position: row.position,
      sender: row.sender,
      recipient: row.recipient,
      amount: parsePythonNumber(row.amount),
    }));
    return { address, received, sent, length: count, transactions };
  }

  private follow(change: ChainChange): void {
    if (change.kind === 'appended') this.index(change.block);
    else if (change.forkHeight === 0) {
      // A whole new chain (a joining node's first sync): built like the index at start, its totals summed once.
      this.store.rebuild(rowsOf(change.added));
    } else {
      this.store.deleteAbove(change.forkHeight);
      for (const block of change.added) this.index(block);
    }
    this.store.setIndexedTip(this.chain.tip().hash);
  }

  private rebuild(): void {
    this.store.rebuild(this.storedTransactions());
    this.store.setIndexedTip(this.chain.tip().hash);
  }

  private *storedTransactions(): Generator<IndexedTransactionEntity> {
    for (let from = 1; ; from += REBUILD_PAGE) {
      const { blocks } = this.chain.blocksFrom(from, REBUILD_PAGE);
      for (const block of blocks) yield* indexRows(parseJson(block.text) as Block);
      if (blocks.length < REBUILD_PAGE) return;
    }
  }

  private index(block: Block): void {
    for (const row of indexRows(block)) this.store.insert(row);
  }
}

/** The transactions of blocks as the index keeps them, one at a time: a joining node's chain may hold a million. */
function* rowsOf(blocks: Block[]): Generator<IndexedTransactionEntity> {
  for (const block of blocks) yield* indexRows(block);
}

/** A block's transactions as the index keeps them. */
function indexRows(block: Block): IndexedTransactionEntity[] {
  return block.transactions.map((transaction, position) => ({
    height: block.index,
    position,
    sender: transaction.sender,
    recipient: transaction.recipient,
    amount: pythonNumberText(transaction.amount),
  }));
}
