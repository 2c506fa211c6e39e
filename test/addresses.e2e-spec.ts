import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import { Block, dumpJson, hashBlock } from '../src/core';
import { buildChain } from './support/chains';
import { eventually } from './support/eventually';
import { withChainPeer } from './support/fake-peer';
import { RunningNode, startNode, temporaryDatabaseForEachTest, undoMigrations } from './support/nodes';

interface History {
  address: string;
  received: number;
  sent: number;
  balance: number;
  length: number;
  offset: number;
  limit: number;
  transactions: { index: number; position: number; sender: string; recipient: string; amount: number }[];
  height: number;
}

const ODD_ADDRESS = 'a/b?c#d %20 ü北';

async function history(node: RunningNode, address: string, query = ''): Promise<History> {
  return (await node.http.get(`/addresses/${encodeURIComponent(address)}${query}`).expect(200)).body as History;
}

async function send(node: RunningNode, sender: string, recipient: string, amount: number): Promise<void> {
  await node.http.post('/transactions/new').send({ sender, recipient, amount }).expect(201);
}

describe('GET /addresses/{address}', () => {
  const database = temporaryDatabaseForEachTest();
  const nodes: RunningNode[] = [];
  const start = async (databasePath?: string, overrides: Parameters<typeof startNode>[0] = {}) => {
    const node = await startNode({
      difficulty: 2,
      syncIntervalMs: 0,
      ...(databasePath ? { databasePath } : {}),
      ...overrides,
    });
    nodes.push(node);
    return node;
  };

  afterEach(async () => {
    for (const node of nodes.splice(0)) await node.close();
  });

  it("should list the chain's transactions naming an address, newest first, with its totals", async () => {
    const node = await start();
    await send(node, 'alice', 'bob', 5);
    await send(node, 'bob', 'carol', 2.5);
    await node.http.get('/mine').expect(200);
    await send(node, 'alice', 'alice', 1);
    await send(node, 'carol', ODD_ADDRESS, 0.5);
    const mined = (await node.http.get('/mine').expect(200)).body as History['transactions'][number] & {
      transactions: { recipient: string }[];
    };
    const miner = mined.transactions.at(-1)!.recipient;

    expect(await history(node, 'alice')).toEqual({
      address: 'alice',
      received: 1,
      sent: 6,
      balance: -5,
      length: 2,
      offset: 0,
      limit: 50,
      transactions: [
        { index: 3, position: 0, sender: 'alice', recipient: 'alice', amount: 1 },
        { index: 2, position: 0, sender: 'alice', recipient: 'bob', amount: 5 },
      ],
      height: 3,
    });
    const carol = await history(node, 'carol');
    expect([carol.received, carol.sent, carol.length]).toEqual([2.5, 0.5, 2]);
    expect((await history(node, ODD_ADDRESS)).transactions).toEqual([
      { index: 3, position: 1, sender: 'carol', recipient: ODD_ADDRESS, amount: 0.5 },
    ]);
    const minted = await history(node, '0');
    expect([minted.sent, minted.length]).toEqual([2, 2]);
    expect((await history(node, miner)).received).toBe(2);
    expect(await history(node, 'nobody')).toMatchObject({
      received: 0,
      sent: 0,
      balance: 0,
      length: 0,
      transactions: [],
    });
  });

  it('should page newest first', async () => {
    const node = await start();
    for (let amount = 1; amount <= 5; amount++) await send(node, 'payer', 'payee', amount);
    await node.http.get('/mine').expect(200);
    const page = await history(node, 'payer', '?offset=1&limit=2');
    expect(page.transactions.map((transaction) => transaction.amount)).toEqual([4, 3]);
    expect([page.length, page.offset, page.limit]).toEqual([5, 1, 2]);
    expect((await history(node, 'payer', '?offset=5')).transactions).toEqual([]);
  });

  it.each([
    ['limit=0', '?limit=0'],
    ['limit beyond 1000', '?limit=1001'],
    ['a negative offset', '?offset=-1'],
    ['an offset that is not a number', '?offset=abc'],
  ])('should refuse %s with a 400 JSON error', async (_what, query) => {
    const node = await start();
    const refused = await node.http.get(`/addresses/alice${query}`).expect(400);
    expect(refused.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('should refuse an address longer than any transaction may name', async () => {
    const node = await start();
    await node.http.get(`/addresses/${'a'.repeat(257)}`).expect(400);
  });

  it("should follow a chain replacement: the dropped blocks' transactions leave, the new chain's come", async () => {
    const [node, peer] = [await start(), await start()];
    await send(node, 'alice', 'bob', 7);
    await node.http.get('/mine').expect(200);
    await send(peer, 'dave', 'bob', 3);
    for (let i = 0; i < 3; i++) await peer.http.get('/mine').expect(200);
    await node.register(peer.address);
    expect((await node.http.get('/nodes/resolve').expect(200)).body.message).toBe('Our chain was replaced');

    const bob = await history(node, 'bob');
    expect(bob.transactions).toEqual([{ index: 2, position: 0, sender: 'dave', recipient: 'bob', amount: 3 }]);
    expect([bob.received, bob.sent, bob.length]).toEqual([3, 0, 1]);
    expect(await history(node, 'alice')).toMatchObject({ received: 0, sent: 0, length: 0 });
    // alice's payment went back to the pending set: not in the chain, so not in the index.
    expect((await node.http.get('/transactions/pending').expect(200)).body.transactions).toEqual([
      { sender: 'alice', recipient: 'bob', amount: 7 },
    ]);
  });

  describe('after a sync too long to index inside its writes', () => {
    // Every block but the genesis pays a reward from "0": its totals say how many blocks the index holds.
    const chain = buildChain({ blocks: 1200, paymentsPerBlock: 3 }, 2);
    const chainText = dumpJson({ chain, length: chain.length });
    const rewards = (history: History) => [history.length, history.sent];
    const caughtUp = (node: RunningNode) =>
      eventually(async () => {
        const minted = await history(node, '0');
        expect([minted.height, ...rewards(minted)]).toEqual([chain.length, chain.length - 1, chain.length - 1]);
      }, 30_000);
    const adoptChain = (node: RunningNode) =>
      withChainPeer(chainText, async (peer) => {
        await node.register(peer.address);
        expect((await node.http.get('/nodes/resolve').expect(200)).body.message).toBe('Our chain was replaced');
      });

    it('should catch up in the background, every answer meanwhile whole for the height it gives', async () => {
      const node = await start();
      await adoptChain(node);
      const heights: number[] = [];
      await eventually(async () => {
        const minted = await history(node, '0');
        heights.push(minted.height);
        expect(rewards(minted)).toEqual([Math.max(minted.height - 1, 0), Math.max(minted.height - 1, 0)]);
        expect(minted.height).toBe(chain.length);
      }, 30_000);
      expect(heights[0]).toBeLessThan(chain.length);
      const payee = chain[700].transactions[1].recipient;
      expect((await history(node, payee)).transactions).toEqual([
        { index: 701, position: 1, ...chain[700].transactions[1] },
      ]);
    });

    it('should try again after a write lock held elsewhere kept it back, meanwhile answering as of where it stood', async () => {
      const warnings = jest.spyOn(Logger.prototype, 'warn');
      const node = await start(database.path, { databaseBusyTimeoutMs: 100 });
      const other = new Database(database.path);
      try {
        await adoptChain(node);
        other.exec('BEGIN IMMEDIATE');
        await eventually(async () => {
          expect(warnings.mock.calls.flat().join('\n')).toMatch(/could not catch up.*(busy|locked)/i);
        }, 30_000);
        const held = await history(node, '0');
        expect(held.height).toBeLessThan(chain.length);
        expect(rewards(held)).toEqual([Math.max(held.height - 1, 0), Math.max(held.height - 1, 0)]);
      } finally {
        if (other.inTransaction) other.exec('ROLLBACK');
        other.close();
        warnings.mockRestore();
      }
      await caughtUp(node);
    });

    it('should catch up at start on a database whose index is behind', async () => {
      let node = await start(database.path);
      await adoptChain(node);
      await nodes.pop()!.close();

      node = await start(database.path);
      await caughtUp(node);
    });
  });

  it('should rebuild the index at start for a database from before it, and serve the same pages', async () => {
    let node = await start(database.path);
    await send(node, 'alice', 'bob', 5);
    await node.http.get('/mine').expect(200);
    await send(node, 'bob', 'carol', 1);
    await send(node, 'carol', 'carol', 2.5);
    await node.http.get('/mine').expect(200);
    // A payer and payee, one who paid herself, and the reward sender: each side of the totals.
    const addresses = ['bob', 'carol', '0'];
    const before = await Promise.all(addresses.map((address) => history(node, address)));
    await nodes.pop()!.close();

    // What a database migrated before the address index looks like.
    await undoMigrations(database.path, 2);
    const old = new Database(database.path);
    const indexTables = old.prepare(
      "SELECT name FROM sqlite_master WHERE name IN ('indexed_transactions', 'address_index_state', 'address_totals')",
    );
    expect(indexTables.all()).toEqual([]);
    old.close();

    node = await start(database.path);
    expect(await Promise.all(addresses.map((address) => history(node, address)))).toEqual(before);
    expect(before.map(({ length, received, sent }) => [length, received, sent])).toEqual([
      [2, 5, 1],
      [2, 3.5, 2.5],
      [2, 0, 2],
    ]);
  });

  describe('on a database from before the index recorded its tip height', () => {
    const mineTwoBlocks = async () => {
      const node = await start(database.path);
      await send(node, 'alice', 'bob', 5);
      await node.http.get('/mine').expect(200);
      await send(node, 'bob', 'carol', 1);
      await node.http.get('/mine').expect(200);
      const before = await history(node, 'bob');
      await nodes.pop()!.close();
      await undoMigrations(database.path, 1);
      return before;
    };
    const indexedTip = () => {
      const migrated = new Database(database.path, { readonly: true });
      try {
        return migrated.prepare('SELECT tip_height AS height, tip_hash AS hash FROM address_index_state').get();
      } finally {
        migrated.close();
      }
    };

    it('should keep the index, with the height of its tip', async () => {
      const before = await mineTwoBlocks();
      const node = await start(database.path);
      const tip = (await node.http.get('/blocks/3').expect(200)).body as Record<string, unknown>;
      expect(indexedTip()).toEqual({ height: 3, hash: hashBlock(tip as unknown as Block) });
      expect(await history(node, 'bob')).toEqual(before);
    });

    it("should clear an index whose tip is not in the chain, and build it anew", async () => {
      const before = await mineTwoBlocks();
      const old = new Database(database.path);
      old.exec(`UPDATE address_index_state SET tip_hash = '${'f'.repeat(64)}'`);
      old.close();
      const node = await start(database.path);
      await eventually(async () => expect(await history(node, 'bob')).toEqual(before));
    });
  });
});
