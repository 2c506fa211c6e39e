import { BadRequestException, Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { NodeConfig } from '../config/node-config';
import { DatabaseWriter } from './database-writer';
import { Sqlite } from './sqlite';

const BUSY_TIMEOUT_MS = 200;

describe(DatabaseWriter.name, () => {
  let directory: string;
  let path: string;
  let connection: Database.Database;
  /** Another process's view of the file: sees only what was committed. */
  let observer: Database.Database;
  let writer: DatabaseWriter;
  let sqlite: Sqlite;
  let loggedErrors: jest.SpyInstance;

  beforeEach(() => {
    loggedErrors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    directory = mkdtempSync(join(tmpdir(), 'database-writer-'));
    path = join(directory, 'notes.sqlite');
    connection = new Database(path, { timeout: 0 });
    connection.pragma('journal_mode = WAL');
    connection.pragma('foreign_keys = ON');
    connection.exec(`
      CREATE TABLE notes (text TEXT NOT NULL);
      CREATE TABLE owners (id INTEGER PRIMARY KEY);
      CREATE TABLE owned (owner INTEGER REFERENCES owners (id) DEFERRABLE INITIALLY DEFERRED);
    `);
    observer = new Database(path, { timeout: 0 });
    sqlite = new Sqlite({ driver: { databaseConnection: connection } } as unknown as DataSource);
    writer = new DatabaseWriter(sqlite, Object.assign(new NodeConfig(), { databaseBusyTimeoutMs: BUSY_TIMEOUT_MS }));
  });

  afterEach(() => {
    loggedErrors.mockRestore();
    observer.close();
    connection.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const insert = (text: string) => () => void connection.prepare('INSERT INTO notes VALUES (?)').run(text);
  const failing = (): never => {
    throw new Error('boom');
  };
  const committedNotes = () =>
    observer
      .prepare<[], { text: string }>('SELECT text FROM notes ORDER BY rowid')
      .all()
      .map((row) => row.text);

  it('should commit each write in its own transaction, in the order they were asked for', async () => {
    await Promise.all([writer.run(insert('a')), writer.run(insert('b')), writer.run(insert('c'))]);
    expect(committedNotes()).toEqual(['a', 'b', 'c']);
    expect(connection.inTransaction).toBe(false);
  });

  it('should resolve to what the write returned, once it is visible to another connection', async () => {
    const result = await writer.run(() => {
      insert('x')();
      return 'done';
    });
    expect(result).toBe('done');
    expect(committedNotes()).toEqual(['x']);
  });

  it('should call back after the commit, and never for a write that rolled back', async () => {
    const seen: string[] = [];
    await writer.run(() => {
      insert('kept')();
      writer.afterCommit(() => seen.push(`after commit: ${committedNotes().join()}`));
      expect(seen).toEqual([]);
    });
    const lost = jest.fn();
    await expect(
      writer.run(() => {
        writer.afterCommit(lost);
        throw new Error('boom');
      }),
    ).rejects.toMatchObject({ cause: new Error('boom') });
    expect(seen).toEqual(['after commit: kept']);
    expect(lost).not.toHaveBeenCalled();
  });

  it('should tell every commit once it is visible, and no write that rolled back', async () => {
    const told: string[][] = [];
    const subscription = writer.commits.subscribe(() => told.push(committedNotes()));
    await writer.run(insert('first'));
    await expect(writer.run(() => (insert('lost')(), failing()))).rejects.toBeDefined();
    await writer.run(insert('second'));
    subscription.unsubscribe();
    expect(told).toEqual([['first'], ['first', 'second']]);
  });

  it('should roll back the whole write when it throws, answer 503, and start the next one clean', async () => {
    await expect(
      writer.run(() => {
        insert('lost')();
        throw new Error('boom');
      }),
    ).rejects.toMatchObject({ status: 503, message: expect.stringContaining('Nothing was stored') });
    expect(connection.inTransaction).toBe(false);
    await writer.run(insert('next'));
    expect(committedNotes()).toEqual(['next']);
  });

  it('should refuse asynchronous work, since a read could see it half done, and roll it back', async () => {
    await expect(writer.run(async () => insert('async')())).rejects.toMatchObject({
      cause: new Error('A DatabaseWriter write must be synchronous'),
    });
    expect(connection.inTransaction).toBe(false);
    expect(committedNotes()).toEqual([]);
  });

  it('should leave no transaction open after a COMMIT that fails, so later writes are committed for real', async () => {
    // A deferred foreign key fails at COMMIT, and SQLite then keeps the transaction open: the case that wedged
    // TypeORM's bookkeeping, where every later write ran inside a transaction that was never committed.
    await expect(
      writer.run(() => {
        insert('lost')();
        connection.prepare('INSERT INTO owned VALUES (42)').run();
      }),
    ).rejects.toMatchObject({ status: 503, cause: { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' } });
    expect(connection.inTransaction).toBe(false);
    for (const text of ['one', 'two']) await writer.run(insert(text));
    expect(committedNotes()).toEqual(['one', 'two']);
  });

  it('should clear a transaction something else left open before the next write begins', async () => {
    connection.exec('BEGIN');
    insert('stray')();
    await writer.run(insert('mine'));
    expect(committedNotes()).toEqual(['mine']);
  });

  it('should close a transaction left open before a read between writes, so that no read sees it', () => {
    connection.exec('BEGIN');
    insert('stray')();
    const count = sqlite.statement<{ count: number }>('SELECT COUNT(*) AS count FROM notes').get();
    expect(count).toEqual({ count: 0 });
    expect(connection.inTransaction).toBe(false);
  });

  it('should roll back a write that throws something other than an Error', async () => {
    await expect(
      writer.run(() => {
        insert('lost')();
        throw null; // eslint-disable-line @typescript-eslint/only-throw-error
      }),
    ).rejects.toMatchObject({ status: 503 });
    expect(connection.inTransaction).toBe(false);
    expect(committedNotes()).toEqual([]);
  });

  it('should acknowledge a committed write even when a callback after the commit throws, and run the others', async () => {
    const later = jest.fn();
    await expect(
      writer.run(() => {
        insert('kept')();
        writer.afterCommit(() => {
          throw new Error('listener broke');
        });
        writer.afterCommit(later);
        return 'committed';
      }),
    ).resolves.toBe('committed');
    expect(later).toHaveBeenCalled();
    expect(committedNotes()).toEqual(['kept']);
    expect(loggedErrors).toHaveBeenCalledWith(expect.stringContaining('listener broke'));
  });

  it('should fail a write on a full database, store none of it, and write again once there is room', async () => {
    const pages = (connection.pragma('page_count', { simple: true }) as number) + 1;
    connection.pragma(`max_page_count = ${pages}`);
    await expect(
      writer.run(() => {
        for (let i = 0; i < 1000; i++) insert(`filler ${i}`.padEnd(200, '.'))();
      }),
    ).rejects.toMatchObject({ status: 503, cause: { code: 'SQLITE_FULL' } });
    expect(loggedErrors).toHaveBeenCalledWith(expect.stringContaining('SQLITE_FULL'));
    expect(connection.inTransaction).toBe(false);
    expect(committedNotes()).toEqual([]);
    connection.pragma('max_page_count = 1000000');
    await writer.run(insert('after'));
    expect(committedNotes()).toEqual(['after']);
  });

  describe('while another process holds the write lock', () => {
    it('should wait for it without blocking the event loop, then commit', async () => {
      observer.exec('BEGIN IMMEDIATE');
      let settled = false;
      const write = writer.run(insert('waited')).finally(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 20));
      // The timer ran while the write still waited: the wait did not hold the event loop.
      expect(settled).toBe(false);
      observer.exec('COMMIT');
      await write;
      expect(committedNotes()).toEqual(['waited']);
    });

    it('should fail with SQLITE_BUSY after the busy timeout, then serve the writes queued behind it', async () => {
      observer.exec('BEGIN IMMEDIATE');
      const started = Date.now();
      const first = writer.run(insert('refused'));
      await expect(first).rejects.toMatchObject({ status: 503, cause: { code: 'SQLITE_BUSY' } });
      expect(Date.now() - started).toBeGreaterThanOrEqual(BUSY_TIMEOUT_MS);
      observer.exec('COMMIT');
      await writer.run(insert('later'));
      expect(committedNotes()).toEqual(['later']);
    });
  });

  it('should commit a write that need not be durable without the fsync, and go back to fsyncing every commit', async () => {
    const synchronous = () => connection.pragma('synchronous', { simple: true });
    connection.pragma('synchronous = FULL');
    let during: unknown;
    await writer.run(
      () => {
        insert('quick')();
        during = synchronous();
      },
      { durable: false },
    );
    expect(committedNotes()).toEqual(['quick']);
    // NORMAL for its commit (SQLite takes the setting only between transactions), FULL again after it.
    expect([during, synchronous()]).toEqual([1, 2]);
    await expect(
      writer.run(() => void connection.exec('SELECT 1 FROM nowhere'), { durable: false }),
    ).rejects.toMatchObject({ status: 503 });
    expect(synchronous()).toBe(2);
  });

  it('should say it is busy from the moment a write is asked for until the last queued one has ended', async () => {
    const busy = () => Atomics.load(writer.busy, 0);
    expect(busy()).toBe(0);
    await writer.idle();
    observer.exec('BEGIN IMMEDIATE');
    const [first, second] = [writer.run(insert('a')), writer.run(() => void connection.exec('SELECT 1 FROM nowhere'))];
    let idle = false;
    const whenIdle = writer.idle().then(() => (idle = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // What another thread reads while the write waits for the lock another connection holds.
    expect([busy(), idle]).toEqual([1, false]);
    observer.exec('COMMIT');
    await first;
    await expect(second).rejects.toMatchObject({ status: 503 });
    await whenIdle;
    expect(busy()).toBe(0);
  });

  it('should pass a refusal thrown by the write on as it is, after rolling the write back', async () => {
    const refusal = new BadRequestException('too many peers');
    await expect(
      writer.run(() => {
        insert('refused')();
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    expect(committedNotes()).toEqual([]);
    expect(loggedErrors).not.toHaveBeenCalled();
  });

  it('should refuse an after-commit callback outside a write', () => {
    expect(() => writer.afterCommit(() => undefined)).toThrow('only for code running inside');
  });

  describe('last outcome and probe', () => {
    it('should record how the last write ended: a database failure, not a refusal of its content', async () => {
      expect(writer.lastOutcome()).toBeUndefined();
      await writer.run(insert('a'));
      expect(writer.lastOutcome()).toMatchObject({ ok: true });
      connection.pragma('query_only = ON');
      await expect(writer.run(insert('b'))).rejects.toMatchObject({ status: 503 });
      expect(writer.lastOutcome()).toMatchObject({ ok: false, failure: 'SQLITE_READONLY' });
      connection.pragma('query_only = OFF');
      await expect(
        writer.run(() => {
          throw new BadRequestException('refused');
        }),
      ).rejects.toMatchObject({ status: 400 });
      expect(writer.lastOutcome()).toMatchObject({ ok: false, failure: 'SQLITE_READONLY' });
    });

    it('should probe with a write that commits, fails like any write, and changes nothing', async () => {
      await writer.run(insert('kept'));
      const userVersion = connection.pragma('user_version', { simple: true });
      // A probe waits for no lock here: it has ended once the promise callbacks queued now have run.
      const probed = () => new Promise((resolve) => setImmediate(resolve));
      connection.pragma('query_only = ON');
      writer.probe();
      await probed();
      expect(writer.lastOutcome()).toMatchObject({ ok: false, failure: 'SQLITE_READONLY' });
      connection.pragma('query_only = OFF');
      writer.probe();
      await probed();
      expect(writer.lastOutcome()).toMatchObject({ ok: true });
      expect(connection.pragma('user_version', { simple: true })).toBe(userVersion);
      expect(committedNotes()).toEqual(['kept']);
    });
  });
});
