import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Block, BLOCK_DEPTH_LIMIT, blockWireText, dumpJson, hashBlock, isValidProof, RawJson } from '../src/core';
import { NodeIdentityService } from '../src/identity/node-identity.service';
import { ProofSearchService } from '../src/mining/proof-search.service';
import { ConsensusService } from '../src/nodes/consensus.service';
import { nestedArrays, nextBlock } from './support/chains';
import { eventually } from './support/eventually';
import { FakePeer, startFakePeer, withChainPeer } from './support/fake-peer';
import { removeDirectory, RunningNode, startNode, temporaryDirectory } from './support/nodes';
import { referenceChainText, referenceHashes } from './support/reference';

async function pendingSenders(node: RunningNode): Promise<string[]> {
  const pending = (await node.http.get('/transactions/pending')).body as { transactions: { sender: string }[] };
  return pending.transactions.map((transaction) => transaction.sender);
}

/** How many times each sender appears in the node's chain (rewards left out). */
async function chainSenders(node: RunningNode): Promise<string[]> {
  return (await node.chain()).flatMap((block) =>
    block.transactions.filter((transaction) => transaction.sender !== '0').map((transaction) => transaction.sender),
  );
}

/** What `node` answers to an announcement: `message`, and its own id. */
function announceAnswer(node: RunningNode, message: string) {
  return { message, node: node.app.get(NodeIdentityService).nodeId };
}

async function registerAll(nodes: RunningNode[]): Promise<void> {
  for (const node of nodes) await node.register(...nodes.filter((other) => other !== node).map((other) => other.url));
}

describe('A network of nodes', () => {
  const running: RunningNode[] = [];
  const start = async (overrides: Parameters<typeof startNode>[0] = {}) => {
    const node = await startNode({ syncIntervalMs: 0, ...overrides });
    running.push(node);
    return node;
  };

  afterEach(async () => {
    await Promise.all(running.splice(0).map((node) => node.close()));
  });

  it('should carry a block mined on any of three nodes to all three within 2 s, without a resolve', async () => {
    const nodes = [await start(), await start(), await start()];
    await registerAll(nodes);
    for (const miner of [nodes[1], nodes[2], nodes[0]]) {
      await miner.http.get('/mine').expect(200);
      const expected = (await miner.http.get('/chain')).text;
      await eventually(async () => {
        for (const node of nodes) expect((await node.http.get('/chain')).text).toBe(expected);
      });
    }
    expect((await nodes[0].chain()).length).toBe(4);
  });

  it('should put a transaction sent to any node into exactly one block of the common chain', async () => {
    const nodes = [await start(), await start(), await start()];
    await registerAll(nodes);
    await nodes[0].http.post('/transactions/new').send({ sender: 'to-first', recipient: 'r', amount: 1 }).expect(201);
    await nodes[2].http.post('/transactions/new').send({ sender: 'to-third', recipient: 'r', amount: 2 }).expect(201);
    await eventually(async () => {
      for (const node of nodes) expect((await pendingSenders(node)).sort()).toEqual(['to-first', 'to-third']);
    });

    await nodes[1].http.get('/mine').expect(200);
    await eventually(async () => {
      for (const node of nodes) {
        expect((await chainSenders(node)).sort()).toEqual(['to-first', 'to-third']);
        expect(await pendingSenders(node)).toEqual([]);
      }
    });
  });

  describe('along a line of five nodes, each the peer of its neighbours only', () => {
    let directory: string;
    let line: RunningNode[];

    beforeEach(async () => {
      const first = await start();
      directory = temporaryDirectory();
      const genesisFile = join(directory, 'genesis.json');
      writeFileSync(genesisFile, blockWireText((await first.chain())[0]));
      line = [first];
      for (let i = 1; i < 5; i++) line.push(await start({ genesisFile }));
      for (let i = 0; i < 4; i++) {
        await line[i].register(line[i + 1].url);
        await line[i + 1].register(line[i].url);
      }
    });

    afterEach(() => removeDirectory(directory));

    it('should relay a transaction sent to one end to all five exactly once, and mine it once', async () => {
      await line[0].http
        .post('/transactions/new')
        .send({ sender: 'end-to-end', recipient: 'r', amount: 1 })
        .expect(201);
      await eventually(async () => {
        for (const node of line) expect(await pendingSenders(node)).toEqual(['end-to-end']);
      }, 5000);

      await line[4].http.get('/mine').expect(200);
      await eventually(async () => {
        for (const node of line) {
          expect(await chainSenders(node)).toEqual(['end-to-end']);
          expect(await pendingSenders(node)).toEqual([]);
        }
      }, 5000);
    });

    it('should carry a block mined at one end to the other end without a sync tick or a resolve', async () => {
      const resolves = line.map((node) => jest.spyOn(node.app.get(ConsensusService), 'resolve'));
      await line[0].http.get('/mine').expect(200);
      const expected = (await line[0].http.get('/chain')).text;
      await eventually(async () => expect((await line[4].http.get('/chain')).text).toBe(expected), 5000);
      for (const resolve of resolves) expect(resolve).not.toHaveBeenCalled();
    });
  });

  it('should store a relayed transaction once however many copies arrive, and equal payments from clients twice', async () => {
    const node = await start();
    const payment = { sender: 'relayed', recipient: 'r', amount: 1 };
    for (let copy = 0; copy < 3; copy++) {
      await node.http.post('/transactions/new').set('X-Blockchain-Relay', 'relay-42').send(payment).expect(201);
    }
    expect(await pendingSenders(node)).toEqual(['relayed']);
    await node.http.post('/transactions/new').send(payment).expect(201);
    await node.http.post('/transactions/new').send(payment).expect(201);
    expect(await pendingSenders(node)).toEqual(['relayed', 'relayed', 'relayed']);
  });

  it('should not store a relayed copy of a payment a block brought first, and store one a client sends', async () => {
    const miner = await start();
    const directory = temporaryDirectory();
    try {
      const genesisFile = join(directory, 'genesis.json');
      writeFileSync(genesisFile, blockWireText((await miner.chain())[0]));
      const node = await start({ genesisFile });
      const payment = { sender: 'raced', recipient: 'r', amount: 1 };
      await miner.http.post('/transactions/new').send(payment).expect(201);
      await miner.http.get('/mine').expect(200);
      const block = (await miner.chain())[1];
      await node.http
        .post('/nodes/announce')
        .send(dumpJson({ block: new RawJson(blockWireText(block)) }))
        .set('Content-Type', 'application/json')
        .expect(200);

      await node.http.post('/transactions/new').set('X-Blockchain-Relay', 'late-copy').send(payment).expect(201);
      expect(await pendingSenders(node)).toEqual([]);
      await node.http.post('/transactions/new').send(payment).expect(201);
      expect(await pendingSenders(node)).toEqual(['raced']);
    } finally {
      removeDirectory(directory);
    }
  });

  it('should refuse a relay id that is not one short id, and store nothing', async () => {
    const node = await start();
    for (const id of ['', 'a b', 'x'.repeat(65), 'id/../x']) {
      const response = await node.http
        .post('/transactions/new')
        .set('X-Blockchain-Relay', id)
        .send({ sender: 'relayed', recipient: 'r', amount: 1 })
        .expect(400);
      expect(response.body.message).toBe('x-blockchain-relay must be one id of 1 to 64 letters, digits or hyphens');
    }
    expect(await pendingSenders(node)).toEqual([]);
  });

  it('should catch up on its own every SYNC_INTERVAL_MS when no one tells it', async () => {
    const ahead = await start();
    const behind = await start({ syncIntervalMs: 200 });
    await behind.register(ahead.url);
    await ahead.http.get('/mine').expect(200);
    await ahead.http.get('/mine').expect(200);
    const expected = (await ahead.http.get('/chain')).text;
    await eventually(async () => expect((await behind.http.get('/chain')).text).toBe(expected));
  });

  it('should converge after mining apart, keeping every acknowledged transaction exactly once', async () => {
    const first = await start();
    const second = await start();
    const acknowledged = new Map<RunningNode, string[]>([
      [first, ['a1', 'a2', 'shared']],
      [second, ['b1', 'shared']],
    ]);
    for (const [node, senders] of acknowledged) {
      for (const sender of senders) {
        await node.http.post('/transactions/new').send({ sender, recipient: 'r', amount: 1 }).expect(201);
      }
    }
    await first.http.get('/mine').expect(200);
    await first.http.post('/transactions/new').send({ sender: 'a3', recipient: 'r', amount: 1 }).expect(201);
    acknowledged.get(first)!.push('a3');
    await second.http.get('/mine').expect(200);
    await second.http.get('/mine').expect(200);

    await registerAll([first, second]);
    await first.http.get('/nodes/resolve').expect(200, /Our chain was replaced/);
    await first.http.get('/mine').expect(200);

    const expected = (await first.http.get('/chain')).text;
    await eventually(async () => expect((await second.http.get('/chain')).text).toBe(expected));
    for (const [node, senders] of acknowledged) {
      const everywhere = [...(await chainSenders(node)), ...(await pendingSenders(node))];
      for (const sender of new Set(senders)) {
        const copies = senders.filter((acknowledgedSender) => acknowledgedSender === sender).length;
        expect(everywhere.filter((seen) => seen === sender)).toHaveLength(copies);
      }
    }
    expect((await chainSenders(first)).sort()).toEqual(['a1', 'a2', 'a3', 'b1', 'shared']);
  });

  it('should relay again a payment a reorganization restored, to a node that never had it', async () => {
    const first = await start();
    const second = await start();
    await first.http.post('/transactions/new').send({ sender: 'apart', recipient: 'r', amount: 1 }).expect(201);
    await first.http.get('/mine').expect(200);
    await second.http.get('/mine').expect(200);
    await second.http.get('/mine').expect(200);

    await registerAll([first, second]);
    await first.http.get('/nodes/resolve').expect(200, /Our chain was replaced/);
    expect(await pendingSenders(first)).toEqual(['apart']);
    await eventually(async () => expect(await pendingSenders(second)).toEqual(['apart']));
    await second.http.get('/mine').expect(200);
    await eventually(async () => expect(await chainSenders(first)).toEqual(['apart']));
    expect(await pendingSenders(first)).toEqual([]);
  });

  it('should discard a block mined on a tip that was replaced meanwhile, and mine again on the new tip', async () => {
    const node = await start();
    const mined = await withChainPeer(referenceChainText, async (peer) => {
      await node.register(peer.address);
      const search = node.app.get(ProofSearchService);
      const find = search.find.bind(search);
      // The chain is replaced while the first proof is being searched for.
      const spy = jest.spyOn(search, 'find').mockImplementationOnce(async (...args) => {
        const staleProof = await find(...args);
        await node.http.get('/nodes/resolve').expect(200, /Our chain was replaced/);
        return staleProof;
      });
      const response = await node.http.get('/mine').expect(200);
      expect(spy).toHaveBeenCalledTimes(2);
      return response.body as { index: number; previous_hash: string };
    });
    const chain = await node.chain();
    expect(chain.map((block) => block.index)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(mined).toMatchObject({ index: 6, previous_hash: referenceHashes[4] });
    expect(chain.slice(0, 5).map(hashBlock)).toEqual(referenceHashes);
  });

  it('should stop searching for a proof when the chain changes, and mine on the new tip', async () => {
    const node = await start();
    const mined = await withChainPeer(referenceChainText, async (peer) => {
      await node.register(peer.address);
      const search = node.app.get(ProofSearchService);
      const find = search.find.bind(search);
      let firstSearch: AbortSignal | undefined;
      // The first search would never end on its own: only the chain changing under it can stop it.
      const spy = jest.spyOn(search, 'find').mockImplementationOnce((_proof, _hash, _difficulty, signal) => {
        firstSearch = signal;
        void node.http.get('/nodes/resolve').then(() => undefined);
        return new Promise((_resolve, reject) =>
          signal!.addEventListener('abort', () => reject(signal!.reason as Error)),
        );
      });
      spy.mockImplementation(find);
      const response = await node.http.get('/mine').expect(200);
      expect(firstSearch?.aborted).toBe(true);
      expect(spy).toHaveBeenCalledTimes(2);
      expect(spy.mock.calls[1].slice(0, 2)).toEqual([(await node.chain())[4].proof, referenceHashes[4]]);
      return response.body as { index: number };
    });
    expect(mined.index).toBe(6);
  });

  describe('POST /nodes/announce', () => {
    /** A block on our tip whose proof of work fails. */
    async function badProofBlock(node: RunningNode): Promise<string> {
      const [genesis] = await node.chain();
      const previousHash = hashBlock(genesis);
      let proof = 0;
      while (isValidProof(genesis.proof, proof, previousHash, 4)) proof++;
      return JSON.stringify({
        block: { index: 2, timestamp: 1, transactions: [], proof, previous_hash: previousHash },
      });
    }

    it.each([
      ['malformed JSON', async () => '{"block":', 'JSON'],
      ['no block', async () => '{"chain": []}', 'Expected {"block"'],
      ['a block without an index', async () => '{"block": {"proof": 1}}', 'block lacks index, timestamp'],
      ['a null block', async () => '{"block": null}', 'block is not an object'],
      ['a block whose proof fails', badProofBlock, 'proof of work is invalid'],
    ])('should answer %s with a JSON 400 and change nothing', async (_case, body, reason) => {
      const node = await start();
      const before = (await node.http.get('/chain')).text;
      const response = await node.http
        .post('/nodes/announce')
        .set('Content-Type', 'application/json')
        .send(await body(node))
        .expect(400);
      expect(response.body.message).toContain(reason);
      expect((await node.http.get('/chain')).text).toBe(before);
    });

    it('should refuse a body that is not JSON', async () => {
      const node = await start();
      await node.http.post('/nodes/announce').set('Content-Type', 'text/plain').send('block').expect(400);
    });

    const farAhead = {
      block: { index: 9, timestamp: 1, transactions: [], proof: 1, previous_hash: 'f'.repeat(64) },
    };
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    it('should resolve when a block from further ahead is announced, at most once a second', async () => {
      const node = await start();
      await withChainPeer(referenceChainText, async (peer) => {
        await node.register(peer.address);
        for (let i = 0; i < 5; i++) {
          await node.http
            .post('/nodes/announce')
            .send(farAhead)
            .expect(200, announceAnswer(node, 'Resolving against peers'));
        }
        await eventually(async () => expect((await node.chain()).length).toBe(5));
        expect(peer.requests('/chain')).toBe(1);
        // The chain adopted falls short of the announced height: the announcements heard meanwhile get one more.
        await eventually(async () => expect(peer.requests('/chain')).toBe(2));
      });
    });

    it('should not lengthen the gap after a resolve that a peer did not answer', async () => {
      const node = await start();
      let reachable = false;
      const peer = await startFakePeer((request, response) => {
        if (!reachable) return void request.socket.destroy();
        response.writeHead(request.url === '/chain' ? 200 : 404, { 'Content-Type': 'application/json' });
        response.end(request.url === '/chain' ? referenceChainText : '{}');
      });
      try {
        await node.register(peer.address);
        const consensus = node.app.get(ConsensusService);
        const resolves = jest.spyOn(consensus, 'resolve');
        await node.http.post('/nodes/announce').send(farAhead).expect(200);
        // Its resolve started before it was answered.
        const firstAnswered = Date.now();
        await eventually(async () => expect(consensus.lastResolution()?.peers[0].status).toBe('unreachable'));
        reachable = true;
        await sleep(firstAnswered + 1050 - Date.now());
        await node.http.post('/nodes/announce').send(farAhead).expect(200);
        expect(resolves).toHaveBeenCalledTimes(2);
        await eventually(async () => expect((await node.chain()).length).toBe(5));
      } finally {
        await peer.close();
      }
    });

    it('should wait twice as long after a resolve whose peers all answered with nothing better, then resolve', async () => {
      const node = await start();
      await withChainPeer((await node.http.get('/chain')).text, async (peer) => {
        await node.register(peer.address);
        const consensus = node.app.get(ConsensusService);
        const resolves = jest.spyOn(consensus, 'resolve');
        const firstAnnounced = Date.now();
        await node.http.post('/nodes/announce').send(farAhead).expect(200);
        // Its resolve started before it was answered.
        const firstAnswered = Date.now();
        await eventually(async () => expect(consensus.lastResolution()?.peers[0].status).toBe('ok'));
        await sleep(firstAnswered + 1050 - Date.now());
        await node.http.post('/nodes/announce').send(farAhead).expect(200);
        expect(resolves).toHaveBeenCalledTimes(1);
        // Not dropped: answered once two seconds have passed since the first.
        await eventually(async () => expect(resolves).toHaveBeenCalledTimes(2));
        expect(Date.now() - firstAnnounced).toBeGreaterThanOrEqual(2000);
      });
    });

    it.each([
      ['a bare index one past our tip', { index: 2 }, 'block lacks timestamp, transactions, proof, previous_hash'],
      ['a bare index far beyond our tip', { index: 17 }, 'block lacks timestamp, transactions, proof, previous_hash'],
      [
        'a block beyond our tip linked to no hash',
        { index: 17, timestamp: 1, transactions: [], proof: 1, previous_hash: 'x' },
        'previous_hash is not a block hash (64 lower-case hex digits)',
      ],
      [
        'a block beyond our tip with a malformed transaction',
        { index: 17, timestamp: 1, transactions: [{ sender: 'a' }], proof: 1, previous_hash: 'f'.repeat(64) },
        'a transaction recipient is not a non-empty string',
      ],
    ])('should refuse %s with a 400 before starting any resolve', async (_case, block, reason) => {
      const node = await start();
      const resolves = jest.spyOn(node.app.get(ConsensusService), 'resolve');
      await withChainPeer(referenceChainText, async (peer) => {
        await node.register(peer.address);
        const response = await node.http.post('/nodes/announce').send({ block }).expect(400);
        expect(response.body).toEqual({
          statusCode: 400,
          message: `The block is invalid: ${reason}`,
          error: 'Bad Request',
        });
        expect(resolves).not.toHaveBeenCalled();
        // The same peer is asked as soon as a well-formed block from beyond the tip is announced.
        const wellFormed = {
          ...block,
          index: 17,
          timestamp: 1,
          transactions: [],
          proof: 1,
          previous_hash: 'f'.repeat(64),
        };
        await node.http
          .post('/nodes/announce')
          .send({ block: wellFormed })
          .expect(200, announceAnswer(node, 'Resolving against peers'));
        expect(resolves).toHaveBeenCalledTimes(1);
        await eventually(async () => expect(peer.requests('/chain')).toBe(1));
      });
    });

    /** A peer that keeps the body of every announcement it receives, and answers with the node id `id`. */
    async function listeningPeer(id = 'listening'): Promise<FakePeer & { announced: string[] }> {
      const announced: string[] = [];
      const peer = await startFakePeer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          if (request.url === '/nodes/announce') announced.push(body);
          response.end(dumpJson({ node: id }));
        });
      });
      return Object.assign(peer, { announced });
    }

    const announcement = (block: Block) => dumpJson({ block: new RawJson(blockWireText(block)) });
    /** The announcement `node` sends of `block`: it names `node`. */
    const announcementBy = (node: RunningNode, block: Block) =>
      dumpJson({ block: new RawJson(blockWireText(block)), node: node.app.get(NodeIdentityService).nodeId });

    it('should refuse a block with a valid proof nested deeper than the limit, and pass it on only at the limit', async () => {
      const node = await start();
      const peer = await listeningPeer();
      try {
        await node.register(peer.address);
        const chain = await node.chain();
        const before = (await node.http.get('/chain')).text;
        for (const depth of [BLOCK_DEPTH_LIMIT + 1, 1_200]) {
          const tooDeep = nextBlock(chain, 4, { extension: nestedArrays(depth - 1) });
          const response = await node.http
            .post('/nodes/announce')
            .set('Content-Type', 'application/json')
            .send(announcement(tooDeep))
            .expect(400);
          expect(response.body).toMatchObject({ statusCode: 400, message: expect.stringMatching(/nests deeper/) });
        }
        expect((await node.http.get('/chain')).text).toBe(before);

        const atTheLimit = nextBlock(chain, 4, { extension: nestedArrays(BLOCK_DEPTH_LIMIT - 1) });
        await node.http
          .post('/nodes/announce')
          .set('Content-Type', 'application/json')
          .send(announcement(atTheLimit))
          .expect(200, announceAnswer(node, 'Block added'));
        expect((await node.chain())[1]).toEqual(atTheLimit);
        // Only the block at the limit travels on: the refused ones were announced first and never reached the peer.
        await eventually(async () => expect(peer.announced).toEqual([announcementBy(node, atTheLimit)]));
      } finally {
        await peer.close();
      }
    });

    it('should keep a lone surrogate inside an announced block exactly, and never put it in the pending set', async () => {
      const node = await start();
      const block = nextBlock(await node.chain(), 4, {
        transactions: [{ sender: 'a\ud800', recipient: '\udc00b', amount: 1 }],
      });
      expect(announcement(block)).toContain('"sender":"a\\ud800"');
      await node.http
        .post('/nodes/announce')
        .set('Content-Type', 'application/json')
        .send(announcement(block))
        .expect(200, announceAnswer(node, 'Block added'));
      const served = (await node.http.get('/chain')).text;
      expect(served).toContain(blockWireText(block));
      const [, stored] = await node.chain();
      expect(stored.transactions[0]).toEqual({ sender: 'a\ud800', recipient: '\udc00b', amount: 1 });
      expect(hashBlock(stored)).toBe(hashBlock(block));

      // Dropped by a reorg, such a payment is not restored to the pending set, which would store it changed.
      await withChainPeer(referenceChainText, async (peer) => {
        await node.register(peer.address);
        await node.http.get('/nodes/resolve').expect(200, /Our chain was replaced/);
      });
      await node.http.get('/transactions/pending').expect(200, { transactions: [], length: 0 });
    });

    it('should send its tip and the transactions a peer missed again and again, until the peer hears them', async () => {
      const node = await start();
      let reachable = false;
      const heard: string[] = [];
      const peer = await startFakePeer((request, response) => {
        if (!reachable) return void request.socket.destroy();
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          heard.push(`${request.url} ${body}`);
          response.end('{}');
        });
      });
      try {
        await node.register(peer.address);
        await node.http.get('/mine').expect(200);
        await node.http.post('/transactions/new').send({ sender: 'apart', recipient: 'r', amount: 1 }).expect(201);
        // Offered again while it cannot get through.
        await eventually(async () => {
          expect(peer.requests('/nodes/announce')).toBeGreaterThanOrEqual(2);
          expect(peer.requests('/nodes/relay')).toBeGreaterThanOrEqual(2);
        });
        reachable = true;
        const tip = (await node.chain()).at(-1)!;
        await eventually(async () => expect(heard).toHaveLength(2));
        expect(heard).toContain(`/nodes/announce ${announcementBy(node, tip)}`);
        const relay = heard.find((request) => request.startsWith('/nodes/relay '))!;
        const { transactions } = JSON.parse(relay.slice('/nodes/relay '.length)) as {
          transactions: { transaction: unknown }[];
        };
        expect(transactions.map(({ transaction }) => transaction)).toEqual([
          { sender: 'apart', recipient: 'r', amount: 1 },
        ]);
        await sleep(1100);
        expect(heard).toHaveLength(2);
      } finally {
        await peer.close();
      }
    });

    it('should say a block it already has is known', async () => {
      const node = await start();
      const [genesis] = await node.chain();
      await node.http
        .post('/nodes/announce')
        .send({ block: genesis })
        .expect(200, announceAnswer(node, 'Block already known'));
    });

    it('should refuse a node id that is not one short id, and add nothing', async () => {
      const node = await start();
      const block = nextBlock(await node.chain(), 4);
      for (const id of ['', 'a b', 7]) {
        const response = await node.http
          .post('/nodes/announce')
          .send({ block: JSON.parse(blockWireText(block)), node: id })
          .expect(400);
        expect(response.body.message).toBe('node must be 1 to 64 letters, digits or hyphens');
      }
      expect(await node.chain()).toHaveLength(1);
    });

    it('should announce a block it added to every peer but the node that announced it', async () => {
      const node = await start();
      const announcer = await listeningPeer('announcer');
      const other = await listeningPeer('other');
      try {
        await node.register(announcer.address, other.address);
        // The node learns its peers' ids from their answers to its own announcements.
        await node.http.get('/mine').expect(200);
        await eventually(async () =>
          expect([announcer.announced, other.announced].map((heard) => heard.length)).toEqual([1, 1]),
        );

        const block = nextBlock(await node.chain(), 4);
        await node.http
          .post('/nodes/announce')
          .set('Content-Type', 'application/json')
          .send(dumpJson({ block: new RawJson(blockWireText(block)), node: 'announcer' }))
          .expect(200, announceAnswer(node, 'Block added'));
        await eventually(async () => expect(other.announced.at(-1)).toBe(announcementBy(node, block)));
        await sleep(300);
        expect(announcer.announced).toHaveLength(1);
      } finally {
        await Promise.all([announcer.close(), other.close()]);
      }
    });
  });
});
