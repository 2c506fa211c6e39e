import { join } from 'node:path';
import { eventually } from './support/eventually';
import {
  freePort,
  NodeProcess,
  removeDirectory,
  RunningNode,
  spawnNode,
  startNode,
  stopProcess,
  temporaryDirectory,
} from './support/nodes';

interface LogLine {
  level: number;
  msg: string;
  event?: string;
  [field: string]: unknown;
}

const INFO = 30;

/** Every line the node wrote to stdout, each of which must be JSON. */
function logLines(node: NodeProcess): LogLine[] {
  return node
    .output()
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as LogLine);
}

const events = (node: NodeProcess, event: string) => logLines(node).filter((line) => line.event === event);

describe('The log', () => {
  let directory: string;
  let node: NodeProcess;
  let peer: RunningNode;

  beforeEach(async () => {
    directory = temporaryDirectory();
    peer = await startNode({ syncIntervalMs: 0 });
  });

  afterEach(async () => {
    await stopProcess(node, 'SIGKILL');
    await peer.close();
    removeDirectory(directory);
  });

  it('should be JSON lines holding the documented events, at info, with the API token redacted', async () => {
    node = await spawnNode({
      DATABASE_PATH: join(directory, 'node.sqlite'),
      DIFFICULTY: '2',
      SYNC_INTERVAL_MS: '0',
      API_TOKEN: 'secret-token',
    });
    const auth = { Authorization: 'Bearer secret-token' };
    expect((await fetch(`${node.url}/mine`, { headers: auth })).status).toBe(200);
    for (let mined = 0; mined < 3; mined++) await peer.http.get('/mine').expect(200);
    const unreachable = `127.0.0.1:${await freePort()}`;
    await fetch(`${node.url}/nodes/register`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ nodes: [peer.address, unreachable] }),
    });
    expect((await fetch(`${node.url}/nodes/resolve`, { headers: auth })).status).toBe(200);
    await stopProcess(node, 'SIGTERM');

    expect(node.output()).not.toContain('secret-token');
    const [started] = events(node, 'started');
    expect(started).toMatchObject({ level: INFO, url: node.url, config: { apiToken: '[redacted]', difficulty: 2 } });
    expect(events(node, 'block mined')).toEqual([
      expect.objectContaining({
        level: INFO,
        index: 2,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        transactions: 1,
      }),
    ]);
    expect(events(node, 'peer status changed')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ node: peer.address, from: null, to: 'ok' }),
        expect.objectContaining({ node: unreachable, from: null, to: 'unreachable' }),
      ]),
    );
    // Each node made its own genesis: the whole chain was replaced, and the reward of ours is not restored.
    expect(events(node, 'chain adopted')).toEqual([
      expect.objectContaining({ level: INFO, from: peer.address, forkHeight: 0, dropped: 2, added: 4, restored: 0 }),
    ]);
    await eventually(async () =>
      expect(events(node, 'shutting down')).toEqual([expect.objectContaining({ signal: 'SIGTERM' })]),
    );
  });

  it('should leave out info events at LOG_LEVEL=warn', async () => {
    node = await spawnNode({ DATABASE_PATH: join(directory, 'node.sqlite'), DIFFICULTY: '2', LOG_LEVEL: 'warn' });
    expect((await fetch(`${node.url}/mine`)).status).toBe(200);
    await stopProcess(node, 'SIGTERM');
    expect(logLines(node).filter((line) => line.level < 40)).toEqual([]);
  });
});
