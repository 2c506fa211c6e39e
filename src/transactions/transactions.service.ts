import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Subject } from 'rxjs';
import { ChainReplacement, ChainService } from '../chain/chain.service';
import { parsePythonNumber, pythonNumberText, reconcilePending, Transaction } from '../core';
import { DatabaseWriter } from '../database/database-writer';
import { GroupCommit } from '../database/group-commit';
import { PendingTransactionStore } from './pending-transaction.store';
import { RelayMemory } from './relay-memory';

// Copies of a relayed transaction come within seconds; the cap bounds memory (about 10 MB) at any rate of traffic.
const RELAY_MEMORY_MS = 10 * 60_000;
const RELAY_MEMORY_IDS = 100_000;

/** A transaction as a client sends it: the amount keeps the JSON kind it was written with. */
export type Payment = Pick<Transaction, 'sender' | 'recipient' | 'amount'>;

export interface AcceptedTransaction {
  transaction: Transaction;
  /** The id it is relayed with: the one it came with from another node, or the one this node gave it. */
  relayId: string;
}

export interface PendingBatch {
  ids: number[];
  transactions: Transaction[];
}

/** Owns the pending set: accepting transactions durably, and handing them to the block that takes them. */
@Injectable()
export class TransactionsService {
  /** Concurrent submissions share one commit; each learns the index of the block that will hold its group. */
  private readonly ingestion: GroupCommit<Payment, number>;
  /** Every transaction committed by `add`, for the network module to pass on. */
  readonly accepted = new Subject<AcceptedTransaction>();
  private readonly relays = new RelayMemory(RELAY_MEMORY_MS, RELAY_MEMORY_IDS);
  /** The size of every group of transactions committed together. */
  readonly committedGroups = new Subject<number>();

  constructor(
    private readonly store: PendingTransactionStore,
    writer: DatabaseWriter,
    private readonly chain: ChainService,
  ) {
    this.ingestion = new GroupCommit(writer, (group) => {
      this.insertPending(group);
      writer.afterCommit(() => this.committedGroups.next(group.length));
      return chain.tip().index + 1;
    });
  }

  /**
   * Stores the transaction; resolves, once it is committed, to the index of the block that will hold it. Rejects
   * with the database's error when the write failed: then nothing of it was stored. A transaction relayed by another
   * node comes with its `relayId`; a copy of one this node has taken lately is not stored again.
   */
  async add(transaction: Payment, { relayId = randomUUID() }: { relayId?: string } = {}): Promise<number> {
    if (!this.relays.take(relayId)) return this.chain.tip().index + 1;
    let index: number;
    try {
      index = await this.ingestion.submit(transaction);
    } catch (error) {
      this.relays.release(relayId);
      throw error;
    }
    const { sender, recipient, amount } = transaction;
    this.accepted.next({ transaction: { sender, recipient, amount }, relayId });
    return index;
  }

  pendingCount(): number {
    return this.store.count();
  }

  /** All pending transactions in arrival order (inside a write, as that write left them). */
  pending(): PendingBatch {
    const rows = this.store.all();
    return {
      ids: rows.map((row) => row.id),
      transactions: rows.map((row) => ({
        sender: row.sender,
        recipient: row.recipient,
        amount: parsePythonNumber(row.amount),
      })),
    };
  }

  /** After a chain replacement, inside its write: settle what the new blocks hold, restore what was dropped. */
  /** Returns how many payments of dropped blocks went back to the pending set. */
  reconcile({ dropped, added }: ChainReplacement): number {
    const pending = this.pending();
    const { settled, restored } = reconcilePending(pending.transactions, dropped, added);
    this.remove(settled.map((position) => pending.ids[position]));
    // Restored payments were accepted before anything still pending: they take ids below, keeping arrival order.
    const firstId = (pending.ids[0] ?? 1) - restored.length;
    this.insertPending(restored, firstId);
    return restored.length;
  }

  /** Inserts in order; with `firstId`, the rows take ids from there on instead of after the last one. */
  private insertPending(transactions: Payment[], firstId?: number): void {
    const receivedAt = Date.now() / 1000;
    this.store.insert(
      transactions.map((transaction, position) => ({
        id: firstId === undefined ? undefined : firstId + position,
        sender: transaction.sender,
        recipient: transaction.recipient,
        amount: pythonNumberText(transaction.amount),
        receivedAt,
      })),
    );
  }

  /** Inside a write: the transactions with these ids left the pending set (a block took them). */
  remove(ids: number[]): void {
    this.store.delete(ids);
  }
}
