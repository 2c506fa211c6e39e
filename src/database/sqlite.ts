import { Injectable } from '@nestjs/common';
import type { Database, Statement } from 'better-sqlite3';
import { DataSource } from 'typeorm';
import type { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';

/**
 * The node's one SQLite connection, as better-sqlite3 gives it (TypeORM opened it and ran the migrations on it):
 * statements prepared once and run synchronously, and the write transaction's state, read from the connection
 * itself. Reads made in one synchronous stretch see one state of the database, since nothing else runs in between;
 * writes belong inside a DatabaseWriter write.
 */
@Injectable()
export class Sqlite {
  private readonly statements = new Map<string, Statement<unknown[]>>();
  /** Between `begin` and the end of the write: only then may a transaction be open. */
  private writing = false;

  constructor(private readonly dataSource: DataSource) {}

  get connection(): Database {
    return (this.dataSource.driver as BetterSqlite3Driver).databaseConnection as Database;
  }

  /** Opens the write transaction, after closing any that a failed rollback left open. */
  begin(): void {
    this.closeStrayTransaction();
    this.connection.exec('BEGIN IMMEDIATE');
    this.writing = true;
  }

  commit(): void {
    this.connection.exec('COMMIT');
    this.writing = false;
  }

  /** Ends a failed write: rolled back, unless SQLite already ended the transaction itself (a full disk does). */
  rollBack(): void {
    this.writing = false;
    this.closeStrayTransaction();
  }

  /** A statement for now. Outside a write, a transaction still open is closed first, or the read fails: never seen. */
  statement<Row = unknown>(sql: string): Statement<unknown[], Row> {
    if (!this.writing) this.closeStrayTransaction();
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.connection.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement as Statement<unknown[], Row>;
  }

  private closeStrayTransaction(): void {
    if (this.connection.inTransaction) this.connection.exec('ROLLBACK');
  }
}
