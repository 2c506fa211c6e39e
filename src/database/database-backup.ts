import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NODE_SCHEMA } from './data-source-options';
import { assertNodeDatabaseFile } from './database-file';

export class BackupError extends Error {}

export interface BackupSummary {
  bytes: number;
  blocks: number;
  pendingTransactions: number;
  peers: number;
  durationMs: number;
}

/** The most pages SQLite copies in one step: all of them, so that one step copies the whole database. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies a node's database, running or not, to `targetPath` with SQLite's online backup. The source is opened
 * read-only and copied in a single step, which reads one snapshot inside one read transaction: in WAL mode a reader
 * never holds up the node's writes, nor they it, and the copy is the database exactly as one commit left it. (In
 * small steps SQLite would start over after every commit of the node's, forever under load.) The copy is made
 * beside the target, checked as a node checks its database at start, fsynced, and only then renamed to the target:
 * a backup that fails leaves nothing that looks like one. It is one self-contained file, in WAL mode like the
 * node's.
 */
export async function backupDatabase(sourcePath: string, targetPath: string): Promise<BackupSummary> {
  if (!existsSync(sourcePath)) throw new BackupError(`${sourcePath} does not exist: nothing to back up`);
  if (existsSync(targetPath)) throw new BackupError(`${targetPath} exists already: give the backup a new name`);
  const started = performance.now();
  const partialPath = join(dirname(targetPath), `.${basename(targetPath)}.partial-${process.pid}`);
  try {
    const source = new Database(sourcePath, { readonly: true, fileMustExist: true });
    try {
      await source.backup(partialPath, { progress: () => ALL_PAGES });
    } finally {
      source.close();
    }
    const counts = checkCopy(partialPath);
    fsyncPath(partialPath);
    renameSync(partialPath, targetPath);
    fsyncPath(dirname(targetPath));
    return { ...counts, bytes: statSync(targetPath).size, durationMs: performance.now() - started };
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${partialPath}${suffix}`, { force: true });
  }
}

/** The copy is a whole node database (what the node checks at start: its tables, its migrations, every page). */
function checkCopy(copyPath: string): Omit<BackupSummary, 'bytes' | 'durationMs'> {
  assertNodeDatabaseFile(copyPath, NODE_SCHEMA);
  const copy = new Database(copyPath, { fileMustExist: true });
  try {
    const count = (table: string) => copy.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).get()!.n;
    return { blocks: count('blocks'), pendingTransactions: count('pending_transactions'), peers: count('peers') };
  } finally {
    // The last connection to close folds the WAL into the file: the copy stands alone.
    copy.close();
  }
}

function fsyncPath(path: string): void {
  const descriptor = openSync(path, 'r');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}
