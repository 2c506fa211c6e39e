import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashBlock, parseJson } from '../src/core';
import type { Block, JsonObject } from '../src/core';
import { servingChain } from './support/fake-peer';
import { RunningNode, startNode } from './support/nodes';

const referenceChainText = readFileSync(join(__dirname, 'fixtures/reference/reference-chain.json'), 'utf8').trim();
const referenceHashes = JSON.parse(
  readFileSync(join(__dirname, 'fixtures/reference/reference-chain.hashes.json'), 'utf8'),
) as { hashes: string[] };

/** Checks a GET /chain answer with the reference's own rules in Python (json + hashlib). */
function checkWithReferenceRules(chainText: string): { valid: boolean; hashes: string[] } {
  const output = execFileSync('python3', [join(__dirname, 'support/reference_valid_chain.py')], { input: chainText });
  return JSON.parse(output.toString()) as { valid: boolean; hashes: string[] };
}

function chainOf(body: string): Block[] {
  return (parseJson(body) as JsonObject).chain as Block[];
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
    await first.http
      .post('/nodes/register')
      .send({ nodes: [second.url] })
      .expect(201);

    const resolved = await first.http.get('/nodes/resolve').expect(200);
    const secondChain = await second.http.get('/chain');
    expect(resolved.body).toEqual({
      message: 'Our chain was replaced',
      new_chain: secondChain.body.chain,
      peers: [{ node: second.address, status: 'ok', length: 3 }],
    });
    expect((await first.http.get('/chain')).text).toBe(secondChain.text);

    await second.http
      .post('/nodes/register')
      .send({ nodes: [first.address] })
      .expect(201);
    const tie = await second.http.get('/nodes/resolve').expect(200);
    expect(tie.body).toMatchObject({ message: 'Our chain is authoritative', chain: secondChain.body.chain });
  });

  it('should adopt a chain a reference node mined and serve it back byte for byte', async () => {
    const node = await start();
    const peer = await servingChain(referenceChainText);
    try {
      await node.http
        .post('/nodes/register')
        .send({ nodes: [peer.address] })
        .expect(201);
      const resolved = await node.http.get('/nodes/resolve').expect(200);
      expect(resolved.body.message).toBe('Our chain was replaced');
      expect((await node.http.get('/chain')).text).toBe(referenceChainText);
    } finally {
      await peer.close();
    }
  });

  it('should mine on a reference chain so that the reference rules accept the result', async () => {
    const node = await start();
    const peer = await servingChain(referenceChainText);
    try {
      await node.http
        .post('/nodes/register')
        .send({ nodes: [peer.address] })
        .expect(201);
      await node.http.get('/nodes/resolve').expect(200);
      await node.http.post('/transactions/new').send({ sender: 'Zoë', recipient: '北京 😀', amount: 0.5 }).expect(201);
      await node.http.get('/mine').expect(200);
      await node.http.get('/mine').expect(200);
    } finally {
      await peer.close();
    }
    const served = (await node.http.get('/chain')).text;
    const verdict = checkWithReferenceRules(served);
    expect(verdict.valid).toBe(true);
    expect(verdict.hashes.slice(0, 5)).toEqual(referenceHashes.hashes);
    expect(verdict.hashes).toEqual(chainOf(served).map(hashBlock));
  });

  it('should refuse a tampered longer chain and keep its own', async () => {
    const node = await start();
    const before = (await node.http.get('/chain')).text;
    const tampered = referenceChainText.replace('"amount":5,"recipient":"bob"', '"amount":500,"recipient":"bob"');
    expect(tampered).not.toBe(referenceChainText);
    const peer = await servingChain(tampered);
    try {
      await node.http
        .post('/nodes/register')
        .send({ nodes: [peer.address] })
        .expect(201);
      const resolved = await node.http.get('/nodes/resolve').expect(200);
      expect(resolved.body).toMatchObject({
        message: 'Our chain is authoritative',
        peers: [{ node: peer.address, status: 'invalid', length: 5 }],
      });
      expect((await node.http.get('/chain')).text).toBe(before);
    } finally {
      await peer.close();
    }
  });

  it('should give back the transactions of its dropped blocks and settle those the new chain holds', async () => {
    const first = await start();
    const second = await start();
    await first.http.post('/transactions/new').send({ sender: 'only-first', recipient: 'r', amount: 1 }).expect(201);
    await first.http.post('/transactions/new').send({ sender: 'both', recipient: 'r', amount: 2 }).expect(201);
    await first.http.get('/mine').expect(200);
    await first.http.post('/transactions/new').send({ sender: 'late', recipient: 'r', amount: 3 }).expect(201);
    await second.http.post('/transactions/new').send({ sender: 'both', recipient: 'r', amount: 2 }).expect(201);
    await second.http.post('/transactions/new').send({ sender: 'late', recipient: 'r', amount: 3 }).expect(201);
    await second.http.get('/mine').expect(200);
    await second.http.get('/mine').expect(200);

    await first.http
      .post('/nodes/register')
      .send({ nodes: [second.address] })
      .expect(201);
    await first.http.get('/nodes/resolve').expect(200, /Our chain was replaced/);

    const pending = await first.http.get('/transactions/pending').expect(200);
    expect(pending.body.transactions).toEqual([{ sender: 'only-first', recipient: 'r', amount: 1 }]);
  });
});
