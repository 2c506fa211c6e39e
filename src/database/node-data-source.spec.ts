import type { Database } from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';
import { DatabaseInUseError } from './database-lock';
import { NodeDataSource } from './node-data-source';

describe(NodeDataSource.name, () => {
  let directory: string;
  let path: string;
  const open: NodeDataSource[] = [];

  const initialize = async () => {
    const dataSource = new NodeDataSource(path);
    await dataSource.initialize();
    open.push(dataSource);
    return dataSource;
  };

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'node-data-source-'));
    path = join(directory, 'node.sqlite');
  });

  afterEach(async () => {
    for (const dataSource of open.splice(0)) if (dataSource.isInitialized) await dataSource.destroy();
    rmSync(directory, { recursive: true, force: true });
  });

  it('should migrate a new database and fsync every commit on its connection (WAL, synchronous = FULL)', async () => {
    const dataSource = await initialize();
    const connection = (dataSource.driver as BetterSqlite3Driver).databaseConnection as Database;
    expect(connection.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(connection.pragma('synchronous', { simple: true })).toBe(2);
    expect(connection.pragma('busy_timeout', { simple: true })).toBe(0);
    expect(await dataSource.query('SELECT name FROM migrations ORDER BY id')).toEqual([
      { name: 'Init1795606704465' },
      { name: 'AddressIndex1795629227878' },
      { name: 'HashesUnindexed1795661027988' },
    ]);
  });

  it('should refuse a second opening of the same database, naming this process, until the first is closed', async () => {
    const first = await initialize();
    const second = new NodeDataSource(path);
    await expect(second.initialize()).rejects.toThrow(DatabaseInUseError);
    await expect(second.initialize()).rejects.toThrow(`${path} is in use by another node (process ${process.pid}: `);
    await first.destroy();
    await expect(initialize()).resolves.toBeInstanceOf(NodeDataSource);
  });

  it('should be what the migration CLI opens, so migrations take the same lock and pragmas', async () => {
    process.env.DATABASE_PATH = path;
    try {
      const cli = (await import('../../ormconfig')).default;
      expect(cli).toBeInstanceOf(NodeDataSource);
      await cli.initialize();
      open.push(cli);
      await expect(new NodeDataSource(path).initialize()).rejects.toThrow(DatabaseInUseError);
    } finally {
      delete process.env.DATABASE_PATH;
    }
  });
});
