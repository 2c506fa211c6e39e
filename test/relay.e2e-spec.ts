import type { IncomingMessage, ServerResponse } from 'node:http';
import { dumpJson } from '../src/core';
import { NodeIdentityService } from '../src/identity/node-identity.service';
import { MAX_RELAY_BATCH } from '../src/nodes/dto/relay.dto';
import { eventually } from './support/eventually';
import { FakePeer, startFakePeer } from './support/fake-peer';
import { RunningNode, startNode } from './support/nodes';

interface Heard {
  path: string;
  relayHeader?: string;
  body: string;
}

/**
 * A fake peer that keeps every post it takes. `status` says what it answers to each path (0: it drops the connection);
 * every answer gives `id` as its node id.
 */
async function listeningPeer(
  status: (path: string) => number = () => 200,
  id = 'fakepeer',
): Promise<FakePeer & { heard: Heard[] }> {
  const heard: Heard[] = [];
  const peer = await startFakePeer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const path = request.url ?? '';
      const answer = status(path);
      if (answer === 0) return void request.socket.destroy();
      if (answer < 300) heard.push({ path, relayHeader: request.headers['x-blockchain-relay'] as string, body });
      response.writeHead(answer, { 'Content-Type': 'application/json' }).end(dumpJson({ node: id }));
    });
  });
  return Object.assign(peer, { heard });
}

/** The senders of the transactions a peer heard relayed in batches, in the order it heard them. */
function relayedSenders(heard: Heard[]): string[] {
  return heard
    .filter(({ path }) => path === '/nodes/relay')
    .flatMap(({ body }) => (JSON.parse(body) as { transactions: { transaction: { sender: string } }[] }).transactions)
    .map(({ transaction }) => transaction.sender);
}

function relayed(relayId: string, sender: string, amount: number | string = 1) {
  return `{"relay_id": "${relayId}", "transaction": {"sender": "${sender}", "recipient": "r", "amount": ${amount}}}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Transaction relay between nodes', () => {
  const running: RunningNode[] = [];
  const peers: FakePeer[] = [];
  const start = async () => {
    const node = await startNode({ syncIntervalMs: 0 });
    running.push(node);
    return node;
  };
  const fakePeer = async (...args: Parameters<typeof listeningPeer>) => {
    const peer = await listeningPeer(...args);
    peers.push(peer);
    return peer;
  };
  const pendingText = async (node: RunningNode) => (await node.http.get('/transactions/pending').expect(200)).text;

  afterEach(async () => {
    await Promise.all([
      ...running.splice(0).map((node) => node.close()),
      ...peers.splice(0).map((peer) => peer.close()),
    ]);
  });

  describe('POST /nodes/relay', () => {
    const batch = (...items: string[]) => `{"node": "sender", "transactions": [${items.join(', ')}]}`;

    it.each([
      ['a body that is not JSON', '{"transactions": [', 'JSON'],
      ['no list', '{"node": "sender"}', 'Missing values'],
      ['an empty list', batch(), 'transactions must hold at least one transaction'],
      [
        'a list too long',
        batch(...Array.from({ length: MAX_RELAY_BATCH + 1 }, (_, i) => relayed(`id-${i}`, 'many'))),
        `transactions must hold at most ${MAX_RELAY_BATCH} transactions`,
      ],
      ['a bad relay id', batch(relayed('a b', 'bad-id')), 'relay_id must be 1 to 64 letters, digits or hyphens'],
      ['a bad node id', '{"node": "x/y", "transactions": [' + relayed('ok', 'bad-node') + ']}', 'node must be'],
      ['a transaction that is not an object', batch('{"relay_id": "id", "transaction": 5}'), 'must be an object'],
      ['an amount of zero', batch(relayed('ok', 'zero', 0)), 'amount must be above zero'],
      ['an empty sender', batch(relayed('ok', '')), 'sender must not be empty'],
      ['one bad transaction among good ones', batch(relayed('good', 'good'), relayed('bad', 'bad', -1)), 'above zero'],
    ])('should answer %s with a JSON 400 and store nothing', async (_case, body, message) => {
      const node = await start();
      const response = await node.http
        .post('/nodes/relay')
        .set('Content-Type', 'application/json')
        .send(body)
        .expect(400);
      expect(response.body.message).toContain(message);
      expect(await pendingText(node)).toBe('{"length":0,"transactions":[]}');
    });

    it('should store each relay id once, keep every amount as written, and answer with its own id', async () => {
      const node = await start();
      const body = batch(relayed('first', 'a', '5.0'), relayed('second', 'b', 12345678901234567890n.toString()));
      for (let copy = 0; copy < 2; copy++) {
        const response = await node.http
          .post('/nodes/relay')
          .set('Content-Type', 'application/json')
          .send(body)
          .expect(200);
        expect(response.body).toEqual({
          message: 'Transactions will be added to Block 2',
          node: node.app.get(NodeIdentityService).nodeId,
        });
      }
      await node.http
        .post('/nodes/relay')
        .set('Content-Type', 'application/json')
        .send(batch(relayed('third', 'c'), relayed('third', 'c')))
        .expect(200);
      expect(await pendingText(node)).toBe(
        '{"length":3,"transactions":[{"amount":5.0,"recipient":"r","sender":"a"},' +
          '{"amount":12345678901234567890,"recipient":"r","sender":"b"},' +
          '{"amount":1,"recipient":"r","sender":"c"}]}',
      );
    });
  });

  it('should carry many transactions to a peer in a few requests, each once and in order', async () => {
    const node = await start();
    const peer = await fakePeer();
    await node.register(peer.address);
    const senders = Array.from({ length: 30 }, (_, i) => `payer-${String(i).padStart(2, '0')}`);
    for (const sender of senders) {
      await node.http.post('/transactions/new').send({ sender, recipient: 'r', amount: 1 }).expect(201);
    }
    await eventually(async () => expect(relayedSenders(peer.heard)).toEqual(senders), 5000);
    // One request at once, then at most one per half second: the 30 went in far fewer than 30.
    expect(peer.requests('/nodes/relay')).toBeLessThanOrEqual(10);
    const [first] = JSON.parse(peer.heard[0].body).transactions as { relay_id: string }[];
    expect(JSON.parse(peer.heard[0].body).node).toBe(node.app.get(NodeIdentityService).nodeId);
    expect(first.relay_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should not send a transaction back to the node that relayed it, and pass it on to the others', async () => {
    const node = await start();
    const sender = await fakePeer(() => 200, 'sendingnode');
    const other = await fakePeer(() => 200, 'othernode');
    await node.register(sender.address, other.address);
    // The node learns each peer's id from its answer to a relay.
    await node.http.post('/transactions/new').send({ sender: 'from-client', recipient: 'r', amount: 1 }).expect(201);
    await eventually(async () => {
      expect(relayedSenders(sender.heard)).toEqual(['from-client']);
      expect(relayedSenders(other.heard)).toEqual(['from-client']);
    });

    await node.http
      .post('/nodes/relay')
      .set('Content-Type', 'application/json')
      .send(`{"node": "sendingnode", "transactions": [${relayed('from-peer', 'from-peer')}]}`)
      .expect(200);
    await eventually(async () => expect(relayedSenders(other.heard)).toEqual(['from-client', 'from-peer']));
    await sleep(700);
    expect(relayedSenders(sender.heard)).toEqual(['from-client']);
  });

  it.each([
    ['without the relay route (a reference node)', 404],
    ['that takes no body as large as a batch', 413],
  ])('should send a peer %s each transaction as a client would, with its relay id', async (_case, status) => {
    const node = await start();
    const reference = await fakePeer((path) => (path === '/transactions/new' ? 201 : status));
    await node.register(reference.address);
    for (const sender of ['one', 'two', 'three']) {
      await node.http.post('/transactions/new').send({ sender, recipient: 'r', amount: 1.5 }).expect(201);
    }
    await eventually(async () =>
      expect(reference.heard.map(({ body }) => body)).toEqual(
        ['one', 'two', 'three'].map((sender) => dumpJson({ sender, recipient: 'r', amount: 1.5 })),
      ),
    );
    expect(reference.heard.map(({ relayHeader }) => relayHeader)).toEqual([
      expect.stringMatching(/^[0-9a-f-]{36}$/),
      expect.stringMatching(/^[0-9a-f-]{36}$/),
      expect.stringMatching(/^[0-9a-f-]{36}$/),
    ]);
    // It was asked the relay route once, not once per transaction.
    expect(reference.requests('/nodes/relay')).toBe(1);
  });

  it('should offer again what a peer answered 503 or 429 to, or did not answer, until it takes it', async () => {
    const node = await start();
    const answers = [503, 429, 0, 200];
    const peer = await fakePeer((path) => (path === '/nodes/relay' ? (answers.shift() ?? 200) : 404));
    await node.register(peer.address);
    await node.http.post('/transactions/new').send({ sender: 'later', recipient: 'r', amount: 1 }).expect(201);
    await eventually(async () => expect(relayedSenders(peer.heard)).toEqual(['later']), 6000);
    expect(peer.requests('/nodes/relay')).toBe(4);
    await sleep(1100);
    expect(peer.requests('/nodes/relay')).toBe(4);
  });
});
