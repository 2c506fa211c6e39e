import Database from 'better-sqlite3';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isBusy } from './sqlite-error';

export class DatabaseInUseError extends Error {}

/**
 * One node per database: a node holds an exclusive SQLite lock on `<database>-lock` for as long as it runs. It is
 * the same POSIX lock SQLite takes for its own writers, so the operating system drops it with the process, even
 * one killed with SIGKILL, and a restart is never blocked by a stale lock. The database itself stays readable by
 * other tools (a backup, the sqlite3 shell) while the node runs.
 */
export class DatabaseLock {
  private constructor(private readonly lock: Database.Database) {}

  /** Takes the lock for the node's database at `databasePath`, or says who holds it. */
  static acquire(databasePath: string): DatabaseLock {
    const path = `${realFilePath(databasePath)}-lock`;
    const lock = new Database(path, { timeout: 0 });
    try {
      // Nothing is ever written: keep even the rollback journal in memory, so the lock is the file's only trace.
      lock.pragma('journal_mode = MEMORY');
      lock.exec('BEGIN EXCLUSIVE');
      return new DatabaseLock(lock);
    } catch (error) {
      lock.close();
      if (!isBusy(error)) throw error;
      const holder = lockHolder(path);
      throw new DatabaseInUseError(
        `${databasePath} is in use by another node${holder ? ` (${holder})` : ''}: one node per database. ` +
          'Stop that node, or give this one its own DATABASE_PATH.',
      );
    }
  }

  release(): void {
    this.lock.close();
  }
}

/** The process holding a POSIX lock on `path`, as Linux lists it in /proc/locks; undefined elsewhere. */
function lockHolder(path: string): string | undefined {
  try {
    const file = statSync(path, { bigint: true });
    // Linux writes the device as hex major:minor, from st_dev's glibc encoding.
    const major = Number((file.dev >> 8n) & 0xfffn);
    const minor = Number((file.dev & 0xffn) | ((file.dev >> 12n) & 0xfff00n));
    const id = `${hex(major)}:${hex(minor)}:${file.ino}`;
    for (const line of readFileSync('/proc/locks', 'utf8').split('\n')) {
      // "1: POSIX  ADVISORY  WRITE 3068 fe:00:2146939 1073741824 1073742335"
      const [, , , , pid, lockedFile] = line.split(/\s+/);
      // A holder in another PID namespace (a container) shows as 0 here.
      if (lockedFile === id) return Number(pid) > 0 ? `process ${pid}: ${commandLine(pid)}` : 'in another container';
    }
  } catch {
    // Not Linux, or /proc is hidden: the message goes without the process.
  }
  return undefined;
}

/**
 * The path with every symbolic link resolved, so that two names of one database share one lock (hard links are not
 * seen through: give each node its own file). The file may not exist yet; its folder does.
 */
function realFilePath(path: string): string {
  return existsSync(path) ? realpathSync(path) : join(realpathSync(dirname(path)), basename(path));
}

function hex(value: number): string {
  return value.toString(16).padStart(2, '0');
}

function commandLine(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return 'command line unknown';
  }
}
