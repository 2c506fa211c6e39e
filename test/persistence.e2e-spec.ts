import { existsSync } from 'node:fs';
import { hashBlock, isValidProof } from '../src/core';
import { eventually } from './support/eventually';
import {
  freePort,
  NodeProcess,
  postTransaction,
  spawnNode,
  startNode,
  stopProcess,
  temporaryDatabaseForEachTest,
} from './support/nodes';

async function get(node: NodeProcess, path: string): Promise<string> {
  return (await fetch(`${node.url}${path}`)).text();
}

describe('A node on its SQLite file', () => {
  const database = temporaryDatabaseForEachTest();

  it('should serve the same chain, pending transactions, peers and id after SIGKILL, losing no acknowledged transaction', async () => {
    const env = { DATABASE_PATH: database.path };
    const node = await spawnNode(env);
    await postTransaction(node, 'before-mining');
    const mined = (await (await fetch(`${node.url}/mine`)).json()) as { transactions: { recipient: string }[] };
    const nodeId = mined.transactions.at(-1)!.recipient;
    await fetch(`${node.url}/nodes/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ nodes: ['127.0.0.1:5999'] }),
    });
    const chainBefore = await get(node, '/chain');

    // Transactions in flight when the process dies: each one answered 201 must survive.
    const acknowledged: string[] = [];
    const inFlight = Array.from({ length: 300 }, (_, i) =>
      postTransaction(node, `tx-${i}`)
        .then((response) => {
          if (response.status === 201) acknowledged.push(`tx-${i}`);
        })
        .catch(() => undefined),
    );
    // Killed once some are answered, however busy the machine, while the rest are still in flight.
    await eventually(async () => expect(acknowledged.length).toBeGreaterThanOrEqual(10), 30_000);
    await stopProcess(node, 'SIGKILL');
    await Promise.all(inFlight);

    const restarted = await spawnNode(env);
    try {
      expect(await get(restarted, '/chain')).toBe(chainBefore);
      expect(JSON.parse(await get(restarted, '/nodes'))).toEqual({ nodes: ['127.0.0.1:5999'], length: 1 });
      const pending = JSON.parse(await get(restarted, '/transactions/pending')) as {
        transactions: { sender: string }[];
      };
      const senders = pending.transactions.map((transaction) => transaction.sender);
      expect(new Set(senders).size).toBe(senders.length);
      expect(senders).toEqual(expect.arrayContaining(acknowledged));
      expect(acknowledged.length).toBeGreaterThan(0);
      expect(senders).not.toContain('before-mining');

      const next = (await (await fetch(`${restarted.url}/mine`)).json()) as { transactions: { recipient: string }[] };
      expect(next.transactions.at(-1)!.recipient).toBe(nodeId);
    } finally {
      await stopProcess(restarted, 'SIGKILL');
    }
  });

  it('should stop cleanly on SIGTERM and come back with the same state', async () => {
    const env = { DATABASE_PATH: database.path };
    const node = await spawnNode(env);
    await postTransaction(node, 'kept');
    await fetch(`${node.url}/mine`);
    await postTransaction(node, 'still-pending');
    const chainBefore = await get(node, '/chain');
    expect(existsSync(`${env.DATABASE_PATH}-wal`)).toBe(true);
    await stopProcess(node, 'SIGTERM');
    // Only a clean close checkpoints the write-ahead log into the database and removes it.
    expect(existsSync(`${env.DATABASE_PATH}-wal`)).toBe(false);

    const restarted = await spawnNode(env);
    try {
      expect(await get(restarted, '/chain')).toBe(chainBefore);
      expect(JSON.parse(await get(restarted, '/transactions/pending')).transactions).toEqual([
        { sender: 'still-pending', recipient: 'r', amount: 1.5 },
      ]);
    } finally {
      await stopProcess(restarted, 'SIGKILL');
    }
  });

  it('should take the port from --port, like the reference', async () => {
    const port = await freePort();
    const node = await spawnNode({ DATABASE_PATH: database.path, PORT: '1' }, { args: ['--port', String(port)], port });
    try {
      expect(JSON.parse(await get(node, '/chain')).length).toBe(1);
    } finally {
      await stopProcess(node, 'SIGKILL');
    }
  });

  it('should refuse a bad setting at boot with a clear message', async () => {
    const failure = await spawnNode({ DATABASE_PATH: database.path, DIFFICULTY: 'four' }).catch(
      (error: Error) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain(
      'Invalid configuration: DIFFICULTY must be a whole number, got "four"',
    );
  });

  it('should serialize concurrent mining: each call its own block, indexes contiguous', async () => {
    const node = await startNode({ databasePath: database.path });
    try {
      for (let i = 0; i < 4; i++) {
        await node.http
          .post('/transactions/new')
          .send({ sender: `s${i}`, recipient: 'r', amount: 1 })
          .expect(201);
      }
      const results = await Promise.all(Array.from({ length: 5 }, () => node.http.get('/mine')));
      expect(results.map((result) => result.status)).toEqual([200, 200, 200, 200, 200]);
      expect(results.map((result) => result.body.index as number).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6]);

      const chain = await node.chain();
      expect(chain.map((block) => block.index)).toEqual([1, 2, 3, 4, 5, 6]);
      for (let i = 1; i < chain.length; i++) {
        expect(chain[i].previous_hash).toBe(hashBlock(chain[i - 1]));
        expect(isValidProof(chain[i - 1].proof, chain[i].proof, hashBlock(chain[i - 1]), 4)).toBe(true);
      }
      const payments = chain.flatMap((block) => block.transactions).filter((transaction) => transaction.sender !== '0');
      expect(payments.map((transaction) => transaction.sender)).toEqual(['s0', 's1', 's2', 's3']);
    } finally {
      await node.close();
    }
  });
});
