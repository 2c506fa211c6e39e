import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { join } from 'node:path';
import { createNodeClient } from '../src/client/node-client';
import { parseJson } from '../src/core';
import { DatabaseLock } from '../src/database/database-lock';
import { eventually } from './support/eventually';
import {
  freePort,
  killProcessGroup,
  refusesConnections,
  removeDirectory,
  ROOT,
  temporaryDirectory,
} from './support/nodes';
import { parsePrometheusText } from './support/prometheus-text';

const DEVNET = ['-r', 'ts-node/register/transpile-only', 'scripts/devnet.ts'];
/** The devnet builds the node before it starts any: on a busy machine that alone takes a minute or more. */
const READY_TIMEOUT_MS = 240_000;
/** A test that runs the devnet: its build, its nodes' start and stop. */
const RUN_TIMEOUT_MS = 2 * READY_TIMEOUT_MS;

interface Devnet {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `npm run devnet` (its script) in a process group of its own, so that a failed test can end all of it. */
function launchDevnet(args: string[]): Devnet {
  // Without a background resolve, a block reaches the other nodes only by being announced.
  const child = spawn(process.execPath, [...DEVNET, ...args], {
    cwd: ROOT,
    env: { ...process.env, SYNC_INTERVAL_MS: '0', MINING_THREADS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function untilRunning(devnet: Devnet): Promise<void> {
  await eventually(async () => {
    if (devnet.child.exitCode !== null) throw new Error(`the devnet exited:\n${devnet.output()}`);
    expect(devnet.output()).toContain('Ctrl-C stops every node');
  }, READY_TIMEOUT_MS);
}

/** `count` consecutive free loopback ports. */
async function freePorts(count: number): Promise<number[]> {
  for (;;) {
    const base = await freePort();
    const ports = Array.from({ length: count }, (_, i) => base + i);
    const free = await Promise.all(ports.map((port) => canListen(port)));
    if (free.every(Boolean)) return ports;
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function occupy(port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

const clientOf = (port: number) => createNodeClient(`http://127.0.0.1:${port}`);

async function chainOf(port: number) {
  const { data } = await clientOf(port).GET('/blocks', { params: { query: { from: 1, limit: 1000 } } });
  return data!.blocks;
}

async function peersOf(port: number): Promise<string[]> {
  const { data } = await clientOf(port).GET('/nodes');
  return [...data!.nodes].sort();
}

async function announcedBlocks(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const sample = parsePrometheusText(text).find(
    ({ name, labels }) => name === 'blockchain_blocks_added_total' && labels.source === 'announced',
  );
  return sample?.value ?? 0;
}

async function expectAllStopped(ports: number[], dataDir: string): Promise<void> {
  await eventually(async () => {
    for (const port of ports) {
      expect(await refusesConnections(port)).toBe(true);
      // Its process is gone too: nothing holds its database.
      DatabaseLock.acquire(join(dataDir, `node-${port}.sqlite`)).release();
    }
  }, 20_000);
}

describe('npm run devnet', () => {
  let dataDir: string;
  let ports: number[];
  /** The chain the first run leaves: genesis and the block mined on it. */
  let firstChain: Awaited<ReturnType<typeof chainOf>>;
  const launched: Devnet[] = [];
  const devnet = (...args: string[]) => {
    const started = launchDevnet(['--base-port', String(ports[0]), '--data-dir', dataDir, ...args]);
    launched.push(started);
    return started;
  };

  beforeAll(async () => {
    dataDir = join(temporaryDirectory(), 'devnet');
    ports = await freePorts(3);
  });

  afterEach(() => {
    for (const started of launched.splice(0)) killProcessGroup(started.child);
  });

  afterAll(() => removeDirectory(join(dataDir, '..')));

  // In file order: the later runs resume (or reset) the network the first one started.
  it(
    'should start three nodes on one genesis, each the others peer, pass a mined block on at once, and stop on SIGINT',
    async () => {
      const network = devnet();
      await untilRunning(network);
      for (const port of ports) {
        expect(network.output()).toContain(`http://127.0.0.1:${port}/docs`);
        expect(await peersOf(port)).toEqual(
          ports.filter((other) => other !== port).map((other) => `127.0.0.1:${other}`),
        );
      }
      const genesis = parseJson(readFileSync(join(dataDir, 'genesis.json'), 'utf8'));
      for (const port of ports) expect(await chainOf(port)).toEqual([genesis]);

      const { data: mined } = await clientOf(ports[0]).POST('/mine');
      expect(mined!.index).toBe(2);
      firstChain = await chainOf(ports[0]);
      await eventually(async () => {
        for (const port of ports.slice(1)) {
          expect(await chainOf(port)).toEqual(firstChain);
          expect(await announcedBlocks(port)).toBe(1);
        }
      }, 10_000);

      network.child.kill('SIGINT');
      expect(await network.exited).toBe(0);
      expect(network.output()).toContain('every node stopped');
      await expectAllStopped(ports, dataDir);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'should resume the same network when run again, then mine on a timer, and stop on SIGTERM',
    async () => {
      // The first run built the node: this one starts from that build.
      const network = devnet('--mine-every', '300ms', '--no-build');
      await untilRunning(network);
      expect(network.output()).not.toContain('building the node');
      for (const port of ports) {
        expect(await peersOf(port)).toHaveLength(2);
        expect((await chainOf(port)).slice(0, 2)).toEqual(firstChain);
      }
      // A lively network: blocks come by themselves, and every node holds them.
      await eventually(async () => {
        const chains = await Promise.all(ports.map((port) => chainOf(port)));
        for (const chain of chains) expect(chain.slice(0, 5)).toEqual(chains[0].slice(0, 5));
        expect(chains[0].length).toBeGreaterThanOrEqual(5);
      }, 60_000);

      network.child.kill('SIGTERM');
      expect(await network.exited).toBe(0);
      await expectAllStopped(ports, dataDir);
    },
    RUN_TIMEOUT_MS,
  );

  it('should start nothing when one of its ports is taken, and say which', async () => {
    const taken = await occupy(ports[1]);
    const elsewhere = join(dataDir, '..', 'never-made');
    try {
      const network = launchDevnet(['--base-port', String(ports[0]), '--data-dir', elsewhere]);
      launched.push(network);
      expect(await network.exited).toBe(1);
      expect(network.output()).toContain(`Port ${ports[1]} on 127.0.0.1: in use. Nothing was started.`);
      expect(await refusesConnections(ports[0])).toBe(true);
      expect(await refusesConnections(ports[2])).toBe(true);
      expect(existsSync(elsewhere)).toBe(false);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it(
    'should reset nothing while a node holds a database, and stop the nodes it started when one cannot start',
    async () => {
      const held = join(dataDir, `node-${ports[2]}.sqlite`);
      const lock = DatabaseLock.acquire(held);
      try {
        const reset = devnet('--reset');
        expect(await reset.exited).toBe(1);
        expect(reset.output()).toContain(`Cannot reset: ${held} is in use by another node`);
        expect(existsSync(join(dataDir, 'genesis.json'))).toBe(true);

        const network = devnet('--no-build');
        expect(await network.exited).toBe(1);
        expect(network.output()).toContain(`node-${ports[2]} exited while starting`);
        expect(network.output()).not.toContain('Ctrl-C stops every node');
        await expectAllStopped(ports.slice(0, 2), dataDir);
      } finally {
        lock.release();
      }
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'should start a new network with --reset, and leave no node behind when it is killed',
    async () => {
      const oldGenesis = readFileSync(join(dataDir, 'genesis.json'), 'utf8');
      const network = devnet('--reset', '--no-build');
      await untilRunning(network);
      const newGenesis = readFileSync(join(dataDir, 'genesis.json'), 'utf8');
      expect(newGenesis).not.toBe(oldGenesis);
      for (const port of ports) expect(await chainOf(port)).toEqual([parseJson(newGenesis)]);

      network.child.kill('SIGKILL');
      await network.exited;
      await expectAllStopped(ports, dataDir);
    },
    RUN_TIMEOUT_MS,
  );

  it.each([
    [['--nodes', '0'], '--nodes must be a whole number from 1 to 16'],
    [['--nodes', 'three'], '--nodes must be a whole number from 1 to 16'],
    [['--base-port', '65535'], '--base-port 65535 leaves no room for 3 ports'],
    [['--mine-every', '5'], '--mine-every must be a duration from 100ms to 60m'],
    [['--difficulty', '33'], '--difficulty must be a whole number from 1 to 32'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['extra'], "Unexpected argument 'extra'"],
  ])('should refuse %j with a usage error (status 2), starting nothing', (args, message) => {
    const result = spawnSync(process.execPath, [...DEVNET, '--data-dir', join(dataDir, 'unused'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage: npm run devnet');
    expect(existsSync(join(dataDir, 'unused'))).toBe(false);
  });

  it('should refuse a bad node setting from the environment (status 2), starting nothing', () => {
    const args = ['--base-port', String(ports[0]), '--data-dir', join(dataDir, 'unused')];
    const result = spawnSync(process.execPath, [...DEVNET, ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'loud' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('devnet: invalid node setting in the environment: LOG_LEVEL');
    expect(existsSync(join(dataDir, 'unused'))).toBe(false);
  });

  it('should refuse another difficulty for a network it resumes', () => {
    const result = spawnSync(
      process.execPath,
      [...DEVNET, '--base-port', String(ports[0]), '--data-dir', dataDir, '--difficulty', '5'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('was started at difficulty 4');
  });
});
