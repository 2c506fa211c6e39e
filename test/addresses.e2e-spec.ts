import Database from 'better-sqlite3';
import { RunningNode, startNode, temporaryDatabaseForEachTest } from './support/nodes';

interface History {
  address: string;
  received: number;
  sent: number;
  balance: number;
  length: number;
  offset: number;
  limit: number;
  transactions: { index: number; position: number; sender: string; recipient: string; amount: number }[];
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
  const start = async (databasePath?: string) => {
    const node = await startNode({ difficulty: 2, syncIntervalMs: 0, ...(databasePath ? { databasePath } : {}) });
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
    const old = new Database(database.path);
    old.exec(`DROP TABLE indexed_transactions; DROP TABLE address_index_state; DROP TABLE address_totals;
      DELETE FROM migrations WHERE name LIKE 'AddressIndex%'`);
    old.close();

    node = await start(database.path);
    expect(await Promise.all(addresses.map((address) => history(node, address)))).toEqual(before);
    expect(before.map(({ length, received, sent }) => [length, received, sent])).toEqual([
      [2, 5, 1],
      [2, 3.5, 2.5],
      [2, 0, 2],
    ]);
  });
});
