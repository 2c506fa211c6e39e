import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Subject } from 'rxjs';
import { ChainReplacement, ChainService } from '../chain/chain.service';
import {
  parsePythonNumber,
  pythonNumberText,
  reconcilePending,
  Transaction,
  transactionKey,
  unseenPayments,
} from '../core';
import { DatabaseWriter } from '../database/database-writer';
import { GroupCommit } from '../database/group-commit';
import { PendingTransactionStore } from './pending-transaction.store';
import { RecentPayments } from './recent-payments';
import { RelayMemory } from './relay-memory';

// Copies of a relayed transaction come within seconds; the cap bounds memory (about 10 MB) at any rate of traffic.
const RELAY_MEMORY_MS = 10 * 60_000;
const RELAY_MEMORY_IDS = 100_000;
// A relayed copy trails its block by the time a relay takes, seconds at most: the newest blocks are the ones to watch.
const UNSEEN_PAYMENTS_BLOCKS = 16;
const UNSEEN_PAYMENTS_MS = 10 * 60_000;
const UNSEEN_PAYMENTS = 100_000;

/** A transaction as a client sends it: the amount keeps the JSON kind it was written with. */
export type Payment = Pick<Transaction, 'sender' | 'recipient' | 'amount'>;

export interface AcceptedTransaction {
  transaction: Transaction;
  /** The id it is relayed with: the one it came with from another node, or the one this node gave it. */
  relayId: string;
  /** The block it will be added to, as its commit read it. */
  index: number;
  /** The id of the node that relayed it here, when that node gave one: it need not be sent back. */
  from?: string;
}

/** A payment as it goes from node to node: with the id each node takes it once by. */
export type RelayedTransaction = Pick<AcceptedTransaction, 'transaction' | 'relayId'>;

/** A payment waiting for its group's commit, with the id it is relayed with. */
interface Submission {
  payment: Payment;
  relayId: string;
  /** It came from another node, rather than from a client. */
  relayed: boolean;
  from?: string;
}

export interface PendingBatch {
  ids: number[];
  transactions: Transaction[];
}

/** Owns the pending set: accepting transactions durably, and handing them to the block that takes them. */
@Injectable()
export class TransactionsService {
  /** Concurrent submissions share one commit; each learns the index of the block that will hold its group. */
  private readonly ingestion: GroupCommit<Submission, number>;
  /**
   * Every transaction committed by `add`, once its group's commit is done (so in the order of the chain's own
   * changes), for the network module to pass on and the event stream to tell.
   */
  readonly accepted = new Subject<AcceptedTransaction>();
  private readonly relays = new RelayMemory(RELAY_MEMORY_MS, RELAY_MEMORY_IDS);
  /**
   * Payments that reached this node inside a block before any relayed copy of them did: a relayed copy that arrives
   * later is the same payment, already in the chain, and taking it would put it in a block twice.
   */
  private readonly unseen = new RecentPayments<true>(UNSEEN_PAYMENTS_MS, UNSEEN_PAYMENTS);
  /**
   * Kept half as long as other nodes keep the ids they took, so that a payment relayed again is never mistaken for a
   * new one by a node that has it already.
   */
  private readonly relayIdsByPayment = new RecentPayments<string>(RELAY_MEMORY_MS / 2, RELAY_MEMORY_IDS);
  /**
   * Payments of dropped blocks put back in the pending set, with the ids they came with, once committed: the network
   * module relays them again, since nodes that were cut off when they were first relayed may never have had them.
   */
  readonly restored = new Subject<RelayedTransaction>();
  /** The size of every group of transactions committed together. */
  readonly committedGroups = new Subject<number>();

  constructor(
    private readonly store: PendingTransactionStore,
    private readonly writer: DatabaseWriter,
    private readonly chain: ChainService,
  ) {
    this.ingestion = new GroupCommit(writer, (group) => {
      // Checked inside the write, in line with the chain's writes: a block committed just before brought these.
      const taken = group.filter(
        ({ payment, relayed }) => !(relayed && this.unseen.take(transactionKey(payment)) !== undefined),
      );
      this.insertPending(taken.map((submission) => submission.payment));
      const index = chain.tip().index + 1;
      writer.afterCommit(() => {
        this.committedGroups.next(group.length);
        for (const { payment, relayId, from } of taken) {
          this.relayIdsByPayment.record(transactionKey(payment), relayId);
          this.accepted.next({ transaction: payment, relayId, index, from });
        }
      });
      return index;
    });
  }

  /**
   * Stores the transaction; resolves, once it is committed, to the index of the block that will hold it. Rejects
   * with the database's error when the write failed: then nothing of it was stored. A transaction relayed by another
   * node comes with its `relayId`, and is not stored again when this node has taken it lately, or when a block
   * brought it here first. `from` is the relaying node's id, when it gave one.
   */
  async add(transaction: Payment, { relayId, from }: { relayId?: string; from?: string } = {}): Promise<number> {
    const { sender, recipient, amount } = transaction;
    const payment = { sender, recipient, amount };
    const id = relayId ?? randomUUID();
    if (!this.relays.take(id)) return this.chain.tip().index + 1;
    try {
      return await this.ingestion.submit({ payment, relayId: id, relayed: relayId !== undefined, from });
    } catch (error) {
      this.relays.release(id);
      throw error;
    }
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
    const unseen = unseenPayments(added.last(UNSEEN_PAYMENTS_BLOCKS), pending.transactions, dropped);
    this.writer.afterCommit(() => {
      unseen.forEach((payment) => this.unseen.record(transactionKey(payment), true));
      // Relayed again once at most: other nodes' memory of the id is not renewed by it.
      for (const transaction of restored) {
        const relayId = this.relayIdsByPayment.take(transactionKey(transaction));
        if (relayId !== undefined) this.restored.next({ transaction, relayId });
      }
    });
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
