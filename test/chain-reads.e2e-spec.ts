import { dumpJson } from '../src/core';
import { buildChain } from './support/chains';
import { withChainPeer } from './support/fake-peer';
import { RunningNode, startNode } from './support/nodes';
import { chainOf, referenceChainText, referenceHashes } from './support/reference';

/** Each block of the reference chain exactly as the reference served it. */
const referenceBlockTexts = chainOf(referenceChainText).map((block) => dumpJson(block));

/** A node whose chain is the one a peer serves as `chainText`, adopted through a resolve. */
async function nodeWithChain(chainText: string, difficulty = 4): Promise<RunningNode> {
  const node = await startNode({ difficulty });
  await withChainPeer(chainText, async (peer) => {
    await node.register(peer.address);
    await node.http.get('/nodes/resolve').expect(200, /Our chain was replaced/);
  });
  return node;
}

describe('Reading the chain', () => {
  let node: RunningNode;

  afterEach(async () => {
    await node.close();
  });

  describe('of the reference chain', () => {
    beforeEach(async () => {
      node = await nodeWithChain(referenceChainText);
    });

    it('should serve GET /chain byte for byte as the reference did', async () => {
      expect((await node.http.get('/chain').expect(200)).text).toBe(referenceChainText);
    });

    it('should serve a page of blocks, from 1 and up to 100 by default, with the chain length', async () => {
      const response = await node.http
        .get('/blocks')
        .expect(200)
        .expect('Content-Type', /application\/json/);
      expect(response.text).toBe(`{"blocks":[${referenceBlockTexts.join(',')}],"from":1,"length":5,"limit":100}`);
    });

    it('should serve the page asked for', async () => {
      const response = await node.http.get('/blocks?from=2&limit=2').expect(200);
      expect(response.text).toBe(
        `{"blocks":[${referenceBlockTexts.slice(1, 3).join(',')}],"from":2,"length":5,"limit":2}`,
      );
    });

    it('should serve an empty page past the tip', async () => {
      await node.http.get('/blocks?from=9').expect(200, { blocks: [], from: 9, length: 5, limit: 100 });
    });

    it('should serve the hashes of a page of blocks, with the chain length', async () => {
      await node.http
        .get('/blocks/hashes?from=4&limit=1')
        .expect(200, { hashes: [referenceHashes[3]], from: 4, length: 5, limit: 1 });
      await node.http.get('/blocks/hashes').expect(200, { hashes: referenceHashes, from: 1, length: 5, limit: 100 });
      await node.http.get('/blocks/hashes?from=6&limit=1').expect(200, { hashes: [], from: 6, length: 5, limit: 1 });
    });

    it.each([
      ['from=0', 'from must not be less than 1'],
      ['from=-1', 'from must not be less than 1'],
      ['from=abc', 'from must be an integer number'],
      ['from=1.5', 'from must be an integer number'],
      ['from=99999999999999999999', 'from must not be greater than 9007199254740991'],
      ['limit=0', 'limit must not be less than 1'],
      ['limit=1001', 'limit must not be greater than 1000'],
      ['limit=ten', 'limit must be an integer number'],
      ['from=1&from=2', 'from must be an integer number'],
    ])('should refuse ?%s with a 400 naming the field, for blocks and their hashes', async (query, message) => {
      for (const path of ['/blocks', '/blocks/hashes']) {
        const response = await node.http.get(`${path}?${query}`).expect(400);
        expect(response.body).toEqual({
          statusCode: 400,
          message,
          error: 'Bad Request',
          errors: [{ field: query.slice(0, query.indexOf('=')), rule: expect.any(String), message }],
        });
      }
    });

    it('should serve one block by index, exactly as stored', async () => {
      expect((await node.http.get('/blocks/3').expect(200)).text).toBe(referenceBlockTexts[2]);
      expect((await node.http.get('/blocks/1').expect(200)).text).toBe(referenceBlockTexts[0]);
    });

    it.each(['0', '6', '-2'])('should answer 404 for block %s', async (index) => {
      const response = await node.http.get(`/blocks/${index}`).expect(404);
      expect(response.body).toEqual({ statusCode: 404, message: `No block at index ${index}`, error: 'Not Found' });
    });

    it('should answer 404, not fail, for an index beyond any chain', async () => {
      const response = await node.http.get('/blocks/99999999999999999999').expect(404);
      expect(response.body.statusCode).toBe(404);
    });

    it.each(['abc', '1.5', '2x', '0x10'])('should answer 400 for the index %p', async (index) => {
      const response = await node.http.get(`/blocks/${index}`).expect(400);
      expect(response.body).toEqual({ statusCode: 400, message: 'index must be an integer', error: 'Bad Request' });
    });

    it('should serve one block by hash, in either case', async () => {
      expect((await node.http.get(`/blocks/hash/${referenceHashes[2]}`).expect(200)).text).toBe(referenceBlockTexts[2]);
      expect((await node.http.get(`/blocks/hash/${referenceHashes[4].toUpperCase()}`).expect(200)).text).toBe(
        referenceBlockTexts[4],
      );
    });

    it('should answer 404 for a hash no block has', async () => {
      const response = await node.http.get(`/blocks/hash/${'0'.repeat(64)}`).expect(404);
      expect(response.body).toEqual({
        statusCode: 404,
        message: `No block has hash ${'0'.repeat(64)}`,
        error: 'Not Found',
      });
    });

    it.each(['xyz', '0'.repeat(63), '0'.repeat(65), 'g'.repeat(64)])(
      'should answer 400 for the hash %p',
      async (hash) => {
        const response = await node.http.get(`/blocks/hash/${hash}`).expect(400);
        expect(response.body).toEqual({
          statusCode: 400,
          message: 'hash must be 64 hex digits',
          error: 'Bad Request',
          errors: [{ field: 'hash', rule: 'matches', message: 'hash must be 64 hex digits' }],
        });
      },
    );
  });

  describe('of a chain longer than a page', () => {
    const chain = buildChain({ blocks: 300, paymentsPerBlock: 2 }, 1);
    const chainText = dumpJson({ chain, length: chain.length });

    beforeEach(async () => {
      node = await nodeWithChain(chainText, 1);
    });

    it('should stream it byte for byte, again from memory, and anew once a block is mined', async () => {
      expect((await node.http.get('/chain').expect(200)).text).toBe(chainText);
      expect((await node.http.get('/chain').expect(200)).text).toBe(chainText);
      const mined = await node.http.get('/mine').expect(200);
      const after = await node.chain();
      expect(after).toHaveLength(301);
      expect(after[300]).toMatchObject({ index: 301, proof: mined.body.proof });
      expect(dumpJson({ chain: after.slice(0, 300), length: 300 })).toBe(chainText);
    });

    it('should page through it', async () => {
      const page = await node.http.get('/blocks?from=250&limit=1000').expect(200);
      expect(page.body.blocks).toHaveLength(51);
      expect(page.body).toMatchObject({ from: 250, limit: 1000, length: 300 });
      expect(page.body.blocks[0].index).toBe(250);
    });
  });
});
