import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { BLOCK_DEPTH_LIMIT, dumpJson, hashBlock } from '../src/core';
import { nestedArrays, nextBlock } from './support/chains';
import { withChainPeer } from './support/fake-peer';
import { RunningNode, startNode } from './support/nodes';
import { chainOf, referenceChainText, referenceHashes } from './support/reference';

/** Checks a GET /chain answer with the reference's own rules in Python (json + hashlib). */
function checkWithReferenceRules(chainText: string): { valid: boolean; hashes: string[] } {
  const output = execFileSync('python3', [join(__dirname, 'support/reference_valid_chain.py')], { input: chainText });
  return JSON.parse(output.toString()) as { valid: boolean; hashes: string[] };
}

describe('Consensus between nodes', () => {
  const running: RunningNode[] = [];
  const start = async () => {
    const node = await startNode();
    running.push(node);
    return node;
  };

  afterEach(async () => {
    await Promise.all(running.splice(0).map((node) => node.close()));
  });

  it('should play the tutorial: mine on the second node, resolve on the first, chain replaced', async () => {
    const first = await start();
    const second = await start();
    await second.http.post('/transactions/new').send({ sender: 'alice', recipient: 'bob', amount: 5 }).expect(201);
    await second.http.get('/mine').expect(200);
    await second.http.get('/mine').expect(200);
    await first.register(second.url);

    const resolved = await first.http.get('/nodes/resolve').expect(200);
    const secondChain = await second.http.get('/chain');
    expect(resolved.body).toEqual({
      message: 'Our chain was replaced',
      new_chain: secondChain.body.chain,
      peers: [{ node: second.address, status: 'ok', length: 3 }],
    });
    expect((await first.http.get('/chain')).text).toBe(secondChain.text);
    // Written as Flask writes it: keys sorted, the chain spliced in as stored.
    const blocksText = secondChain.text.slice('{"chain":'.length, secondChain.text.lastIndexOf(',"length":'));
    expect(resolved.text).toBe(
      `{"message":"Our chain was replaced","new_chain":${blocksText},"peers":[{"length":3,"node":"${second.address}","status":"ok"}]}`,
    );

    await second.register(first.address);
    const tie = await second.http.get('/nodes/resolve').expect(200);
    expect(tie.body).toMatchObject({ message: 'Our chain is authoritative', chain: secondChain.body.chain });
  });

  it('should adopt a chain a reference node mined and serve it back byte for byte', async () => {
    const node = await start();
    await withChainPeer(referenceChainText, async (peer) => {
      await node.register(peer.address);
      const resolved = await node.http.get('/nodes/resolve').expect(200);
      expect(resolved.body.message).toBe('Our chain was replaced');
    });
    expect((await node.http.get('/chain')).text).toBe(referenceChainText);
  });

  it('should mine on a reference chain so that the reference rules accept the result', async () => {
    const node = await start();
    await withChainPeer(referenceChainText, async (peer) => {
      await node.register(peer.address);
      await node.http.get('/nodes/resolve').expect(200, /Our chain was replaced/);
    });
    await node.http.post('/transactions/new').send({ sender: 'Zoë', recipient: '北京 😀', amount: 0.5 }).expect(201);
    await node.http.get('/mine').expect(200);
    await node.http.get('/mine').expect(200);
    const served = (await node.http.get('/chain')).text;
    const verdict = checkWithReferenceRules(served);
    expect(verdict.valid).toBe(true);
    expect(verdict.hashes.slice(0, 5)).toEqual(referenceHashes);
    expect(verdict.hashes).toEqual(chainOf(served).map(hashBlock));
  });

  it('should adopt a block nested to the depth limit, which the reference rules accept, and refuse a deeper one', async () => {
    const node = await start();
    const referenceChain = chainOf(referenceChainText);
    const chainWith = (depth: number) => {
      const chain = [...referenceChain, nextBlock(referenceChain, 4, { extension: nestedArrays(depth - 1) })];
      return dumpJson({ chain, length: chain.length });
    };
    // Python cannot even parse what is far deeper: the reason for the rule.
    expect(() => checkWithReferenceRules(chainWith(1_200))).toThrow(/RecursionError/);
    for (const depth of [BLOCK_DEPTH_LIMIT + 1, 1_200]) {
      await withChainPeer(chainWith(depth), async (peer) => {
        await node.register(peer.address);
        const resolved = await node.http.get('/nodes/resolve').expect(200);
        expect(resolved.body).toMatchObject({
          message: 'Our chain is authoritative',
          peers: [{ node: peer.address, status: 'invalid' }],
        });
        await node.http.delete(`/nodes/${encodeURIComponent(peer.address)}`).expect(200);
      });
    }
    expect(await node.chain()).toHaveLength(1);

    const atTheLimit = chainWith(BLOCK_DEPTH_LIMIT);
    await withChainPeer(atTheLimit, async (peer) => {
      await node.register(peer.address);
      await node.http.get('/nodes/resolve').expect(200, /Our chain was replaced/);
    });
    const served = (await node.http.get('/chain')).text;
    expect(served).toBe(atTheLimit);
    expect(checkWithReferenceRules(served).valid).toBe(true);
  });

  it('should refuse a tampered longer chain and keep its own', async () => {
    const node = await start();
    const before = (await node.http.get('/chain')).text;
    const tampered = referenceChainText.replace('"amount":5,"recipient":"bob"', '"amount":500,"recipient":"bob"');
    expect(tampered).not.toBe(referenceChainText);
    await withChainPeer(tampered, async (peer) => {
      await node.register(peer.address);
      const resolved = await node.http.get('/nodes/resolve').expect(200);
      expect(resolved.body).toMatchObject({
        message: 'Our chain is authoritative',
        peers: [{ node: peer.address, status: 'invalid', length: 5 }],
      });
      // Served again, it is read and refused again.
      const again = await node.http.get('/nodes/resolve').expect(200);
      expect(again.body.peers).toEqual([{ node: peer.address, status: 'invalid', length: 5 }]);
    });
    expect((await node.http.get('/chain')).text).toBe(before);
  });

  it('should give back the transactions of its dropped blocks and settle those the new chain holds', async () => {
    const first = await start();
    const second = await start();
    await first.http.post('/transactions/new').send({ sender: 'only-first', recipient: 'r', amount: 1 }).expect(201);
    await first.http.post('/transactions/new').send({ sender: 'both', recipient: 'r', amount: 2 }).expect(201);
    await first.http.get('/mine').expect(200);
    await first.http.post('/transactions/new').send({ sender: 'late', recipient: 'r', amount: 3 }).expect(201);
    await first.http.post('/transactions/new').send({ sender: 'after', recipient: 'r', amount: 4 }).expect(201);
    await second.http.post('/transactions/new').send({ sender: 'both', recipient: 'r', amount: 2 }).expect(201);
    await second.http.post('/transactions/new').send({ sender: 'late', recipient: 'r', amount: 3 }).expect(201);
    await second.http.get('/mine').expect(200);
    await second.http.get('/mine').expect(200);

    await first.register(second.address);
    await first.http.get('/nodes/resolve').expect(200, /Our chain was replaced/);

    const pending = await first.http.get('/transactions/pending').expect(200);
    // What came back was accepted before what is still pending: arrival order holds.
    expect(pending.body.transactions).toEqual([
      { sender: 'only-first', recipient: 'r', amount: 1 },
      { sender: 'after', recipient: 'r', amount: 4 },
    ]);
  });
});
