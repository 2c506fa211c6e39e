import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createNodeClient } from '../src/client/node-client';
import { removeDirectory, ROOT, RunningNode, startNode, temporaryDirectory } from './support/nodes';

const CLIENT_SCHEMA_PATH = join(ROOT, 'src', 'client', 'api-schema.ts');

/** `npm run client:generate -- --check [file]`, run as its own process (openapi-typescript needs Node's require). */
function checkClientSchema(...file: string[]) {
  const script = ['-r', 'ts-node/register/transpile-only', 'scripts/generate-client.ts', '--check', ...file];
  return promisify(execFile)(process.execPath, script, { cwd: ROOT });
}

describe('The typed client', () => {
  let node: RunningNode;

  beforeAll(async () => {
    node = await startNode({ apiToken: 'operator-secret' });
  });

  afterAll(async () => {
    await node.close();
  });

  it('should be generated from the document the node serves (npm run client:generate when this fails)', async () => {
    await expect(checkClientSchema()).resolves.toEqual({ stdout: '', stderr: '' });
  });

  it('should tell stale types apart', async () => {
    const directory = temporaryDirectory();
    try {
      const stale = join(directory, 'api-schema.ts');
      writeFileSync(stale, readFileSync(CLIENT_SCHEMA_PATH, 'utf8').replace("'/nodes/announce'", "'/nodes/gossip'"));
      await expect(checkClientSchema(stale)).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('is stale'),
      });
    } finally {
      removeDirectory(directory);
    }
  });

  it('should type nothing as any', () => {
    expect(readFileSync(CLIENT_SCHEMA_PATH, 'utf8')).not.toMatch(/\bany\b/);
  });

  it('should send a transaction, mine it with the token and read it back in the chain', async () => {
    const client = createNodeClient(node.url, { token: 'operator-secret' });
    const sent = await client.POST('/transactions/new', { body: { sender: 'alice', recipient: 'bob', amount: 5 } });
    expect(sent.response.status).toBe(201);
    expect(sent.data).toEqual({ message: 'Transaction will be added to Block 2' });
    const mined = await client.GET('/mine');
    expect(mined.data?.index).toBe(2);
    const { data: chain } = await client.GET('/chain');
    expect(chain?.length).toBe(2);
    expect(chain?.chain[1].transactions[0]).toEqual({ sender: 'alice', recipient: 'bob', amount: 5 });
    const { data: block } = await client.GET('/blocks/{index}', { params: { path: { index: 2 } } });
    expect(block).toEqual(chain?.chain[1]);
  });

  it('should hand back the error answer, typed, with its field errors', async () => {
    const client = createNodeClient(node.url);
    const refused = await client.POST('/transactions/new', {
      body: { sender: 'alice', recipient: 'bob', amount: 0 },
    });
    expect(refused.response.status).toBe(400);
    expect(refused.error?.errors).toEqual([
      { field: 'amount', rule: 'isPositive', message: 'amount must be above zero' },
    ]);
  });

  it('should send no token unless given one, so operator routes answer 401', async () => {
    const { response, error } = await createNodeClient(node.url).GET('/nodes/resolve');
    expect(response.status).toBe(401);
    expect(error?.message).toBe('This operation needs Authorization: Bearer <API_TOKEN>');
  });
});
