import type { Database, Statement } from 'better-sqlite3';

/** What a store needs of a connection: its statements, each prepared once. */
export interface Statements {
  statement<Row = unknown>(sql: string): Statement<unknown[], Row>;
}

/** The statements of a connection, each prepared once: a worker thread's, or the node's (`Sqlite`). */
export function statementsOn(connection: Database): Statements {
  const prepared = new Map<string, Statement<unknown[]>>();
  return {
    statement<Row>(sql: string) {
      let statement = prepared.get(sql);
      if (!statement) {
        statement = connection.prepare(sql);
        prepared.set(sql, statement);
      }
      return statement as Statement<unknown[], Row>;
    },
  };
}
