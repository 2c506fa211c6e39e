import Database from 'better-sqlite3';
import { existsSync, rmSync, statSync } from 'node:fs';
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
 * Refuses a file that is not this node's database: not SQLite at all, another application's database, one migrated
 * by a newer version of the node, or a truncated or corrupt one. A missing or empty file is a new node's. The file is
 * read through a read-only connection of its own, before any connection that could write (even a checkpoint of a
 * write-ahead log left by a crash) opens it. The check reads every page (`quick_check`), so a damaged file stops the
 * node at start rather than failing requests later.
 */
export function assertNodeDatabaseFile(path: string, schema: NodeSchema): void {
  if ((statSync(path, { throwIfNoEntry: false })?.size ?? 0) === 0) return;
  // Reading a database in WAL mode makes SQLite create its log and index files: none is left where none was.
  const sidecars = [`${path}-wal`, `${path}-shm`].filter((sidecar) => !existsSync(sidecar));
  const connection = new Database(path, { readonly: true, fileMustExist: true, timeout: 0 });
  try {
    assertNodeSchema(connection, path, schema);
  } catch (error) {
    throw error instanceof ForeignDatabaseError ? error : refusal(path, error);
  } finally {
    connection.close();
    for (const sidecar of sidecars) rmSync(sidecar, { force: true });
  }
}

function assertNodeSchema(connection: Database.Database, path: string, schema: NodeSchema): void {
  // Names starting with sqlite_ are SQLite's own (AUTOINCREMENT's counters, ANALYZE's statistics).
  const tables = connection
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )
    .all()
    .map((row) => row.name);
  if (tables.length === 0) return;
  const foreign = tables.filter((table) => !schema.tables.includes(table));
  if (foreign.length > 0)
    throw refused(path, `is not a blockchain node database: it holds the tables ${foreign.join(', ')}`);
  if (!tables.includes(MIGRATIONS_TABLE)) {
    throw refused(path, `is not a blockchain node database: it has no ${MIGRATIONS_TABLE} table`);
  }
  const applied = connection
    .prepare<[], { name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE}`)
    .all()
    .map((row) => row.name);
  const unknown = applied.filter((name) => !schema.migrations.includes(name));
  if (unknown.length > 0) {
    throw refused(
      path,
      `records migrations this node does not know (${unknown.join(', ')}): a newer node's, or another application's`,
    );
  }
  const problems = (connection.pragma('quick_check(5)') as { quick_check: string }[])
    .map((row) => row.quick_check)
    .filter((result) => result !== 'ok');
  if (problems.length > 0) throw refused(path, `is corrupt: ${problems.join('; ')}`);
}

function refused(path: string, problem: string): ForeignDatabaseError {
  return new ForeignDatabaseError(`${path} ${problem}. Nothing was changed.`);
}

function refusal(path: string, error: unknown): Error {
  const code = sqliteErrorCode(error);
  if (code === undefined) return error as Error;
  if (code === 'SQLITE_NOTADB') return refused(path, 'is not an SQLite database');
  if (code === 'SQLITE_CORRUPT') return refused(path, 'is corrupt');
  return refused(path, `cannot be read (${code}: ${(error as Error).message})`);
}
