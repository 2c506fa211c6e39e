import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashBlock, parseJson } from '../src/core';
import type { Block } from '../src/core';
import { withChainPeer } from './support/fake-peer';
import { RunningNode, removeDirectory, spawnNode, startNode, temporaryDirectory } from './support/nodes';
import { referenceChainText } from './support/reference';

const ROOT = join(__dirname, '..');

/** What `npm run genesis -- <file>` runs. */
function writeGenesis(path: string) {
  return spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/genesis.ts', path], {
    cwd: ROOT,
    encoding: 'utf8',
  });
}

describe('A network that pins its genesis block', () => {
  let directory: string;
  let genesisFile: string;
  let genesis: Block;
  const running: RunningNode[] = [];
  const start = async (overrides: Parameters<typeof startNode>[0] = {}) => {
    const node = await startNode({ genesisFile, syncIntervalMs: 0, ...overrides });
    running.push(node);
    return node;
  };

  beforeAll(() => {
    directory = temporaryDirectory();
    genesisFile = join(directory, 'genesis.json');
    const result = writeGenesis(genesisFile);
    expect(result.status).toBe(0);
    genesis = parseJson(readFileSync(genesisFile, 'utf8')) as Block;
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((node) => node.close()));
  });

  afterAll(() => removeDirectory(directory));

  it('should write a genesis block with npm run genesis, and never overwrite one', () => {
    expect(genesis).toMatchObject({ index: 1, previous_hash: '1', proof: 100, transactions: [] });
    const again = writeGenesis(genesisFile);
    expect(again.status).not.toBe(0);
    expect(parseJson(readFileSync(genesisFile, 'utf8'))).toEqual(genesis);
    expect(
      execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/genesis.ts'], {
        cwd: ROOT,
      }).toString(),
    ).toMatch(/^\{"index":1,"previous_hash":"1","proof":100,"timestamp":[\d.]+,"transactions":\[\]\}\n$/);
  });

  it('should start from the pinned block and adopt longer chains that share it', async () => {
    const first = await start();
    const second = await start();
    expect(await first.chain()).toEqual([genesis]);
    await second.http.get('/mine').expect(200);
    await second.http.get('/mine').expect(200);
    await first.register(second.url);
    await first.http.get('/nodes/resolve').expect(200, /Our chain was replaced/);
    expect((await first.chain())[0]).toEqual(genesis);
    expect((await first.chain()).length).toBe(3);
  });

  it('should refuse a longer valid chain that starts from another genesis', async () => {
    const node = await start();
    await withChainPeer(referenceChainText, async (rogue) => {
      await node.register(rogue.address);
      const resolved = await node.http.get('/nodes/resolve').expect(200);
      expect(resolved.body).toMatchObject({
        message: 'Our chain is authoritative',
        peers: [{ node: rogue.address, status: 'invalid', length: 5 }],
      });
    });
    expect(await node.chain()).toEqual([genesis]);
  });

  it('should refuse a peer of this project whose chain forks below the pinned genesis, changing nothing', async () => {
    const node = await start();
    const rogue = await start({ genesisFile: undefined });
    await rogue.http.get('/mine').expect(200);
    await rogue.http.get('/mine').expect(200);
    await node.register(rogue.url);
    const resolved = await node.http.get('/nodes/resolve').expect(200);
    expect(resolved.body).toMatchObject({
      message: 'Our chain is authoritative',
      peers: [{ node: rogue.address, status: 'invalid', length: 3 }],
    });
    expect(await node.chain()).toEqual([genesis]);
  });

  it.each([
    ['a missing file', () => join(directory, 'missing.json'), 'cannot be read'],
    ['a file that is not JSON', () => writeText('not-json.json', '{'), 'is not JSON'],
    [
      'a block that is not block 1',
      () => writeText('two.json', JSON.stringify({ ...genesis, index: 2 })),
      'index is not 1',
    ],
  ])('should refuse to start with %s', async (_case, path, reason) => {
    await expect(startNode({ genesisFile: path() })).rejects.toThrow(reason);
  });

  it('should refuse to start on a database made from another genesis, with a clear message', async () => {
    const databasePath = join(directory, 'node.sqlite');
    const node = await spawnNode({ DATABASE_PATH: databasePath });
    node.child.kill('SIGKILL');
    const failure = await spawnNode({ DATABASE_PATH: databasePath, GENESIS_FILE: genesisFile }).catch(
      (error: Error) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(
      new RegExp(
        `The node could not start: .* holds a chain from genesis \\w+, not the GENESIS_FILE block ${hashBlock(genesis)}`,
      ),
    );
  });

  function writeText(name: string, text: string): string {
    const path = join(directory, name);
    writeFileSync(path, text);
    return path;
  }
});
