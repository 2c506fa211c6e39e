import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { NodeIdentityService } from '../src/identity/node-identity.service';
import { eventually } from './support/eventually';
import {
  freePort,
  NodeProcess,
  postTransaction,
  removeDirectory,
  ROOT,
  spawnNode,
  startNode,
  stopProcess,
  temporaryDirectory,
} from './support/nodes';

const run = promisify(execFile);

const CLIENTS = 8;

interface Pending {
  transactions: { sender: string }[];
}

/** Clients posting transactions one after another until stopped: every status, and what was acknowledged, in order. */
function postUntilStopped(node: NodeProcess) {
  const statuses: number[] = [];
  const acknowledged: string[] = [];
  let stopped = false;
  let sent = 0;
  const client = async () => {
    while (!stopped) {
      const sender = `load-${sent++}`;
      const response = await postTransaction(node, sender);
      statuses.push(response.status);
      if (response.status === 201) acknowledged.push(sender);
    }
  };
  const clients = Promise.all(Array.from({ length: CLIENTS }, client));
  return {
    statuses,
    acknowledged,
    stop: async () => {
      stopped = true;
      await clients;
    },
  };
}

async function get<T>(url: string): Promise<T> {
  return (await fetch(url)).json() as Promise<T>;
}

describe('npm run backup', () => {
  let directory: string;
  let source: NodeProcess;
  const databasePath = () => join(directory, 'node.sqlite');

  beforeEach(async () => {
    directory = temporaryDirectory();
    source = await spawnNode({
      DATABASE_PATH: databasePath(),
      DIFFICULTY: '2',
      SYNC_INTERVAL_MS: '0',
      RATE_LIMIT: '0',
    });
  });

  afterEach(async () => {
    await stopProcess(source, 'SIGKILL');
    removeDirectory(directory);
  });

  const backUp = (file: string) =>
    run('npm', ['run', '--silent', 'backup', '--', file], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: databasePath() },
    });

  it('should copy a node under load without failing a request, into a file that restores the same node', async () => {
    const peers = [`127.0.0.1:${await freePort()}`, `127.0.0.1:${await freePort()}`];
    await fetch(`${source.url}/nodes/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ nodes: peers }),
    });
    for (const sender of ['mined-1', 'mined-2']) await postTransaction(source, sender);
    expect((await fetch(`${source.url}/mine`)).status).toBe(200);
    for (const sender of ['pending-1', 'pending-2']) expect((await postTransaction(source, sender)).status).toBe(201);

    const load = postUntilStopped(source);
    await eventually(async () => expect(load.acknowledged.length).toBeGreaterThanOrEqual(CLIENTS), 10_000);
    const acknowledgedBefore = [...load.acknowledged];
    const backup = join(directory, 'backup.sqlite');
    const { stderr } = await backUp(backup);
    const acknowledgedDuring = load.acknowledged.length - acknowledgedBefore.length;
    await load.stop();

    expect(stderr).toMatch(/^Backed up .* 2 blocks, \d+ pending transactions, 2 peers\n$/);
    expect(acknowledgedDuring).toBeGreaterThan(0);
    expect(load.statuses.filter((status) => status !== 201)).toEqual([]);
    // One file, in WAL mode like the node's, with nothing beside it.
    expect(existsSync(`${backup}-wal`)).toBe(false);
    const copy = new Database(backup, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('wal');
    copy.close();

    // Restoring is copying the file where a stopped node's database was.
    const restoredPath = join(directory, 'restored', 'node.sqlite');
    mkdirSync(dirname(restoredPath));
    copyFileSync(backup, restoredPath);
    const restored = await startNode({ databasePath: restoredPath, syncIntervalMs: 0 });
    try {
      expect((await restored.http.get('/chain').expect(200)).text).toBe(
        await (await fetch(`${source.url}/chain`)).text(),
      );
      const { nodes } = (await restored.http.get('/nodes').expect(200)).body as { nodes: string[] };
      expect(nodes.sort()).toEqual(peers.sort());
      const [, mined] = await restored.chain();
      expect(mined.transactions.at(-1)).toMatchObject({
        sender: '0',
        recipient: restored.app.get(NodeIdentityService).nodeId,
      });
      // A snapshot of one commit: what the source had acknowledged up to some moment of the backup, in order.
      const restoredPending = (await restored.http.get('/transactions/pending').expect(200)).body as Pending;
      const sourcePending = await get<Pending>(`${source.url}/transactions/pending`);
      const senders = restoredPending.transactions.map((transaction) => transaction.sender);
      expect(senders).toEqual(
        sourcePending.transactions.slice(0, senders.length).map((transaction) => transaction.sender),
      );
      expect(senders).toEqual(expect.arrayContaining(['pending-1', 'pending-2', ...acknowledgedBefore]));
    } finally {
      await restored.close();
    }
  });

  it('should refuse to overwrite a file, and to back up a database that does not exist', async () => {
    const backup = join(directory, 'backup.sqlite');
    await backUp(backup);
    await expect(backUp(backup)).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('exists already') });
    await expect(
      run('npm', ['run', '--silent', 'backup', '--', join(directory, 'other.sqlite')], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_PATH: join(directory, 'missing.sqlite') },
      }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('does not exist') });
  });
});
