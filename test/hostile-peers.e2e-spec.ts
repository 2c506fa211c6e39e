import { BLOCK_DEPTH_LIMIT, dumpJson } from '../src/core';
import { nestedArrays, nextBlock } from './support/chains';
import { FakePeer, servingChain, startFakePeer } from './support/fake-peer';
import { freePort, RunningNode, startNode } from './support/nodes';
import { chainOf, referenceChainText } from './support/reference';

const PEER_TIMEOUT_MS = 600;
const referenceChain = chainOf(referenceChainText);

describe('Resolving against hostile peers', () => {
  let node: RunningNode;
  const peers: FakePeer[] = [];
  const hostile = new Map<string, string>();

  const addPeer = async (expectedStatus: string, peer: Promise<FakePeer>) => {
    const started = await peer;
    peers.push(started);
    hostile.set(started.address, expectedStatus);
    return started;
  };

  beforeAll(async () => {
    node = await startNode({ peerTimeoutMs: PEER_TIMEOUT_MS, maxChainBytes: 64 * 1024 });
    const redirectTarget = await startFakePeer((_request, response) => response.end(referenceChainText));
    peers.push(redirectTarget);

    hostile.set(`127.0.0.1:${await freePort()}`, 'unreachable');
    await addPeer(
      'timeout',
      startFakePeer(() => undefined),
    );
    await addPeer(
      'timeout',
      startFakePeer((_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.write('{"chain":[');
        const drip = setInterval(() => response.write(' '), 50);
        response.on('close', () => clearInterval(drip));
      }),
    );
    await addPeer('bad-response', servingChain('<html>not json</html>'));
    await addPeer('bad-response', servingChain(referenceChainText.slice(0, 300)));
    await addPeer(
      'bad-response',
      startFakePeer((_request, response) => {
        response.writeHead(200, { 'Content-Length': String(referenceChainText.length) });
        response.end(referenceChainText.slice(0, 200));
        response.socket?.destroy();
      }),
    );
    await addPeer(
      'too-large',
      servingChain(dumpJson({ chain: new Array(20_000).fill(referenceChain[0]), length: 20_000 })),
    );
    await addPeer(
      'too-large',
      startFakePeer((_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end('{"chain":[' + ' '.repeat(200 * 1024) + ']}');
      }),
    );
    await addPeer(
      'bad-response',
      startFakePeer((_request, response) => {
        response.writeHead(500, { 'Content-Type': 'application/json' });
        response.end(referenceChainText);
      }),
    );
    await addPeer(
      'bad-response',
      startFakePeer((_request, response) => {
        response.writeHead(404);
        response.end();
      }),
    );
    await addPeer('bad-response', servingChain(dumpJson({ chain: referenceChain.slice(0, 1), length: 100 })));
    await addPeer('bad-response', servingChain(JSON.stringify({ chain: 'nope', length: 4 })));
    // Nesting beyond what a block may hold is refused before parsing: the chain is invalid.
    await addPeer('invalid', servingChain('{"chain":' + '['.repeat(20_000) + ']'.repeat(20_000) + '}'));
    const tooDeep = nextBlock(referenceChain, 4, { extension: nestedArrays(BLOCK_DEPTH_LIMIT) });
    await addPeer('invalid', servingChain(dumpJson({ chain: [...referenceChain, tooDeep], length: 6 })));
    await addPeer(
      'bad-response',
      startFakePeer((_request, response) => {
        response.writeHead(302, { Location: `http://${redirectTarget.address}/chain` });
        response.end();
      }),
    );
    await addPeer('invalid', servingChain(referenceChainText.replace('"proof":20069', '"proof":20070')));
    await addPeer(
      'invalid',
      servingChain(dumpJson({ chain: [...referenceChain, { index: 6, junk: true }], length: 6 })),
    );
    await node.register(...hostile.keys());
  });

  afterAll(async () => {
    await Promise.all(peers.map((peer) => peer.close()));
    await node.close();
  });

  it('should skip every hostile peer, say why, keep its chain and answer within about the timeout', async () => {
    const chainBefore = (await node.http.get('/chain')).text;
    const started = Date.now();
    const resolving = node.http.get('/nodes/resolve');
    // The node keeps serving while peers stall.
    const during = await node.http.get('/chain').expect(200);
    const resolved = await resolving.expect(200);
    expect(Date.now() - started).toBeLessThan(PEER_TIMEOUT_MS + 1500);

    expect(during.text).toBe(chainBefore);
    expect(resolved.body.message).toBe('Our chain is authoritative');
    const statuses = Object.fromEntries(
      (resolved.body.peers as { node: string; status: string }[]).map((peer) => [peer.node, peer.status]),
    );
    expect(statuses).toEqual(Object.fromEntries(hostile));
    expect((await node.http.get('/chain')).text).toBe(chainBefore);
  });

  it('should still adopt an honest longer chain offered among them', async () => {
    const honest = await servingChain(referenceChainText);
    peers.push(honest);
    await node.register(honest.address);
    const resolved = await node.http.get('/nodes/resolve').expect(200);
    expect(resolved.body.message).toBe('Our chain was replaced');
    expect(resolved.body.peers).toContainEqual({ node: honest.address, status: 'ok', length: 5 });
    expect((await node.http.get('/chain')).text).toBe(referenceChainText);
  });
});
