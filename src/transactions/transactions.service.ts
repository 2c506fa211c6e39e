import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Subject } from 'rxjs';
import { EntityManager, In, Repository } from 'typeorm';
import { ChainReplacement, ChainService } from '../chain/chain.service';
import { parsePythonNumber, pythonNumberText, reconcilePending, Transaction } from '../core';
import { DatabaseWriter } from '../database/database-writer';
import { GroupCommit } from '../database/group-commit';
import { Sqlite } from '../database/sqlite';
import { PendingTransactionEntity } from './pending-transaction.entity';

/** A transaction as a client sends it: the amount keeps the JSON kind it was written with. */
export type Payment = Pick<Transaction, 'sender' | 'recipient' | 'amount'>;

export interface AcceptedTransaction {
  transaction: Transaction;
  /** Passed on by another node: it has been told to the network already. */
  forwarded: boolean;
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
  private readonly logger = new Logger(TransactionsService.name);
  /** Every transaction committed by `add`, for the network module to pass on. */
  readonly accepted = new Subject<AcceptedTransaction>();

  constructor(
    @InjectRepository(PendingTransactionEntity)
    private readonly pendingRepository: Repository<PendingTransactionEntity>,
    private readonly sqlite: Sqlite,
    writer: DatabaseWriter,
    chain: ChainService,
  ) {
    this.ingestion = new GroupCommit(writer, async (manager, group) => {
      this.insertPending(group);
      return chain.tip().index + 1;
    });
  }

  /** Stores the transaction; resolves, once it is committed, to the index of the block that will hold it. */
  async add(transaction: Payment, { forwarded = false } = {}): Promise<number> {
    let index: number;
    try {
      index = await this.ingestion.submit(transaction);
    } catch (error) {
      this.logger.error(`A group of transactions was not stored: ${(error as Error).message}`);
      throw new ServiceUnavailableException('The transaction was not stored: the database write failed. Retry.');
    }
    const { sender, recipient, amount } = transaction;
    this.accepted.next({ transaction: { sender, recipient, amount }, forwarded });
    return index;
  }

  async pending(): Promise<Transaction[]> {
    return (await this.readPending(this.pendingRepository.manager)).transactions;
  }

  /** All pending transactions in arrival order, read inside the caller's write. */
  async readPending(manager: EntityManager): Promise<PendingBatch> {
    const rows = await manager.find(PendingTransactionEntity, { order: { id: 'ASC' } });
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
  async reconcile(manager: EntityManager, { dropped, added }: ChainReplacement): Promise<void> {
    const pending = await this.readPending(manager);
    const { settled, restored } = reconcilePending(pending.transactions, dropped, added);
    await this.remove(
      manager,
      settled.map((position) => pending.ids[position]),
    );
    // Restored payments were accepted before anything still pending: they take ids below, keeping arrival order.
    const firstId = (pending.ids[0] ?? 1) - restored.length;
    this.insertPending(restored, firstId);
  }

  /** Inserts in order; with `firstId`, the rows take ids from there on instead of after the last one. */
  private insertPending(transactions: Payment[], firstId?: number): void {
    const insert = this.sqlite.statement(
      'INSERT INTO pending_transactions (id, sender, recipient, amount, received_at) VALUES (?, ?, ?, ?, ?)',
    );
    transactions.map(toEntity).forEach((row, position) => {
      insert.run(
        firstId === undefined ? null : firstId + position,
        row.sender,
        row.recipient,
        row.amount,
        row.receivedAt,
      );
    });
  }

  async remove(manager: EntityManager, ids: number[]): Promise<void> {
    for (let start = 0; start < ids.length; start += DELETE_BATCH) {
      await manager.delete(PendingTransactionEntity, { id: In(ids.slice(start, start + DELETE_BATCH)) });
    }
  }
}

function toEntity(transaction: Payment): Omit<PendingTransactionEntity, 'id'> {
  return {
    sender: transaction.sender,
    recipient: transaction.recipient,
    amount: pythonNumberText(transaction.amount),
    receivedAt: Date.now() / 1000,
  };
}

// Stays well under SQLite's bound-parameter cap.
const DELETE_BATCH = 10_000;
