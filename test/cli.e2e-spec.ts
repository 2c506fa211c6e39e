import { ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { hashBlock } from '../src/core';
import { eventually } from './support/eventually';
import { startFakePeer } from './support/fake-peer';
import { freePort, removeDirectory, ROOT, RunningNode, startNode, temporaryDirectory } from './support/nodes';
import { chainOf } from './support/reference';

/** The command line as `npx blockchain` runs it: the bin, which runs the build `npm install` made. */
const BIN = join(ROOT, 'bin', 'blockchain.js');
const TOKEN = 'operator-secret';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment without the variables the command line reads, so that only each test's own count. */
function cleanEnvironment(env: Record<string, string>): NodeJS.ProcessEnv {
  const environment = { ...process.env };
  delete environment.BLOCKCHAIN_NODE;
  delete environment.API_TOKEN;
  return { ...environment, ...env };
}

/** Runs `blockchain <args>` to its end. */
async function blockchain(args: string[], env: Record<string, string> = {}): Promise<Run> {
  try {
    const options = { cwd: ROOT, env: cleanEnvironment(env) };
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], options);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const exited = error as Run;
    if (typeof exited.code !== 'number') throw error;
    return { code: exited.code, stdout: exited.stdout, stderr: exited.stderr };
  }
}

/** The node at `url` as one from before live events would be: GET /events answers 404, the rest passes through. */
function withoutLiveEvents(url: string) {
  return startFakePeer((request, response) => {
    if (request.url === '/events') {
      response.writeHead(404, { 'Content-Type': 'application/json' });
      return void response.end('{"statusCode":404,"message":"Cannot GET /events","error":"Not Found"}');
    }
    const upstream = httpRequest(
      `${url}${request.url}`,
      { method: request.method, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(response);
      },
    );
    request.pipe(upstream);
  });
}

/** A command that runs until stopped (`watch`), with what it printed so far. */
function started(args: string[]) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: cleanEnvironment({}),
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    output,
    exited,
    /** The JSON lines printed so far. */
    lines: () =>
      output.stdout
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as { id?: number; event: string; data: Record<string, unknown> }),
    stop: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
}

describe('The command line (npx blockchain)', () => {
  let node: RunningNode;
  let on: string[];

  beforeAll(async () => {
    // What npm install does: compile the command line from the sources under test.
    await promisify(execFile)(process.execPath, ['scripts/build-cli.js'], { cwd: ROOT });
    node = await startNode({ apiToken: TOKEN, syncIntervalMs: 0, difficulty: 2 });
    on = ['--node', node.url];
  }, 180_000);

  afterAll(async () => {
    await node.close();
  });

  describe('usage', () => {
    it('should describe every command with --help, exit 0', async () => {
      const main = await blockchain(['--help']);
      expect(main).toMatchObject({ code: 0, stderr: '' });
      for (const command of ['status', 'chain', 'block', 'send', 'pending', 'mine', 'peers', 'resolve', 'address']) {
        expect(main.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
      }
      const commands = [
        ['status'],
        ['chain'],
        ['block'],
        ['send'],
        ['pending'],
        ['mine'],
        ['peers'],
        ['peers', 'list'],
        ['peers', 'add'],
        ['peers', 'remove'],
        ['resolve'],
        ['address'],
        ['watch'],
      ];
      for (const command of commands) {
        const help = await blockchain([...command, '--help']);
        expect(help).toMatchObject({ code: 0, stderr: '' });
        expect(help.stdout).toContain(`Usage: blockchain ${command.join(' ')}`);
        expect(help.stdout).toContain('--node <url>');
      }
    });

    it.each([
      ['no command', []],
      ['an unknown command', ['frobnicate']],
      ['a missing argument', ['send', 'alice', 'bob']],
      ['an amount that is not a JSON number', ['send', 'alice', 'bob', '5,0']],
      ['a block that is neither index nor hash', ['block', 'tip']],
      ['a node URL that is not http', ['--node', 'ftp://127.0.0.1', 'status']],
      ['an unknown option', ['status', '--verbose']],
      ['a limit that is not a whole number', ['address', 'alice', '--limit', 'ten']],
    ])('should exit 2 for a usage error: %s', async (_case, args) => {
      const run = await blockchain([...on, ...args]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).not.toBe('');
    });

    it('should say in one line that it cannot reach the node, and exit 1', async () => {
      const url = `http://127.0.0.1:${await freePort()}`;
      const run = await blockchain(['status'], { BLOCKCHAIN_NODE: url });
      expect(run).toEqual({
        code: 1,
        stdout: '',
        stderr: `Cannot reach the node at ${url}: connection refused (ECONNREFUSED)\n`,
      });
    });

    it('should stop quietly when its reader closes the pipe early, as `| head` does', async () => {
      const child = spawn(process.execPath, [BIN, '--help'], { cwd: ROOT, env: cleanEnvironment({}) });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    });

    it('should run through npx itself, offline, without asking the registry for a package named blockchain', async () => {
      const cache = temporaryDirectory();
      try {
        // A fresh npm cache, offline, and a registry nothing listens on: only the checkout's own bin can answer.
        const npx = await promisify(execFile)('npx', ['blockchain', '--help'], {
          cwd: ROOT,
          env: cleanEnvironment({
            npm_config_cache: cache,
            npm_config_offline: 'true',
            npm_config_registry: `http://127.0.0.1:${await freePort()}/`,
          }),
        });
        expect(npx.stdout).toContain('Usage: blockchain [options] [command]');
      } finally {
        removeDirectory(cache);
      }
    });
  });

  describe('against a node', () => {
    it('should show the status, and with --json the node answers it is made of', async () => {
      const table = await blockchain([...on, 'status']);
      expect(table).toMatchObject({ code: 0, stderr: '' });
      expect(table.stdout).toMatch(/^health +ok \(database up, disk up, eventLoop up, sync up\)$/m);
      expect(table.stdout).toMatch(/^chain +1 block$/m);
      expect(table.stdout).toMatch(/^peers +none$/m);

      const json = await blockchain([...on, 'status', '--json']);
      expect(json.code).toBe(0);
      const genesis = JSON.parse((await node.http.get('/blocks/1').expect(200)).text) as unknown;
      expect(JSON.parse(json.stdout)).toMatchObject({
        node: node.url,
        pending: 0,
        health: { status: 'ok' },
        tip: genesis,
      });
    });

    it('should send the amount as typed (5.0 stays a float) and list it pending', async () => {
      const sent = await blockchain([...on, 'send', 'alice', 'bob', '5.0']);
      expect(sent).toEqual({ code: 0, stdout: 'Transaction will be added to Block 2\n', stderr: '' });
      const stored = (await node.http.get('/transactions/pending').expect(200)).text;
      expect(stored).toContain('"amount":5.0');

      const json = await blockchain([...on, 'pending', '--json']);
      expect(json.stdout).toBe(`${stored}\n`);
      const table = await blockchain([...on, 'pending']);
      expect(table.stdout).toMatch(/^alice +bob +5\.0$/m);
    });

    it("should show a refused transaction's field errors and exit 1, storing nothing", async () => {
      const before = (await node.http.get('/transactions/pending').expect(200)).text;
      const refused = await blockchain([...on, 'send', 'alice', 'bob', '0']);
      expect(refused).toEqual({
        code: 1,
        stdout: '',
        stderr: '400 Bad Request: amount must be above zero\n  amount: amount must be above zero\n',
      });
      const json = await blockchain([...on, 'send', 'alice', 'bob', '-1', '--json']);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({
        statusCode: 400,
        errors: [{ field: 'amount', rule: 'isPositive' }],
      });
      expect((await node.http.get('/transactions/pending').expect(200)).text).toBe(before);
    });

    it('should mine only with the token, given by option or environment, with no progress line off a terminal', async () => {
      const refused = await blockchain([...on, 'mine']);
      expect(refused).toEqual({
        code: 1,
        stdout: '',
        stderr: '401 Unauthorized: This operation needs Authorization: Bearer <API_TOKEN>\n',
      });
      const mined = await blockchain([...on, 'mine', '--token', TOKEN]);
      expect(mined).toMatchObject({ code: 0, stderr: '' });
      expect(mined.stdout).toMatch(/^New Block Forged: block 2, proof \d+, 2 transactions$/m);
      expect(mined.stdout).toMatch(/^alice +bob +5\.0$/m);

      const json = await blockchain([...on, 'mine', '--json'], { API_TOKEN: TOKEN });
      expect(json).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(json.stdout)).toMatchObject({ message: 'New Block Forged', index: 3 });
    });

    // `script` (util-linux) runs the command on a pseudo-terminal, as a person's shell would.
    const withTerminal = process.platform === 'linux' && existsSync('/usr/bin/script') ? it : it.skip;
    withTerminal('should show a progress line on a terminal while it mines, and clear it', async () => {
      const command = [process.execPath, BIN, ...on, '--token', TOKEN, 'mine'].join(' ');
      const { stdout } = await promisify(execFile)('script', ['-qec', command, '/dev/null'], {
        cwd: ROOT,
        env: cleanEnvironment({}),
      });
      expect(stdout).toMatch(new RegExp(`^\\rMining on ${node.url}\\.\\.\\. \\d+\\.\\d s`));
      expect(stdout).toContain('\r\u001b[KNew Block Forged: block ');
    });

    it('should show the chain, and with --json the answer exactly as the node wrote it', async () => {
      const chainText = (await node.http.get('/chain').expect(200)).text;
      const json = await blockchain([...on, 'chain', '--json']);
      expect(json).toEqual({ code: 0, stdout: `${chainText}\n`, stderr: '' });

      const table = await blockchain([...on, 'chain']);
      const hashes = chainOf(chainText).map(hashBlock);
      expect(table.stdout.trimEnd().split('\n')).toHaveLength(1 + hashes.length);
      expect(table.stdout).toMatch(new RegExp(`^ +2 +\\S+ +2 +\\d+ +${hashes[1]}$`, 'm'));
    });

    it('should show a block by index or by hash, and exit 1 for a block the chain lacks', async () => {
      const blockText = (await node.http.get('/blocks/2').expect(200)).text;
      const hash = hashBlock((await node.chain())[1]);
      const byIndex = await blockchain([...on, 'block', '2']);
      expect(byIndex).toMatchObject({ code: 0, stderr: '' });
      expect(byIndex.stdout).toMatch(new RegExp(`^hash +${hash}$`, 'm'));
      expect(byIndex.stdout).toMatch(/^alice +bob +5\.0$/m);
      expect(await blockchain([...on, 'block', hash.toUpperCase()])).toEqual(byIndex);
      expect(await blockchain([...on, 'block', hash, '--json'])).toEqual({
        code: 0,
        stdout: `${blockText}\n`,
        stderr: '',
      });

      const missing = await blockchain([...on, 'block', '99']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/^404 Not Found: /);
    });

    it("should show an address's balance and transactions, a page at a time", async () => {
      const table = await blockchain([...on, 'address', 'bob']);
      expect(table).toMatchObject({ code: 0, stderr: '' });
      expect(table.stdout).toMatch(/^balance +5$/m);
      expect(table.stdout).toMatch(/^ +2 +0 +alice +bob +5\.0$/m);
      expect(table.stdout).toMatch(new RegExp(`^as of block +${(await node.chain()).length}$`, 'm'));

      const json = await blockchain([...on, 'address', 'alice', '--offset', '0', '--limit', '1', '--json']);
      const answer = (await node.http.get('/addresses/alice?offset=0&limit=1').expect(200)).text;
      expect(json).toEqual({ code: 0, stdout: `${answer}\n`, stderr: '' });
    });

    it('should list, add and remove peers, the changes only with the token', async () => {
      expect(await blockchain([...on, 'peers'])).toEqual({ code: 0, stdout: 'No peers.\n', stderr: '' });
      const refused = await blockchain([...on, 'peers', 'add', '127.0.0.1:5999']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('401 Unauthorized');

      const invalid = await blockchain([...on, '--token', TOKEN, 'peers', 'add', 'http://[::1']);
      expect(invalid.code).toBe(1);
      expect(invalid.stderr).toMatch(/^400 Bad Request: .*\n {2}nodes\[0\]: /);

      const added = await blockchain([...on, '--token', TOKEN, 'peers', 'add', 'localhost:5999', '127.0.0.1:5998']);
      expect(added).toMatchObject({ code: 0, stderr: '' });
      const [message, ...peers] = added.stdout.trimEnd().split('\n');
      expect(message).toBe('New nodes have been added. Peers now:');
      expect(peers.sort()).toEqual(['127.0.0.1:5998', '127.0.0.1:5999']);
      const listed = await blockchain([...on, 'peers', 'list', '--json']);
      expect(listed.stdout).toBe(`${(await node.http.get('/nodes').expect(200)).text}\n`);
      expect(JSON.parse(listed.stdout)).toMatchObject({ length: 2 });

      expect((await blockchain([...on, 'peers', 'remove', '127.0.0.1:5999'])).code).toBe(1);
      const removed = await blockchain([...on, '--token', TOKEN, 'peers', 'remove', '127.0.0.1:5999']);
      expect(removed.stdout).toBe('Node removed. Peers now:\n127.0.0.1:5998\n');
      await blockchain([...on, '--token', TOKEN, 'peers', 'remove', '127.0.0.1:5998']);
      expect((await node.http.get('/nodes').expect(200)).body).toEqual({ nodes: [], length: 0 });
    });
  });

  describe('watch and resolve', () => {
    it("should follow a node's live events, and report blocks and transactions with their ids", async () => {
      const watcher = started([...on, 'watch', '--json']);
      try {
        await eventually(
          async () =>
            expect(await node.http.get('/metrics').expect(200)).toHaveProperty(
              'text',
              expect.stringMatching(/^blockchain_event_listeners 1$/m),
            ),
          30_000,
        );
        const next = (await node.chain()).length + 1;
        await blockchain([...on, 'send', 'erin', 'frank', '3.0']);
        await blockchain([...on, 'mine', '--token', TOKEN]);
        const tip = hashBlock((await node.chain())[next - 1]);
        await eventually(async () => {
          const lines = watcher.lines();
          expect(lines).toContainEqual({
            id: expect.any(Number),
            event: 'transaction-accepted',
            data: { sender: 'erin', recipient: 'frank', amount: 3, index: next },
          });
          expect(lines).toContainEqual({
            id: expect.any(Number),
            event: 'block-appended',
            data: expect.objectContaining({ index: next, hash: tip, source: 'mined', transactions: 2, length: next }),
          });
        }, 30_000);
        expect(watcher.output.stdout).toContain('"amount":3.0');
        expect(watcher.output.stderr).toBe('');
      } finally {
        await watcher.stop();
      }
    });

    it('should poll a node without live events, and report blocks, transactions and an adopted chain', async () => {
      const polled = await withoutLiveEvents(node.url);
      const watcher = started(['--node', `http://${polled.address}`, 'watch', '--json', '--interval', '100']);
      const peer = await startNode({ syncIntervalMs: 0, difficulty: 2 });
      try {
        await eventually(async () => expect(watcher.output.stderr).toContain('polling every 100 ms'), 30_000);
        const next = (await node.chain()).length + 1;
        await blockchain([...on, 'send', 'carol', 'dave', '2.0']);
        await eventually(
          async () =>
            expect(watcher.lines()).toContainEqual({
              event: 'transaction-accepted',
              data: { sender: 'carol', recipient: 'dave', amount: 2, index: next },
            }),
          30_000,
        );
        expect(watcher.output.stdout).toContain('"amount":2.0');
        await blockchain([...on, 'mine', '--token', TOKEN]);
        const tip = (await node.chain())[next - 1];
        await eventually(
          async () =>
            expect(watcher.lines()).toContainEqual({
              event: 'block-appended',
              data: expect.objectContaining({ index: next, hash: hashBlock(tip), transactions: 2, length: next }),
            }),
          30_000,
        );

        // A longer chain from another genesis: nothing is kept.
        const longer = next + 1;
        while ((await peer.chain()).length < longer) await peer.http.get('/mine').expect(200);
        await blockchain([...on, '--token', TOKEN, 'peers', 'add', peer.address]);
        const resolved = await blockchain([...on, '--token', TOKEN, 'resolve']);
        expect(resolved).toMatchObject({ code: 0, stderr: '' });
        expect(resolved.stdout).toMatch(
          new RegExp(
            `^Our chain was replaced \\(${longer} blocks\\)\\.\\npeer +answer +length\\n${peer.address} +ok +${longer}\\n$`,
          ),
        );
        const newTip = hashBlock((await node.chain())[longer - 1]);
        await eventually(
          async () =>
            expect(watcher.lines()).toContainEqual({
              event: 'chain-replaced',
              data: { forkHeight: null, dropped: null, added: null, length: longer, hash: newTip },
            }),
          30_000,
        );
        expect(watcher.output.stderr).toBe(
          `http://${polled.address} has no live events (GET /events: 404): polling every 100 ms.\n`,
        );
      } finally {
        await watcher.stop();
        await polled.close();
        await blockchain([...on, '--token', TOKEN, 'peers', 'remove', peer.address]);
        await peer.close();
      }
    });

    it('should print the events a node streams, as they come, and reconnect when the stream ends', async () => {
      const events =
        ': heartbeat\n\n' +
        'id: 1\nevent: block-appended\ndata: {"hash":"00ab","index":2,"length":2,"previous_hash":"9f","source":"mined","timestamp":1795484561.5,"transactions":3}\n\n' +
        'id: 2\nevent: transaction-accepted\ndata: {"amount":5.0,"index":3,"recipient":"bob","sender":"alice"}\n\n' +
        'id: 3\nevent: peer-status\ndata: {"length":null,"node":"127.0.0.1:5001","previous":"ok","status":"unreachable"}\n\n' +
        'id: 4\ndata: not JSON\n\n';
      let connections = 0;
      const server = await startFakePeer((request, response) => {
        if (request.url === '/events') connections++;
        response.writeHead(200, { 'Content-Type': 'text/event-stream' });
        response.end(events);
      });
      const json = started(['--node', `http://${server.address}`, 'watch', '--json']);
      const human = started(['--node', `http://${server.address}`, 'watch']);
      try {
        await eventually(async () => expect(json.lines().length).toBeGreaterThanOrEqual(8), 30_000);
        expect(json.lines().slice(0, 4)).toEqual([
          {
            id: 1,
            event: 'block-appended',
            data: {
              hash: '00ab',
              index: 2,
              length: 2,
              previous_hash: '9f',
              source: 'mined',
              timestamp: 1795484561.5,
              transactions: 3,
            },
          },
          { id: 2, event: 'transaction-accepted', data: { amount: 5, index: 3, recipient: 'bob', sender: 'alice' } },
          {
            id: 3,
            event: 'peer-status',
            data: { length: null, node: '127.0.0.1:5001', previous: 'ok', status: 'unreachable' },
          },
          // Data that is not JSON stays a string, so that every line is JSON.
          { id: 4, event: 'message', data: 'not JSON' },
        ]);
        expect(json.output.stdout).toContain('"amount":5.0');
        expect(json.output.stderr).toContain(`Lost the event stream of http://${server.address}: reconnecting.`);

        await eventually(async () => expect(human.output.stdout.split('\n').length).toBeGreaterThan(4), 30_000);
        const [appended, accepted, peerStatus, message] = human.output.stdout.split('\n');
        expect(appended).toMatch(
          /^\d\d:\d\d:\d\d {2}block-appended {8}block 2 00ab \(mined, 3 transactions\), length 2$/,
        );
        expect(accepted).toMatch(/ {2}transaction-accepted {2}alice -> bob 5\.0, for block 3$/);
        expect(peerStatus).toMatch(/ {2}peer-status {11}127\.0\.0\.1:5001: ok -> unreachable$/);
        expect(message).toMatch(/ {2}message {15}not JSON$/);
        expect(connections).toBeGreaterThanOrEqual(3);
      } finally {
        await Promise.all([json.stop(), human.stop()]);
        await server.close();
      }
    });
  });

  describe('a node in trouble', () => {
    it('should exit 1 with the message when the node refuses the event stream', async () => {
      const server = await startFakePeer((_request, response) => {
        response.writeHead(503, { 'Content-Type': 'application/json' });
        response.end('{"error":"Service Unavailable","message":"Too many listeners","statusCode":503}');
      });
      try {
        const run = await blockchain(['--node', `http://${server.address}`, 'watch']);
        expect(run).toEqual({ code: 1, stdout: '', stderr: '503 Service Unavailable: Too many listeners\n' });
      } finally {
        await server.close();
      }
    });

    it('should print the report of an unhealthy node, and exit 1', async () => {
      const genesis = '{"index":1,"previous_hash":"1","proof":100,"timestamp":86400.25,"transactions":[]}';
      const report =
        '{"details":{"disk":{"freeBytes":0,"status":"down"},"sync":{"lastResolve":null,"length":1,"peers":0,' +
        '"status":"up"}},"error":{"disk":{"freeBytes":0,"status":"down"}},"info":{"sync":{"status":"up"}},' +
        '"status":"error"}';
      const answers: Record<string, [number, string]> = {
        '/health': [503, report],
        '/transactions/pending': [200, '{"length":0,"transactions":[]}'],
        '/blocks/1': [200, genesis],
      };
      const server = await startFakePeer((request, response) => {
        const [status, body] = answers[request.url!] ?? [404, '{}'];
        response.writeHead(status, { 'Content-Type': 'application/json' });
        response.end(body);
      });
      try {
        const table = await blockchain(['--node', `http://${server.address}`, 'status']);
        expect(table).toMatchObject({ code: 1, stderr: '' });
        expect(table.stdout).toMatch(/^health +error \(disk down, sync up\)$/m);
        expect(table.stdout).toMatch(/^tip +block 1, [0-9a-f]{16}…, mined \d+ days ago$/m);
        const json = await blockchain(['--node', `http://${server.address}`, 'status', '--json']);
        expect(json.code).toBe(1);
        expect(json.stdout).toBe(
          `{"health":${report},"node":"http://${server.address}","pending":0,"tip":${genesis}}\n`,
        );
      } finally {
        await server.close();
      }
    });
  });
});
