import { FactoryProvider, Injectable } from '@nestjs/common';
import type { Database, Statement } from 'better-sqlite3';
import { DataSource } from 'typeorm';
import type { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';
import { DURABLE_SYNCHRONOUS } from './data-source-options';
import { Statements, statementsOn } from './statements';

/**
 * A store (a plain class over `Statements`) as a provider on the node's connection. Stores carry no decorators, so
 * that a worker thread with its own connection loads them without Nest and TypeORM (some 30 MB a thread).
 */
export function storeProvider<Store>(store: new (statements: Statements) => Store): FactoryProvider<Store> {
  return { provide: store, inject: [Sqlite], useFactory: (sqlite: Sqlite) => new store(sqlite) };
}

/**
 * The node's one SQLite connection, as better-sqlite3 gives it (TypeORM opened it and ran the migrations on it):
 * statements prepared once and run synchronously, and the write transaction's state, read from the connection
 * itself. Reads made in one synchronous stretch see one state of the database, since nothing else runs in between;
 * writes belong inside a DatabaseWriter write.
 */
@Injectable()
export class Sqlite implements Statements {
  private statements?: Statements;
  /** While a write (from `begin` to its end) or a snapshot runs: only then may a transaction be open. */
  private ownTransaction = false;
  /** The write under way is not fsynced at its commit. */
  private relaxed = false;

  constructor(private readonly dataSource: DataSource) {}

  get connection(): Database {
    return (this.dataSource.driver as BetterSqlite3Driver).databaseConnection as Database;
  }

  /**
   * Opens the write transaction, after closing any that a failed rollback left open. `durable` false lets its commit
   * return before the log reaches the disk (see `WriteOptions`); SQLite takes that setting only between transactions.
   */
  begin(durable = true): void {
    this.closeStrayTransaction();
    if (!durable) {
      this.connection.pragma('synchronous = NORMAL');
      this.relaxed = true;
    }
    try {
      this.connection.exec('BEGIN IMMEDIATE');
    } catch (error) {
      this.syncEveryCommit();
      throw error;
    }
    this.ownTransaction = true;
  }

  commit(): void {
    this.connection.exec('COMMIT');
    this.ownTransaction = false;
    this.syncEveryCommit();
  }

  /** Ends a failed write: rolled back, unless SQLite already ended the transaction itself (a full disk does). */
  rollBack(): void {
    this.ownTransaction = false;
    this.closeStrayTransaction();
    this.syncEveryCommit();
  }

  /** The node's own setting back, after a write that was not durable. */
  private syncEveryCommit(): void {
    if (!this.relaxed || this.connection.inTransaction) return;
    this.connection.pragma(`synchronous = ${DURABLE_SYNCHRONOUS}`);
    this.relaxed = false;
  }

  /**
   * Runs `read` on one state of the database, though a connection of a worker thread's may commit meanwhile: in a
   * read transaction, unless inside a write (whose transaction is that state already).
   */
  snapshot<T>(read: () => T): T {
    if (this.ownTransaction) return read();
    this.closeStrayTransaction();
    this.connection.exec('BEGIN');
    this.ownTransaction = true;
    try {
      return read();
    } finally {
      this.ownTransaction = false;
      this.connection.exec('COMMIT');
    }
  }

  /** A statement for now. Outside a write, a transaction still open is closed first, or the read fails: never seen. */
  statement<Row = unknown>(sql: string): Statement<unknown[], Row> {
    if (!this.ownTransaction) this.closeStrayTransaction();
    this.statements ??= statementsOn(this.connection);
    return this.statements.statement<Row>(sql);
  }

  private closeStrayTransaction(): void {
    if (this.connection.inTransaction) this.connection.exec('ROLLBACK');
  }
}
