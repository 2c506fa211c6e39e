import Database, { SqliteError } from 'better-sqlite3';
import { unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BlockStore } from '../src/chain/block.store';
import { Sqlite } from '../src/database/sqlite';
import {
  NodeProcess,
  postTransaction,
  spawnNode,
  startNode,
  stopProcess,
  temporaryDatabaseForEachTest,
} from './support/nodes';
import { mountTmpfs, Tmpfs } from './support/tmpfs';

/** Quick blocks, no background sync writing behind the test's back, no rate limit on the test's many requests. */
const QUICK = { DIFFICULTY: '2', SYNC_INTERVAL_MS: '0', RATE_LIMIT: '0' };

/** A node as its clients see it. */
interface Endpoint {
  url: string;
}

interface MinedBlock {
  index: number;
  proof: number;
  previous_hash: string;
}

interface StoredTransaction {
  sender: string;
}

/** What the node told its clients: every transaction and block it acknowledged, and what it refused. */
class Ledger {
  readonly acknowledged: string[] = [];
  readonly refused: string[] = [];
  readonly mined: MinedBlock[] = [];
  readonly refusals: { status: number; body: unknown }[] = [];
  private sent = 0;

  /** Sends a transaction with a long sender (rows that fill a disk quickly); returns the status. */
  async send(node: Endpoint, label: string): Promise<number> {
    const sender = `${label}-${this.sent++}-`.padEnd(250, 'x');
    const response = await postTransaction(node, sender);
    if (response.status === 201) this.acknowledged.push(sender);
    else this.refuse(sender, response.status, await response.json());
    return response.status;
  }

  async mine(node: Endpoint): Promise<number> {
    const response = await fetch(`${node.url}/mine`);
    const body = (await response.json()) as MinedBlock;
    if (response.status === 200)
      this.mined.push({ index: body.index, proof: body.proof, previous_hash: body.previous_hash });
    else this.refuse('a block', response.status, body);
    return response.status;
  }

  private refuse(what: string, status: number, body: unknown): void {
    this.refused.push(what);
    this.refusals.push({ status, body });
  }

  /** Every acknowledged transaction exactly once (in a block or pending), every mined block, nothing refused. */
  async expectStoredBy(node: Endpoint): Promise<void> {
    const chain = ((await (await fetch(`${node.url}/chain`)).json()) as { chain: (MinedBlock & Txs)[] }).chain;
    const pending = ((await (await fetch(`${node.url}/transactions/pending`)).json()) as Txs).transactions;
    const senders = [...chain.flatMap((block) => block.transactions), ...pending].map((tx) => tx.sender);
    const counts = new Map<string, number>();
    for (const sender of senders) counts.set(sender, (counts.get(sender) ?? 0) + 1);
    expect(this.acknowledged.filter((sender) => counts.get(sender) !== 1)).toEqual([]);
    expect(this.refused.filter((sender) => counts.has(sender))).toEqual([]);
    for (const block of this.mined) {
      const { index, proof, previous_hash } = chain[block.index - 1];
      expect({ index, proof, previous_hash }).toEqual(block);
    }
  }
}

interface Txs {
  transactions: StoredTransaction[];
}

async function expectServing(node: Endpoint): Promise<void> {
  expect((await fetch(`${node.url}/chain`)).status).toBe(200);
  expect((await fetch(`${node.url}/transactions/pending`)).status).toBe(200);
}

function expectStorageRefusal(ledger: Ledger, code: string): void {
  expect(ledger.refusals.length).toBeGreaterThan(0);
  for (const refusal of ledger.refusals) {
    expect(refusal).toEqual({
      status: 503,
      body: {
        statusCode: 503,
        message: expect.stringContaining(code),
        error: 'Service Unavailable',
      },
    });
  }
}

/** A clean stop, then a start on the same database. */
async function restart(node: NodeProcess, env: Record<string, string>): Promise<NodeProcess> {
  await stopProcess(node, 'SIGTERM');
  return spawnNode(env);
}

describe('A node whose storage fails', () => {
  const running: NodeProcess[] = [];
  const start = async (env: Record<string, string>) => {
    const node = await spawnNode({ ...QUICK, ...env });
    running.push(node);
    return node;
  };

  afterEach(async () => {
    for (const node of running.splice(0)) await stopProcess(node, 'SIGKILL');
  });

  describe('on a disk of its own', () => {
    let disk: Tmpfs | null;

    beforeEach(() => {
      disk = mountTmpfs(4 * 1024 * 1024);
    });

    afterEach(() => disk?.unmount());

    // Mounting a disk takes root on Linux; elsewhere the faults injected into writes below stand in for it.
    const probe = mountTmpfs(1024 * 1024);
    probe?.unmount();
    const onDisk = probe ? it : it.skip;

    onDisk('should answer 503 while the disk is full, serve again once there is room, and lose nothing', async () => {
      const env = { ...QUICK, DATABASE_PATH: join(disk!.path, 'node.sqlite') };
      const ledger = new Ledger();
      let node = await start(env);
      for (let i = 0; i < 5; i++) await ledger.send(node, 'before');
      expect(await ledger.mine(node)).toBe(200);

      const filler = join(disk!.path, 'filler');
      writeFileSync(filler, Buffer.alloc(disk!.free() - 64 * 1024));
      let failures = 0;
      for (let i = 0; i < 2000 && failures < 5; i++) {
        if ((await ledger.send(node, 'filling')) !== 201) failures++;
        if (i % 10 === 9) await ledger.mine(node);
      }
      expect(failures).toBe(5);
      expectStorageRefusal(ledger, 'SQLITE_FULL');
      await expectServing(node);

      unlinkSync(filler);
      for (let i = 0; i < 10; i++) expect(await ledger.send(node, 'after')).toBe(201);
      expect(await ledger.mine(node)).toBe(200);
      await ledger.expectStoredBy(node);

      node = await restart(node, env);
      running.push(node);
      await ledger.expectStoredBy(node);
    });
  });

  describe('while another process holds the write lock', () => {
    const database = temporaryDatabaseForEachTest();

    it('should wait for a lock released in time, answer 503 past the busy timeout, and lose nothing', async () => {
      const { path } = database;
      const env = { ...QUICK, DATABASE_PATH: path, DATABASE_BUSY_TIMEOUT_MS: '2000' };
      const ledger = new Ledger();
      let node = await start(env);
      for (let i = 0; i < 3; i++) await ledger.send(node, 'before');

      const other = new Database(path, { timeout: 0 });
      try {
        // Released well within the busy timeout: the write waits for it.
        other.exec('BEGIN IMMEDIATE');
        const waiting = ledger.send(node, 'waited');
        await sleep(100);
        other.exec('ROLLBACK');
        expect(await waiting).toBe(201);

        // Held past it: refused. Reads go on meanwhile: the writer waits without blocking the event loop.
        other.exec('BEGIN IMMEDIATE');
        const refused = Promise.all([ledger.send(node, 'locked-out'), ledger.mine(node)]);
        await expectServing(node);
        expect(await refused).toEqual([503, 503]);
        other.exec('ROLLBACK');
      } finally {
        other.close();
      }
      expectStorageRefusal(ledger, 'SQLITE_BUSY');

      for (let i = 0; i < 3; i++) expect(await ledger.send(node, 'after')).toBe(201);
      expect(await ledger.mine(node)).toBe(200);
      node = await restart(node, env);
      running.push(node);
      await ledger.expectStoredBy(node);
    });
  });

  describe('in its own process', () => {
    const database = temporaryDatabaseForEachTest();

    // The kernel refuses to remount a disk read-only under a file open for writing: the connection is made so.
    it('should answer 503 while the database is read-only, serve reads, write again after, and lose nothing', async () => {
      const ledger = new Ledger();
      let node = await startNode({ databasePath: database.path, difficulty: 2 });
      try {
        for (let i = 0; i < 3; i++) await ledger.send(node, 'before');
        const connection = node.app.get(Sqlite).connection;
        connection.pragma('query_only = ON');
        expect(await ledger.send(node, 'read-only')).toBe(503);
        expect(await ledger.mine(node)).toBe(503);
        await expectServing(node);
        connection.pragma('query_only = OFF');
        expectStorageRefusal(ledger, 'SQLITE_READONLY');

        for (let i = 0; i < 3; i++) expect(await ledger.send(node, 'after')).toBe(201);
        expect(await ledger.mine(node)).toBe(200);
      } finally {
        await node.close();
      }
      node = await startNode({ databasePath: database.path, difficulty: 2 });
      try {
        await ledger.expectStoredBy(node);
      } finally {
        await node.close();
      }
    });

    it('should answer 503 to a /mine whose write throws, keep chain, pending set and cache, and mine on the same tip', async () => {
      let node = await startNode({ databasePath: database.path, difficulty: 2 });
      try {
        for (const sender of ['a', 'b']) {
          await node.http.post('/transactions/new').send({ sender, recipient: 'r', amount: 1 }).expect(201);
        }
        const chainBefore = (await node.http.get('/chain').expect(200)).text;
        const failing = jest.spyOn(node.app.get(BlockStore), 'insert').mockImplementationOnce(() => {
          throw new Error('boom');
        });
        const refused = await node.http.get('/mine').expect(503);
        expect(refused.body.message).toBe(
          'Nothing was stored: the database write failed (an internal error). Retry later.',
        );
        expect(failing).toHaveBeenCalledTimes(1);
        expect((await node.http.get('/chain')).text).toBe(chainBefore);
        expect((await node.http.get('/transactions/pending')).body.length).toBe(2);

        const mined = await node.http.get('/mine').expect(200);
        expect(mined.body.index).toBe(2);
        const minedSenders = (mined.body as Txs).transactions.map((transaction) => transaction.sender);
        expect(minedSenders).toEqual(['a', 'b', '0']);
      } finally {
        await node.close();
      }
      node = await startNode({ databasePath: database.path, difficulty: 2 });
      try {
        expect((await node.chain()).map((block) => block.index)).toEqual([1, 2]);
        expect((await node.http.get('/transactions/pending')).body.length).toBe(0);
      } finally {
        await node.close();
      }
    });
  });

  it.each([
    ['/blocks/1', 'bodyAt'],
    ['/chain', 'pageAbove'],
  ] as const)(
    'should answer 503 JSON to GET %s when the database fails the read, and serve it after',
    async (path, read) => {
      const node = await startNode();
      try {
        const failing = jest.spyOn(node.app.get(BlockStore), read).mockImplementationOnce(() => {
          throw new SqliteError('disk I/O error', 'SQLITE_IOERR');
        });
        const refused = await node.http.get(path).expect(503);
        expect(refused.headers['content-type']).toMatch(/^application\/json/);
        expect(JSON.parse(refused.text)).toEqual({
          statusCode: 503,
          message: 'The database is unavailable (SQLITE_IOERR): nothing was changed. Retry later.',
          error: 'Service Unavailable',
        });
        expect(failing).toHaveBeenCalledTimes(1);
        await node.http.get(path).expect(200);
      } finally {
        await node.close();
      }
    },
  );

  it('should fsync every commit: the connection is in WAL mode with synchronous = FULL', async () => {
    const node = await startNode();
    try {
      const connection = node.app.get(Sqlite).connection;
      expect(connection.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(connection.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      await node.close();
    }
  });
});
