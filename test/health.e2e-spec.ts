import Database from 'better-sqlite3';
import { Sqlite } from '../src/database/sqlite';
import { eventually } from './support/eventually';
import { freePort, postTransaction, RunningNode, startNode } from './support/nodes';

/** No background sync to write or resolve behind the test's back. */
const QUIET = { syncIntervalMs: 0 };

describe('GET /health', () => {
  const nodes: RunningNode[] = [];
  const start = async (overrides: Parameters<typeof startNode>[0] = {}) => {
    const node = await startNode({ ...QUIET, ...overrides });
    nodes.push(node);
    return node;
  };

  afterEach(async () => {
    for (const node of nodes.splice(0)) await node.close();
  });

  it('should answer 200 with every check up, never cached', async () => {
    const node = await start();
    const response = await node.http.get('/health').expect(200);
    expect(response.headers['cache-control']).toContain('no-store');
    expect(response.body).toMatchObject({
      status: 'ok',
      error: {},
      details: {
        database: { status: 'up' },
        disk: { status: 'up', minimum: node.config.healthMinFreeDiskBytes },
        eventLoop: { status: 'up', limitMs: node.config.healthMaxEventLoopDelayMs },
        sync: { status: 'up', peers: 0, length: 1, lastResolve: null },
      },
    });
    expect(response.body.details.disk.freeBytes).toBeGreaterThan(0);
  });

  it('should answer 503 naming the database while it takes no writes, and 200 again once it does', async () => {
    const node = await start();
    const connection = node.app.get(Sqlite).connection;
    connection.pragma('query_only = ON');
    try {
      expect((await postTransaction(node, 'refused')).status).toBe(503);
      const { body } = await node.http.get('/health').expect(503);
      expect(body).toMatchObject({
        status: 'error',
        error: { database: { status: 'down', message: expect.stringContaining('SQLITE_READONLY') } },
        info: { disk: { status: 'up' }, eventLoop: { status: 'up' }, sync: { status: 'up' } },
      });
    } finally {
      connection.pragma('query_only = OFF');
    }
    // No client writes: the check's own probe finds out that writes succeed again.
    await eventually(async () => void (await node.http.get('/health').expect(200)));
    expect((await node.http.get('/transactions/pending').expect(200)).body.length).toBe(0);
  });

  it('should answer 503 while another connection holds the write lock past the busy timeout, and 200 after', async () => {
    const node = await start({ databaseBusyTimeoutMs: 100 });
    const other = new Database(node.config.databasePath, { timeout: 0 });
    try {
      other.exec('BEGIN IMMEDIATE');
      expect((await postTransaction(node, 'refused')).status).toBe(503);
      const { body } = await node.http.get('/health').expect(503);
      expect(body.error.database.message).toContain('SQLITE_BUSY');
      other.exec('COMMIT');
      await eventually(async () => void (await node.http.get('/health').expect(200)));
    } finally {
      other.close();
    }
  });

  it('should answer 503 naming the disk when it has less free space than HEALTH_MIN_FREE_DISK_BYTES', async () => {
    const node = await start({ healthMinFreeDiskBytes: Number.MAX_SAFE_INTEGER });
    const { body } = await node.http.get('/health').expect(503);
    expect(body.error).toEqual({
      disk: expect.objectContaining({ status: 'down', minimum: Number.MAX_SAFE_INTEGER }),
    });
    expect(body.info.database.status).toBe('up');
  });

  it('should report the peers as of the last resolve: reachable, unreachable and how far behind, staying 200', async () => {
    const ahead = await start();
    await ahead.http.get('/mine').expect(200);
    await ahead.http.get('/mine').expect(200);
    const node = await start();
    await node.register(ahead.address, `127.0.0.1:${await freePort()}`);
    await node.http.get('/nodes/resolve').expect(200);

    const { body } = await node.http.get('/health').expect(200);
    expect(body.details.sync).toMatchObject({
      status: 'up',
      peers: 2,
      length: 3,
      reachable: 1,
      unreachable: 1,
      bestPeerLength: 3,
      behind: 0,
    });
    expect(Date.parse(body.details.sync.lastResolve)).not.toBeNaN();
  });
});
