import { Injectable } from '@nestjs/common';
import type { Database, Statement } from 'better-sqlite3';
import { DataSource } from 'typeorm';
import type { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';

/**
 * The node's one SQLite connection, as better-sqlite3 gives it (TypeORM opened it and ran the migrations on it):
 * statements prepared once and run synchronously. Reads made in one synchronous stretch see one state of the
 * database, since nothing else runs in between; writes belong inside a DatabaseWriter write.
 */
@Injectable()
export class Sqlite {
  private readonly statements = new Map<string, Statement<unknown[]>>();

  constructor(private readonly dataSource: DataSource) {}

  get connection(): Database {
    return (this.dataSource.driver as BetterSqlite3Driver).databaseConnection as Database;
  }

  statement<Row = unknown>(sql: string): Statement<unknown[], Row> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.connection.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement as Statement<unknown[], Row>;
  }
}
