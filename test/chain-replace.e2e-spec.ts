import { hashBlock } from '../src/core';
import { RunningNode, startNode } from './support/nodes';
import { chainOf } from './support/reference';

describe('Replacing the chain', () => {
  const running: RunningNode[] = [];
  const start = async () => {
    const node = await startNode({ difficulty: 2 });
    running.push(node);
    return node;
  };

  afterEach(async () => {
    await Promise.all(running.splice(0).map((node) => node.close()));
  });

  async function resolveFrom(node: RunningNode, peer: RunningNode): Promise<void> {
    await node.register(peer.address);
    await node.http.get('/nodes/resolve').expect(200, /Our chain was replaced/);
  }

  it('should take a longer chain that extends ours and keep serving every block', async () => {
    const ours = await start();
    const peer = await start();
    await peer.http.get('/mine').expect(200);
    await resolveFrom(ours, peer);
    await peer.http.get('/mine').expect(200);
    await peer.http.get('/mine').expect(200);
    await resolveFrom(ours, peer);
    const peerChain = (await peer.http.get('/chain')).text;
    expect((await ours.http.get('/chain')).text).toBe(peerChain);
    expect((await ours.http.get('/blocks/4')).text).toBe(JSON.stringify(chainOf(peerChain)[3]));
  });

  it('should keep the blocks both chains share, rewrite those after the fork, and give back dropped payments', async () => {
    const ours = await start();
    const peer = await start();
    await peer.http.get('/mine').expect(200);
    await peer.http.get('/mine').expect(200);
    await resolveFrom(ours, peer);
    const shared = await ours.chain();
    // Apart from here on: our block must not reach the peer by announcement.
    await ours.http.delete(`/nodes/${peer.address}`).expect(200);

    await ours.http.post('/transactions/new').send({ sender: 'ours-only', recipient: 'r', amount: 1 }).expect(201);
    await ours.http.get('/mine').expect(200);
    const dropped = (await ours.chain())[3];
    for (let i = 0; i < 3; i++) await peer.http.get('/mine').expect(200);
    await resolveFrom(ours, peer);

    const chain = await ours.chain();
    expect(chain).toHaveLength(6);
    expect(chain.slice(0, 3)).toEqual(shared);
    expect((await ours.http.get('/chain')).text).toBe((await peer.http.get('/chain')).text);
    await ours.http.get(`/blocks/hash/${chain[4].previous_hash as string}`).expect(200);
    await ours.http.get(`/blocks/hash/${hashBlock(dropped)}`).expect(404);
    await ours.http
      .get('/transactions/pending')
      .expect(200, { transactions: [{ sender: 'ours-only', recipient: 'r', amount: 1 }], length: 1 });
  });
});
