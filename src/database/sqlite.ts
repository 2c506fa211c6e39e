import { Injectable } from '@nestjs/common';
import type { Database, Statement } from 'better-sqlite3';
import { DataSource } from 'typeorm';
import type { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';

/**
 * better-sqlite3's own handle on TypeORM's one connection, for the hot paths: statements prepared once, run
 * synchronously. Reads made in one synchronous stretch see one state of the database, since nothing else runs
 * in between; writes through it belong inside a DatabaseWriter write, like any other.
 */
@Injectable()
export class Sqlite {
  private readonly statements = new Map<string, Statement<unknown[]>>();

  constructor(private readonly dataSource: DataSource) {}

  statement<Row = unknown>(sql: string): Statement<unknown[], Row> {
    let statement = this.statements.get(sql);
    if (!statement) {
      const database = (this.dataSource.driver as BetterSqlite3Driver).databaseConnection as Database;
      statement = database.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement as Statement<unknown[], Row>;
  }
}
