/**
 * The SQLite result code (`SQLITE_BUSY`, `SQLITE_FULL`, ...) of an error SQLite raised, else undefined. Read off the
 * error rather than tested with `instanceof SqliteError`: better-sqlite3's native part raises the class of the first
 * copy of its JS loaded in the process, which is not the copy a test file's own module registry loads.
 */
export function sqliteErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/** What went wrong, in a word where SQLite gave one: its code, else the error's message. */
export function errorReason(error: unknown): string {
  return sqliteErrorCode(error) ?? (error instanceof Error ? error.message : String(error));
}

/** Another connection holds the lock this one needs. */
export function isBusy(error: unknown): boolean {
  return sqliteErrorCode(error)?.startsWith('SQLITE_BUSY') ?? false;
}
