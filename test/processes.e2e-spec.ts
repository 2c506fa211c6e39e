import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from './support/eventually';
import {
  freePort,
  killProcessGroup,
  NodeProcess,
  postTransaction,
  refusesConnections,
  removeDirectory,
  ROOT,
  spawnNode,
  startNode,
  stopProcess,
  temporaryDirectory,
} from './support/nodes';

// In file order: `npm start` compiles dist/, which the others then run.
const LAUNCHES: [string, NodeJS.Signals, string, string[]][] = [
  ['npm start', 'SIGINT', 'npm', ['start', '--']],
  ['npm run start:prod', 'SIGTERM', 'npm', ['run', 'start:prod', '--']],
  ['node dist/src/main.js', 'SIGTERM', process.execPath, ['dist/src/main.js']],
  ['node dist/src/main.js', 'SIGINT', process.execPath, ['dist/src/main.js']],
];

describe('The node as an operator starts it', () => {
  let directory: string;
  let databasePath: string;
  const started: NodeProcess[] = [];

  beforeEach(() => {
    directory = temporaryDirectory();
    databasePath = join(directory, 'node.sqlite');
  });

  afterEach(() => {
    // Whatever a failed test left running, npm and the node under it included.
    for (const node of started.splice(0)) killProcessGroup(node.child);
    removeDirectory(directory);
  });

  async function launch(program: string, script: string[], port?: number): Promise<NodeProcess> {
    const node = await spawnNode(
      { DATABASE_PATH: databasePath, DIFFICULTY: '3' },
      { program, script, port, ownProcessGroup: true, startTimeoutMs: 120_000 },
    );
    started.push(node);
    return node;
  }

  it.each(LAUNCHES)(
    '%s: %s to that process alone stops the node, frees the port and keeps what it acknowledged',
    async (_, signal, program, script) => {
      const port = await freePort();
      const node = await launch(program, script, port);
      expect((await postTransaction(node, 'acknowledged')).status).toBe(201);

      expect(await stopProcess(node, signal)).toBe(0);
      await eventually(async () => expect(await refusesConnections(port)).toBe(true), 10_000);

      // The database is free again (a node left running would hold it) and holds the transaction.
      const restarted = await startNode({ databasePath });
      try {
        const { body } = await restarted.http.get('/transactions/pending').expect(200);
        expect(body.transactions).toEqual([{ sender: 'acknowledged', recipient: 'r', amount: 1.5 }]);
      } finally {
        await restarted.close();
      }
    },
    180_000,
  );

  it('should go on mining with its files gone, as `npm run build` deletes dist/ before writing it again', async () => {
    const node = await launch(process.execPath, ['dist/src/main.js']);
    const dist = join(ROOT, 'dist');
    const aside = join(ROOT, 'dist.moved-by-test');
    rmSync(aside, { recursive: true, force: true });
    renameSync(dist, aside);
    try {
      const mined = await fetch(`${node.url}/mine`);
      expect(mined.status).toBe(200);
      expect(await mined.json()).toMatchObject({ message: 'New Block Forged', index: 2 });
    } finally {
      renameSync(aside, dist);
    }
    expect(await stopProcess(node, 'SIGTERM')).toBe(0);
  });
});
