import { IncomingMessage, ServerResponse } from 'node:http';
import { firstValueFrom } from 'rxjs';
import { ChainChange, ChainService } from '../src/chain/chain.service';
import { Block, dumpJson, hashBlock, parseJson, rewardTransaction, storedBlocks } from '../src/core';
import { DatabaseWriter } from '../src/database/database-writer';
import { ConsensusService } from '../src/nodes/consensus.service';
import { buildChain, nextBlock } from './support/chains';
import { eventually } from './support/eventually';
import { FakePeer, ProxiedAnswer, proxyingTo, servingChain, startFakePeer } from './support/fake-peer';
import { RunningNode, startNode } from './support/nodes';

const DIFFICULTY = 1;
const common = buildChain({ blocks: 200, paymentsPerBlock: 1 }, DIFFICULTY);

/** `chain` and `count` blocks more, each paying from `payer`, so that two extensions of one chain differ. */
function extended(chain: Block[], count: number, payer: string): Block[] {
  const result = [...chain];
  for (let i = 0; i < count; i++) {
    const payment = { sender: `${payer}-${i}`, recipient: 'r', amount: 1 };
    result.push(nextBlock(result, DIFFICULTY, { transactions: [payment, rewardTransaction(payer)] }));
  }
  return result;
}

describe('Sync by the missing part', () => {
  const running: RunningNode[] = [];
  const peers: FakePeer[] = [];

  const start = async (chain?: Block[], overrides: Parameters<typeof startNode>[0] = {}) => {
    const node = await startNode({ difficulty: DIFFICULTY, syncIntervalMs: 0, ...overrides });
    running.push(node);
    if (chain) {
      const store = node.app.get(ChainService);
      await node.app.get(DatabaseWriter).run(() => store.replace(storedBlocks(chain, chain.map(hashBlock))));
    }
    return node;
  };

  /** The requests a node made of `proxy` to sync: what it announces to it (gossip) left out. */
  const syncPaths = (proxy: FakePeer) => proxy.paths().filter((path) => path !== '/nodes/announce');

  /** `node` behind a peer that records every request, and may answer some itself. */
  const behindProxy = async (node: RunningNode, tamper?: Parameters<typeof proxyingTo>[1]) => {
    const proxy = await proxyingTo(node.url, tamper);
    peers.push(proxy);
    return proxy;
  };

  /** GET /nodes/resolve on `node`, with the resolve's record (bytes received) and the change it made, if any. */
  const resolve = async (node: RunningNode) => {
    const changes: ChainChange[] = [];
    const subscription = node.app.get(ChainService).changes.subscribe((change) => changes.push(change));
    const record = firstValueFrom(node.app.get(ConsensusService).resolutions);
    const answer = await node.http.get('/nodes/resolve').expect(200);
    subscription.unsubscribe();
    return { body: answer.body as { message: string; peers: unknown[] }, record: await record, changes };
  };

  afterEach(async () => {
    await Promise.all(peers.splice(0).map((peer) => peer.close()));
    await Promise.all(running.splice(0).map((node) => node.close()));
  });

  it('should join from a peer of this project in pages, then cost one small request a tick and few to extend', async () => {
    const source = await start(buildChain({ blocks: 1500, paymentsPerBlock: 1 }, DIFFICULTY));
    const proxy = await behindProxy(source);
    const fresh = await start();
    await fresh.register(proxy.address);

    const joined = await resolve(fresh);
    expect(joined.body).toMatchObject({
      message: 'Our chain was replaced',
      peers: [{ node: proxy.address, status: 'ok', length: 1500 }],
    });
    expect((await fresh.http.get('/chain')).text).toBe((await source.http.get('/chain')).text);
    // Our genesis is not the peer's: nothing is shared, and the blocks come a page at a time.
    expect(syncPaths(proxy)).toEqual([
      '/blocks/hashes?from=1&limit=1',
      '/blocks?from=1&limit=1000',
      '/blocks?from=1001&limit=500',
    ]);

    const idle = await resolve(fresh);
    expect(idle.body.message).toBe('Our chain is authoritative');
    expect(syncPaths(proxy).slice(3)).toEqual(['/blocks/hashes?from=1500&limit=1']);
    expect(idle.record.receivedBytes).toBeLessThan(200);

    await source.http.get('/mine').expect(200);
    const extension = await resolve(fresh);
    expect(extension.body.message).toBe('Our chain was replaced');
    expect(syncPaths(proxy).slice(4)).toEqual(['/blocks/hashes?from=1500&limit=1', '/blocks?from=1501&limit=1']);
    expect(extension.changes).toMatchObject([{ kind: 'replaced', forkHeight: 1500, dropped: [] }]);
    expect((await fresh.http.get('/chain')).text).toBe((await source.http.get('/chain')).text);
  });

  /** Our node on `ourOwn` blocks of its own above the common chain resolves against a peer with `theirOwn`. */
  async function adoptFork(ourOwn: number, theirOwn: number) {
    const ours = extended(common, ourOwn, 'ours');
    const theirs = extended(common, theirOwn, 'theirs');
    const node = await start(ours);
    const proxy = await behindProxy(await start(theirs));
    await node.register(proxy.address);

    const { body, changes } = await resolve(node);
    expect(body.message).toBe('Our chain was replaced');
    expect(await node.chain()).toEqual(theirs);
    return { ours, theirs, node, proxy, changes };
  }

  it.each([
    ['a shallow fork with one window of hashes', 3, 5, 3],
    ['a fork deeper than the window with a binary search', 70, 75, 12],
  ])('should find %s and adopt only the blocks above it', async (_case, ourOwn, theirOwn, maxRequests) => {
    const { ours, theirs, node, proxy, changes } = await adoptFork(ourOwn, theirOwn);
    // The shared prefix stays as it was: only the blocks above the fork were dropped and written.
    expect(changes).toHaveLength(1);
    const change = changes[0] as Extract<ChainChange, { kind: 'replaced' }>;
    expect(change).toMatchObject({ kind: 'replaced', forkHeight: common.length });
    expect(change.dropped).toEqual(ours.slice(common.length));
    expect(change.added.all()).toEqual(theirs.slice(common.length));
    expect(syncPaths(proxy).length).toBeLessThanOrEqual(maxRequests);
    expect(syncPaths(proxy).filter((path) => path.startsWith('/blocks?'))).toEqual([
      `/blocks?from=${common.length + 1}&limit=${theirOwn}`,
    ]);
    // The payments of our dropped blocks are pending again.
    const pending = (await node.http.get('/transactions/pending').expect(200)).body as { length: number };
    expect(pending.length).toBe(ourOwn);
  });

  it('should write a long chain as its pages come, and keep the valid pages of a peer that fails on a later one', async () => {
    const source = await start(buildChain({ blocks: 2100, paymentsPerBlock: 0 }, DIFFICULTY));
    const proxy = await behindProxy(source, (request, response) => {
      if (!request.url!.startsWith('/blocks?from=2001&')) return false;
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"blocks": [');
      return true;
    });
    const fresh = await start();
    await fresh.register(proxy.address);

    const { body, changes } = await resolve(fresh);
    // Each write adopted a valid chain longer than the one before: what the peer served before failing stays.
    expect(body).toMatchObject({
      message: 'Our chain was replaced',
      peers: [{ node: proxy.address, status: 'bad-response', length: 2100 }],
    });
    const served = (await source.chain()).slice(0, 2000);
    expect(await fresh.chain()).toEqual(served);
    // Short writes, each one following the last: no write holds the chain, or keeps requests waiting long.
    const replacements = changes as Extract<ChainChange, { kind: 'replaced' }>[];
    expect(replacements.length).toBeGreaterThan(2);
    expect(replacements.map((change) => change.continues)).toEqual(replacements.map((_, position) => position > 0));
    expect(replacements.every((change) => change.added.length <= 250)).toBe(true);
    expect(replacements.flatMap((change) => change.added.all())).toEqual(served);
    // The new tip goes to the peers once, not once a write.
    await eventually(async () => expect(proxy.paths().filter((path) => path === '/nodes/announce')).toHaveLength(1));
  });

  it('should stop an adoption, changing nothing more, when our chain changes between its writes', async () => {
    const source = await start(buildChain({ blocks: 1500, paymentsPerBlock: 0 }, DIFFICULTY));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const proxy = await behindProxy(source, (request, response, answer) => {
      if (!request.url!.startsWith('/blocks?from=1001&')) return false;
      void released.then(() => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(answer.text);
      });
      return true;
    });
    // The held page must not time out meanwhile.
    const node = await start(undefined, { peerTimeoutMs: 30_000 });
    await node.register(proxy.address);

    const resolving = resolve(node);
    await eventually(async () => expect((await node.chain()).length).toBe(1000), 10_000);
    await node.http.get('/mine').expect(200);
    release();
    const { body } = await resolving;
    expect(body).toMatchObject({ message: 'Our chain was replaced', peers: [{ status: 'ok', length: 1500 }] });
    const chain = await node.chain();
    expect(chain.slice(0, 1000)).toEqual((await source.chain()).slice(0, 1000));
    expect(chain).toHaveLength(1001);
  });

  it("should hold a fork's pages until they outgrow our chain, then replace ours above the fork in one write that outgrows it", async () => {
    const { ours, theirs, node, proxy, changes } = await adoptFork(1050, 1300);
    expect(syncPaths(proxy).filter((path) => path.startsWith('/blocks?'))).toEqual([
      `/blocks?from=${common.length + 1}&limit=1000`,
      `/blocks?from=${common.length + 1001}&limit=300`,
    ]);
    // Never a moment with a chain shorter than ours: the first write drops our blocks and writes all that outgrow them.
    const [first, ...rest] = changes as Extract<ChainChange, { kind: 'replaced' }>[];
    expect(first).toMatchObject({ forkHeight: common.length, continues: false });
    expect(first.dropped).toEqual(ours.slice(common.length));
    expect(first.added.all()).toEqual(theirs.slice(common.length, ours.length + 1));
    expect(rest.flatMap((change) => change.added.all())).toEqual(theirs.slice(ours.length + 1));
    const pending = (await node.http.get('/transactions/pending').expect(200)).body as { length: number };
    expect(pending.length).toBe(1050);
  });

  it('should adopt a longer chain as soon as one peer shows it, while another has not answered yet', async () => {
    const node = await start(common);
    const ahead = await start(extended(common, 3, 'ahead'));
    const held: ServerResponse[] = [];
    const silent = await startFakePeer((_request, response) => void held.push(response));
    peers.push(silent);
    await node.register(ahead.url, silent.address);

    let resolved = false;
    const resolving = node.http
      .get('/nodes/resolve')
      .expect(200)
      .then((answer) => ((resolved = true), answer.body as { peers: { node: string; status: string }[] }));
    await eventually(async () => expect(await node.chain()).toHaveLength(common.length + 3));
    // The silent peer holds the resolve open, not the adoption.
    expect(resolved).toBe(false);
    expect(held).toHaveLength(1);
    for (const response of held) response.socket!.destroy();
    const { peers: reports } = await resolving;
    expect(Object.fromEntries(reports.map(({ node, status }) => [node, status]))).toEqual({
      [new URL(ahead.url).host]: 'ok',
      [silent.address]: 'unreachable',
    });
  });

  it('should ask a longer peer tried after an adoption only for what that adoption did not bring', async () => {
    const node = await start(common);
    const shorter = extended(common, 3, 'shared');
    const first = await start(shorter);
    const longer = await start(extended(shorter, 2, 'longer'));
    // The longer peer answers its first request last, so that the shorter chain is adopted first.
    let delayed = false;
    const slow = await behindProxy(longer, (request, response, answer) => {
      if (delayed) return false;
      delayed = true;
      setTimeout(() => response.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(answer.text), 500);
      return true;
    });
    await node.register(first.url, slow.address);
    const { body } = await resolve(node);
    expect(body.message).toBe('Our chain was replaced');
    expect((await node.http.get('/chain')).text).toBe((await longer.http.get('/chain')).text);
    // Asked again from the tip the first adoption left: only the two blocks above it were fetched.
    expect(syncPaths(slow).filter((path) => path.startsWith('/blocks?'))).toEqual([
      `/blocks?from=${shorter.length + 1}&limit=2`,
    ]);
  });

  it('should stream a reference-style peer’s chain, keep only the blocks above the fork, and cap the answer’s bytes', async () => {
    // Longer than two checked batches (500 blocks each): the fork, at 1,100, is found in the third.
    const theirs = buildChain({ blocks: 1300, paymentsPerBlock: 1 }, DIFFICULTY);
    const text = dumpJson({ chain: theirs, length: theirs.length });
    const reference = await servingChain(text);
    peers.push(reference);
    const ours = extended(theirs.slice(0, 1100), 5, 'ours');

    // MAX_CHAIN_BYTES bounds the whole answer, however little of it is held at once.
    const capped = await start(ours, { maxChainBytes: Math.floor(text.length / 2) });
    await capped.register(reference.address);
    expect((await resolve(capped)).body).toMatchObject({
      message: 'Our chain is authoritative',
      peers: [{ node: reference.address, status: 'too-large' }],
    });

    const node = await start(ours);
    await node.register(reference.address);
    const { body, changes, record } = await resolve(node);
    expect(body).toMatchObject({
      message: 'Our chain was replaced',
      peers: [{ node: reference.address, status: 'ok', length: 1300 }],
    });
    expect(record.receivedBytes).toBeGreaterThanOrEqual(text.length);
    expect(changes).toHaveLength(1);
    const change = changes[0] as Extract<ChainChange, { kind: 'replaced' }>;
    expect(change).toMatchObject({ kind: 'replaced', forkHeight: 1100 });
    expect(change.added.all()).toEqual(theirs.slice(1100));
    expect((await node.http.get('/chain')).text).toBe(text);

    // At its tip, the peer's whole chain is read and checked again, and nothing changes.
    expect((await resolve(node)).body).toMatchObject({
      message: 'Our chain is authoritative',
      peers: [{ node: reference.address, status: 'ok', length: 1300 }],
    });
  });

  it('should adopt a reference-style peer’s blocks while its answer still streams', async () => {
    const theirs = buildChain({ blocks: 2600, paymentsPerBlock: 1 }, DIFFICULTY);
    const text = dumpJson({ chain: theirs, length: theirs.length });
    let sendTheRest!: () => void;
    const theRest = new Promise<void>((resolve) => (sendTheRest = resolve));
    // Sends most of its answer, then nothing more until told.
    const reference = await startFakePeer((request, response) => {
      if (request.url !== '/chain') return void response.writeHead(404).end();
      const cut = Math.floor(text.length * 0.9);
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write(text.slice(0, cut));
      void theRest.then(() => response.end(text.slice(cut)));
    });
    peers.push(reference);
    const node = await start(undefined, { peerTimeoutMs: 30_000 });
    await node.register(reference.address);

    const resolving = resolve(node);
    // The blocks checked so far make a longer chain than ours: they are written before the answer has ended.
    await eventually(async () => {
      const { length } = (await node.http.get('/blocks/hashes?from=1&limit=1').expect(200)).body as { length: number };
      expect(length).toBeGreaterThanOrEqual(1000);
    }, 20_000);
    sendTheRest();
    expect((await resolving).body).toMatchObject({
      message: 'Our chain was replaced',
      peers: [{ node: reference.address, status: 'ok', length: 2600 }],
    });
    expect((await node.http.get('/chain')).text).toBe(text);
  });

  it('should cut off a reference-style peer that trickles its chain, keeping what came in time', async () => {
    const theirs = buildChain({ blocks: 2400, paymentsPerBlock: 1 }, DIFFICULTY);
    const texts = theirs.map((block) => dumpJson(block));
    // 1,100 blocks at once, then 100 a second: far fewer than the 1,000 a peer must send in PEER_TIMEOUT_MS.
    const reference = await startFakePeer((request, response) => {
      if (request.url !== '/chain') return void response.writeHead(404).end();
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write(`{"chain":[${texts.slice(0, 1100).join(',')}`);
      let sent = 1100;
      const trickle = setInterval(() => {
        response.write(`,${texts.slice(sent, sent + 100).join(',')}`);
        sent += 100;
        if (sent >= texts.length) response.end(`],"length":${texts.length}}`);
      }, 1000);
      response.on('close', () => clearInterval(trickle));
    });
    peers.push(reference);
    const node = await start(undefined, { peerTimeoutMs: 1500 });
    await node.register(reference.address);

    const { body } = await resolve(node);
    expect(body).toMatchObject({ peers: [{ node: reference.address, status: 'timeout' }] });
    // Blocks checked in time made a longer chain than our genesis alone, and were kept; the rest never came.
    const { length } = (await node.http.get('/blocks/hashes?from=1&limit=1').expect(200)).body as { length: number };
    expect(length).toBeGreaterThan(1);
    expect(length).toBeLessThan(2400);
  });

  describe('a peer of this project that misbehaves mid-sync', () => {
    const longer = extended(common, 30, 'longer');
    const blocksPage = (request: IncomingMessage) => request.url!.startsWith('/blocks?');
    const json = (response: ServerResponse, text: string) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(text);
    };

    it.each<
      [
        string,
        string,
        (request: IncomingMessage, response: ServerResponse, answer: ProxiedAnswer) => boolean,
        Parameters<typeof startNode>[0]?,
      ]
    >([
      [
        'lies about its tip',
        'bad-response',
        (request, response, answer) => {
          if (!request.url!.startsWith('/blocks/hashes')) return false;
          const probe = parseJson(answer.text) as { hashes: string[]; from: number; length: number };
          json(response, dumpJson({ ...probe, length: probe.length + 50 }));
          return true;
        },
      ],
      [
        'serves a broken page',
        'bad-response',
        (request, response, answer) => blocksPage(request) && (json(response, answer.text.slice(0, 500)), true),
      ],
      [
        'serves a page with an invalid block',
        'invalid',
        (request, response, answer) => {
          if (!blocksPage(request)) return false;
          const page = parseJson(answer.text) as { blocks: Block[] };
          page.blocks[10] = { ...page.blocks[10], proof: 'forged' as unknown as number };
          json(response, dumpJson(page));
          return true;
        },
      ],
      ['stalls mid-sync', 'timeout', (request) => blocksPage(request)],
      [
        // Spaces are valid JSON: only the cap refuses this page.
        'serves a page over MAX_CHAIN_BYTES',
        'too-large',
        (request, response, answer) =>
          blocksPage(request) && (json(response, `${answer.text}${' '.repeat(64 * 1024)}`), true),
        { maxChainBytes: 64 * 1024 },
      ],
    ])('should change nothing when it %s, and say so', async (_case, status, tamper, overrides = {}) => {
      const node = await start(common, { peerTimeoutMs: 1000, ...overrides });
      const proxy = await behindProxy(await start(longer), tamper);
      await node.register(proxy.address);
      const before = (await node.http.get('/chain')).text;

      const { body, changes } = await resolve(node);
      expect(body).toMatchObject({ message: 'Our chain is authoritative', peers: [{ node: proxy.address, status }] });
      expect(changes).toEqual([]);
      expect((await node.http.get('/chain')).text).toBe(before);
      expect(proxy.requests()).toBeGreaterThan(1);
    });

    it('should keep no block of a page that does not follow the page before it, and say so', async () => {
      const theirs = extended(common, 1200, 'theirs');
      const other = extended(common, 1200, 'other');
      // Its second page is another chain's: valid in itself, but not the sequel of its first.
      const secondPage = dumpJson({ blocks: other.slice(1200), from: 1201, limit: 200, length: 1400 });
      const proxy = await behindProxy(
        await start(theirs),
        (request, response) => request.url === '/blocks?from=1201&limit=200' && (json(response, secondPage), true),
      );
      const node = await start(common);
      await node.register(proxy.address);

      const { body } = await resolve(node);
      expect(body).toMatchObject({ peers: [{ node: proxy.address, status: 'invalid' }] });
      // The first page made a longer chain, and was kept; nothing of the second was.
      const { hashes, length } = (await node.http.get('/blocks/hashes?from=1001&limit=1000').expect(200)).body as {
        hashes: string[];
        length: number;
      };
      expect({ length, hashes }).toEqual({ length: 1200, hashes: theirs.slice(1000, 1200).map(hashBlock) });
    });
  });
});
