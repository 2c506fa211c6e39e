import { Logger } from '@nestjs/common';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { NodeConfig } from '../config/node-config';
import { DatabaseWriter } from './database-writer';
import { NodeDataSource } from './node-data-source';
import { Sqlite } from './sqlite';
import { WalCheckpointer } from './wal-checkpointer';

/** Pages of the log a commit on the node's connection lets pass before it checkpoints itself. */
const autocheckpoint = (sqlite: Sqlite) => sqlite.connection.pragma('wal_autocheckpoint', { simple: true });

describe(WalCheckpointer.name, () => {
  let directory: string;
  let path: string;
  let dataSource: NodeDataSource;
  let sqlite: Sqlite;
  let writer: DatabaseWriter;
  let checkpointer: WalCheckpointer;
  let warnings: jest.SpyInstance;

  beforeEach(async () => {
    warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    directory = mkdtempSync(join(tmpdir(), 'wal-checkpointer-'));
    path = join(directory, 'node.sqlite');
    dataSource = new NodeDataSource(path);
    await dataSource.initialize();
    const config = Object.assign(new NodeConfig(), { databasePath: path });
    sqlite = new Sqlite(dataSource);
    writer = new DatabaseWriter(sqlite, config);
    checkpointer = new WalCheckpointer(sqlite, writer, config);
  });

  afterEach(async () => {
    await checkpointer.onModuleDestroy();
    await dataSource.destroy();
    warnings.mockRestore();
    rmSync(directory, { recursive: true, force: true });
  });

  /** Commits `count` blocks of about 16 KB each, from height 2 on. */
  const writeBlocks = async (count: number) => {
    for (let height = 2; height < count + 2; height++) {
      await writer.run(() =>
        sqlite
          .statement('INSERT INTO blocks (height, hash, previous_hash, proof, body) VALUES (?, ?, ?, ?, ?)')
          .run(height, `${height}`.padStart(64, '0'), '0'.repeat(64), '1', 'x'.repeat(16 * 1024)),
      );
    }
  };
  const databaseFileBytes = () => statSync(path).size;

  it("should copy the log into the database file after commits, the node's own commits no longer doing it", async () => {
    await checkpointer.start();
    expect(autocheckpoint(sqlite)).toBe(16 * 1024);
    const before = databaseFileBytes();
    // 4 MB: past the 1,000 pages after which SQLite would checkpoint in a commit, far below the 64 MB it now waits for.
    await writeBlocks(256);
    await waitFor(() => databaseFileBytes() - before >= 4 * 1024 * 1024);
  });

  it('should tell its worker of the first commit after each checkpoint only, and leave none of them out', async () => {
    await checkpointer.start();
    const told = jest.spyOn(Reflect.get(checkpointer, 'worker') as Worker, 'postMessage');
    const before = databaseFileBytes();
    // 64 commits of 16 KB, one after another (a few hundred ms here): each was a message to the worker before.
    await writeBlocks(64);
    await waitFor(() => databaseFileBytes() - before >= 64 * 16 * 1024);
    expect(told.mock.calls.length).toBeGreaterThan(0);
    expect(told.mock.calls.length).toBeLessThan(32);
  });

  it('should leave checkpoints to the commits again once its worker has stopped, for any reason', async () => {
    await checkpointer.start();
    const exited = new Promise((resolve) => (Reflect.get(checkpointer, 'worker') as Worker).once('exit', resolve));
    await (Reflect.get(checkpointer, 'worker') as Worker).terminate();
    await exited;
    expect(autocheckpoint(sqlite)).toBe(1000);
    // The node writes on as before.
    await writeBlocks(2);
  });

  it('should start nothing for a database in memory', async () => {
    const inMemory = new WalCheckpointer(sqlite, writer, Object.assign(new NodeConfig(), { databasePath: ':memory:' }));
    await inMemory.start();
    expect(Reflect.get(inMemory, 'worker')).toBeUndefined();
    expect(autocheckpoint(sqlite)).toBe(1000);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
