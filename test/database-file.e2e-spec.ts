import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  NodeProcess,
  postTransaction,
  spawnNode,
  startNode,
  stopProcess,
  temporaryDatabaseForEachTest,
} from './support/nodes';

function digest(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

async function startFailure(env: Record<string, string>): Promise<string> {
  const failure = await spawnNode(env).catch((error: Error) => error);
  expect(failure).toBeInstanceOf(Error);
  return (failure as Error).message;
}

describe('A node and its database file', () => {
  const database = temporaryDatabaseForEachTest();

  describe('one node per database', () => {
    let first: NodeProcess;

    afterEach(() => stopProcess(first, 'SIGKILL'));

    it('should refuse to start a second node on an open database, naming the file and the first node', async () => {
      first = await spawnNode({ DATABASE_PATH: database.path, SYNC_INTERVAL_MS: '0' });
      const message = await startFailure({ DATABASE_PATH: database.path });
      expect(message).toContain('node exited with 1');
      expect(message).toContain(
        `The node could not start: ${database.path} is in use by another node (process ${first.child.pid}: `,
      );
      expect((await postTransaction(first, 'still served')).status).toBe(201);
    });

    it('should refuse a second node that names the same database through a symbolic link', async () => {
      first = await spawnNode({ DATABASE_PATH: database.path, SYNC_INTERVAL_MS: '0' });
      const link = join(database.directory, 'link.sqlite');
      symlinkSync(database.path, link);
      const message = await startFailure({ DATABASE_PATH: link });
      expect(message).toContain(
        `The node could not start: ${link} is in use by another node (process ${first.child.pid}: `,
      );
    });

    it('should start at once after the node holding the database was killed', async () => {
      first = await spawnNode({ DATABASE_PATH: database.path, SYNC_INTERVAL_MS: '0' });
      expect((await postTransaction(first, 'kept')).status).toBe(201);
      await stopProcess(first, 'SIGKILL');
      first = await spawnNode({ DATABASE_PATH: database.path, SYNC_INTERVAL_MS: '0' });
      const pending = (await (await fetch(`${first.url}/transactions/pending`)).json()) as {
        transactions: { sender: string }[];
      };
      expect(pending.transactions.map((transaction) => transaction.sender)).toEqual(['kept']);
    });
  });

  describe('a file that is not its database', () => {
    /** A real node database, cleanly closed, several pages long. */
    async function nodeDatabase(): Promise<void> {
      const node = await startNode({ databasePath: database.path, syncIntervalMs: 0 });
      try {
        for (let i = 0; i < 200; i++) {
          await node.http
            .post('/transactions/new')
            .send({ sender: `sender ${i}`.padEnd(200, '.'), recipient: 'r', amount: 1 })
            .expect(201);
        }
      } finally {
        await node.close();
      }
    }

    async function expectRefused(problem: string): Promise<void> {
      const before = digest(database.path);
      const sidecars = ['-wal', '-shm', '-lock'].map((suffix) => `${database.path}${suffix}`);
      const sidecarsBefore = sidecars.map((path) => existsSync(path));
      const failure = await startNode({ databasePath: database.path }).catch((error: Error) => error);
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toContain(`${database.path} ${problem}`);
      expect((failure as Error).message).toMatch(/Nothing was changed\.$/);
      expect(digest(database.path)).toBe(before);
      // Nothing new beside it either (a node that made the file earlier left its -lock).
      expect(sidecars.map((path) => existsSync(path))).toEqual(sidecarsBefore);
    }

    it('should refuse a text file, with a clear message, and leave it as it was', async () => {
      writeFileSync(database.path, 'name,balance\nalice,10\n');
      const before = digest(database.path);
      const message = await startFailure({ DATABASE_PATH: database.path });
      expect(message).toContain(
        `The node could not start: ${database.path} is not an SQLite database. Nothing was changed.`,
      );
      expect(digest(database.path)).toBe(before);
    });

    it("should refuse another application's SQLite database", async () => {
      const other = new Database(database.path);
      other.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine')");
      other.close();
      await expectRefused('is not a blockchain node database: it holds the tables notes');
    });

    it("should refuse another application's database with a write-ahead log a crash left, changing neither file", async () => {
      const other = new Database(join(database.directory, 'other.sqlite'));
      other.pragma('journal_mode = WAL');
      other.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('only in the log')");
      // Copied while its connection is open: what a crash leaves, the last commits still in the log only.
      copyFileSync(join(database.directory, 'other.sqlite'), database.path);
      copyFileSync(join(database.directory, 'other.sqlite-wal'), `${database.path}-wal`);
      other.close();
      const [file, log] = [digest(database.path), digest(`${database.path}-wal`)];
      const failure = await startNode({ databasePath: database.path }).catch((error: Error) => error);
      expect((failure as Error).message).toContain('is not a blockchain node database: it holds the tables notes');
      expect([digest(database.path), digest(`${database.path}-wal`)]).toEqual([file, log]);
    });

    it('should refuse a database with our tables but no record of migrations', async () => {
      const other = new Database(database.path);
      other.exec('CREATE TABLE blocks (height INTEGER PRIMARY KEY)');
      other.close();
      await expectRefused('is not a blockchain node database: it has no migrations table');
    });

    it('should refuse a database migrated by a newer version of the node', async () => {
      await nodeDatabase();
      const migrated = new Database(database.path);
      migrated.exec("INSERT INTO migrations (timestamp, name) VALUES (1999999999999, 'Future1999999999999')");
      migrated.close();
      await expectRefused(
        "records migrations this node does not know (Future1999999999999): a newer node's, or another application's",
      );
    });

    it('should open its own database after SQLite statistics were gathered (ANALYZE)', async () => {
      await nodeDatabase();
      const analyzed = new Database(database.path);
      analyzed.exec('ANALYZE');
      analyzed.close();
      const node = await startNode({ databasePath: database.path });
      try {
        expect((await node.http.get('/transactions/pending').expect(200)).body.length).toBe(200);
      } finally {
        await node.close();
      }
    });

    it('should refuse a truncated database', async () => {
      await nodeDatabase();
      truncateSync(database.path, Math.floor(statSync(database.path).size / 2));
      await expectRefused('is corrupt');
    });

    it('should refuse a database with a damaged page', async () => {
      await nodeDatabase();
      const bytes = readFileSync(database.path);
      const pageSize = bytes.readUInt16BE(16);
      bytes.fill(0xa5, 3 * pageSize, 4 * pageSize);
      writeFileSync(database.path, bytes);
      await expectRefused('is corrupt');
    });
  });
});
