import type { Database } from 'better-sqlite3';
import { sqliteErrorCode } from './sqlite-error';

/** TypeORM's record of the migrations it ran. */
export const MIGRATIONS_TABLE = 'migrations';

export class ForeignDatabaseError extends Error {}

export interface NodeSchema {
  /** Every table the node's migrations create, TypeORM's own included. */
  tables: string[];
  /** The names of the node's migrations. */
  migrations: string[];
}

/**
 * Refuses, before anything writes to it, a file that is not this node's database: not SQLite at all, another
 * application's database, one made by a newer version of the node, or a truncated or corrupt one. An empty file or
 * an empty database is a new node's. The check reads every page (`quick_check`, about 1 ms per MB), so a damaged
 * file stops the node at start rather than failing requests later.
 */
export function assertNodeDatabase(connection: Database, path: string, schema: NodeSchema): void {
  let tables: string[];
  try {
    tables = connection
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((row) => row.name);
  } catch (error) {
    throw refusal(path, error);
  }
  const foreign = tables.filter((table) => !schema.tables.includes(table));
  if (foreign.length > 0) {
    throw new ForeignDatabaseError(
      `${path} is not a blockchain node database: it holds the tables ${foreign.join(', ')}. Nothing was changed.`,
    );
  }
  if (tables.length > 0 && !tables.includes(MIGRATIONS_TABLE)) {
    throw new ForeignDatabaseError(
      `${path} is not a blockchain node database: it has no ${MIGRATIONS_TABLE} table. Nothing was changed.`,
    );
  }
  if (tables.length > 0) {
    const unknown = appliedMigrations(connection, path).filter((name) => !schema.migrations.includes(name));
    if (unknown.length > 0) {
      throw new ForeignDatabaseError(
        `${path} was migrated by a newer version of the node (${unknown.join(', ')}). Nothing was changed.`,
      );
    }
  }
  let problems: string[];
  try {
    problems = (connection.pragma('quick_check(5)') as { quick_check: string }[])
      .map((row) => row.quick_check)
      .filter((result) => result !== 'ok');
  } catch (error) {
    throw refusal(path, error);
  }
  if (problems.length > 0) {
    throw new ForeignDatabaseError(`${path} is corrupt: ${problems.join('; ')}. Nothing was changed.`);
  }
}

function appliedMigrations(connection: Database, path: string): string[] {
  try {
    return connection
      .prepare<[], { name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE}`)
      .all()
      .map((row) => row.name);
  } catch (error) {
    throw refusal(path, error);
  }
}

function refusal(path: string, error: unknown): Error {
  const code = sqliteErrorCode(error);
  if (code === undefined) return error as Error;
  const what =
    code === 'SQLITE_NOTADB'
      ? 'is not an SQLite database'
      : code === 'SQLITE_CORRUPT'
        ? 'is corrupt'
        : `cannot be read (${code}: ${(error as Error).message})`;
  return new ForeignDatabaseError(`${path} ${what}. Nothing was changed.`);
}
