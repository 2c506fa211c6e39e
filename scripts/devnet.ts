import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { prettyFactory } from 'pino-pretty';
import { readGenesisFile, writeGenesisFile } from '../src/chain/genesis-file';
import { createNodeClient, NodeClient } from '../src/client/node-client';
import { ConfigError, loadConfig } from '../src/config/node-config';
import { DEFAULT_DIFFICULTY } from '../src/core';
import { DatabaseInUseError, DatabaseLock } from '../src/database/database-lock';

/**
 * `npm run devnet`: a network of nodes on this machine, for development. It builds the node once, starts each node
 * from that build with its own database, one shared genesis block and every other node as a peer, streams their
 * logs, and stops them all on Ctrl-C or SIGTERM. Run again, it resumes the same network from its folder.
 */

const ROOT = join(__dirname, '..');
const HOST = '127.0.0.1';
const DEFAULT_DATA_DIR = join('data', 'devnet');
const MAX_NODES = 16;
/** How long a node may take to answer after it was started (a busy machine, a big database to check). */
const START_TIMEOUT_MS = 120_000;
const READY_POLL_MS = 100;
/** Past the node's own 10 s deadline for stopping: then it is killed. */
const STOP_TIMEOUT_MS = 15_000;
/** What the devnet keeps about its network beside the databases: the difficulty its blocks were mined at. */
const NETWORK_FILE = 'devnet.json';
const GENESIS_FILE = 'genesis.json';
/** What `npm run build` makes of the node, and what each node runs. */
const NODE_BUILD = join(ROOT, 'dist', 'src', 'main.js');

const USAGE = `Usage: npm run devnet -- [options]

Starts a network of nodes on ${HOST}, each knowing every other, and stops them all on Ctrl-C.

Options:
  -n, --nodes <count>        how many nodes (1-${MAX_NODES}; default 3)
  -p, --base-port <port>     the first node's port; the others follow (default 5000)
  --mine-every <duration>    a random node mines every <duration>: 500ms, 5s, 1m (default: no timed mining)
  --difficulty <zeros>       leading hex zeros of a proof (1-32; default 4, or what the network was started with)
  --data-dir <path>          the network's folder (default ${DEFAULT_DATA_DIR})
  --reset                    delete the network in the folder first and start a new one
  --no-build                 start the nodes from the last build (dist/) rather than building first
  -h, --help                 this text

The nodes read the other settings from the environment (LOG_LEVEL, API_TOKEN, MINING_THREADS, ...).`;

/** A bad option or setting: status 2, before anything starts. */
class UsageError extends Error {}
/** The network cannot start: status 1, once whatever did start is stopped again. */
class StartError extends Error {}

interface DevnetOptions {
  nodes: number;
  basePort: number;
  mineEveryMs?: number;
  /** `--mine-every` as it was written, to say it back. */
  mineEvery?: string;
  difficulty?: number;
  dataDir: string;
  reset: boolean;
  build: boolean;
  help: boolean;
}

function wholeNumber(option: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max)) throw new UsageError(`${option} must be a whole number from ${min} to ${max}`);
  return value;
}

const DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };
const MIN_MINE_EVERY_MS = 100;

function duration(option: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text);
  const ms = match ? Number(match[1]) * DURATION_UNITS_MS[match[2]] : NaN;
  if (!(ms >= MIN_MINE_EVERY_MS && ms <= 3_600_000)) {
    throw new UsageError(`${option} must be a duration from 100ms to 60m, such as 500ms, 5s or 1m`);
  }
  return Math.round(ms);
}

function parseOptions(argv: string[]): DevnetOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        nodes: { type: 'string', short: 'n' },
        'base-port': { type: 'string', short: 'p' },
        'mine-every': { type: 'string' },
        difficulty: { type: 'string' },
        'data-dir': { type: 'string' },
        reset: { type: 'boolean', default: false },
        'no-build': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const nodes = values.nodes === undefined ? 3 : wholeNumber('--nodes', values.nodes, 1, MAX_NODES);
  const basePort = values['base-port'] === undefined ? 5000 : wholeNumber('--base-port', values['base-port'], 1, 65535);
  if (basePort + nodes - 1 > 65535) throw new UsageError(`--base-port ${basePort} leaves no room for ${nodes} ports`);
  if (values['data-dir'] === '') throw new UsageError('--data-dir must not be empty');
  return {
    nodes,
    basePort,
    mineEveryMs: values['mine-every'] === undefined ? undefined : duration('--mine-every', values['mine-every']),
    mineEvery: values['mine-every'],
    difficulty: values.difficulty === undefined ? undefined : wholeNumber('--difficulty', values.difficulty, 1, 32),
    dataDir: resolve(values['data-dir'] ?? join(ROOT, DEFAULT_DATA_DIR)),
    reset: values.reset,
    build: !values['no-build'],
    help: values.help,
  };
}

/** Why `port` cannot be listened on, or undefined when it is free. */
function portProblem(port: number): Promise<string | undefined> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      done(error.code === 'EADDRINUSE' ? 'in use' : `cannot be listened on (${error.code ?? error.message})`),
    );
    server.listen(port, HOST, () => server.close(() => done(undefined)));
  });
}

/** A path as the person running the devnet typed it, or near enough: relative to the checkout when inside it. */
function shown(path: string): string {
  const inside = relative(ROOT, path);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? path : inside;
}

const isDatabaseFile = (name: string) => /^node-\d+\.sqlite(-wal|-shm|-lock)?$/.test(name);

/**
 * Deletes the devnet's own files from the folder (never anything else, whatever folder it is given), refusing while
 * a node still runs on one of its databases.
 */
function resetNetwork(dataDir: string): void {
  if (!existsSync(dataDir)) return;
  const names = readdirSync(dataDir);
  for (const name of names.filter((file) => /^node-\d+\.sqlite$/.test(file))) {
    try {
      DatabaseLock.acquire(join(dataDir, name)).release();
    } catch (error) {
      if (error instanceof DatabaseInUseError) throw new StartError(`Cannot reset: ${error.message}`);
      throw error;
    }
  }
  for (const name of names.filter((file) => isDatabaseFile(file) || file === GENESIS_FILE || file === NETWORK_FILE)) {
    rmSync(join(dataDir, name));
  }
  if (readdirSync(dataDir).length === 0) rmSync(dataDir, { recursive: true });
}

/** The difficulty of the network in `dataDir`: the one it was started with, which a resumed network must keep. */
function networkDifficulty(dataDir: string, asked: number | undefined): number {
  const path = join(dataDir, NETWORK_FILE);
  if (!existsSync(path)) {
    const difficulty = asked ?? DEFAULT_DIFFICULTY;
    writeFileSync(path, `${JSON.stringify({ difficulty })}\n`);
    return difficulty;
  }
  const { difficulty } = JSON.parse(readFileSync(path, 'utf8')) as { difficulty: number };
  if (asked !== undefined && asked !== difficulty) {
    throw new UsageError(
      `the network in ${shown(dataDir)} was started at difficulty ${difficulty}, and its blocks would not be valid ` +
        `at ${asked}: run with --difficulty ${difficulty}, or add --reset to start a new network`,
    );
  }
  return difficulty;
}

/** The hash of the genesis block every node pins: written on the first run, read (and checked) on the others. */
function networkGenesis(dataDir: string, difficulty: number): string {
  const path = join(dataDir, GENESIS_FILE);
  return existsSync(path) ? readGenesisFile(path, difficulty).hash : writeGenesisFile(path);
}

/** A node's environment: the devnet's settings for it over the devnet's own environment (LOG_LEVEL, API_TOKEN...). */
function nodeEnvironment(port: number, dataDir: string, difficulty: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOST,
    PORT: String(port),
    // Relative to the checkout, the nodes' working folder, when inside it: the nodes' own lines read shorter.
    DATABASE_PATH: shown(join(dataDir, `node-${port}.sqlite`)),
    GENESIS_FILE: shown(join(dataDir, GENESIS_FILE)),
    DIFFICULTY: String(difficulty),
  };
}

const COLORS = [36, 33, 35, 32, 34, 91, 96, 93, 95, 92];
const colored = process.stdout.isTTY;
const prettify = prettyFactory({
  colorize: colored,
  singleLine: true,
  // The devnet's own lines say where each node listens; the settings are the README's (and the JSON log's).
  ignore: 'pid,hostname,context,config',
  messageFormat: (log, messageKey) =>
    `${typeof log.context === 'string' ? `${log.context}: ` : ''}${String(log[messageKey])}`,
});
/** Nest's account of its start (each module loaded, each route mapped): some forty lines a node, the same each time. */
const NEST_START_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);
const INFO = 30;

/** The line as the devnet shows it, or undefined for one it leaves out; pino's JSON lines are made readable. */
function readableLine(line: string): string | undefined {
  let log: unknown;
  try {
    log = JSON.parse(line);
  } catch {
    return `${line}\n`;
  }
  if (typeof log !== 'object' || log === null) return `${line}\n`;
  const { level, context } = log as { level?: unknown; context?: unknown };
  if (typeof level === 'number' && level <= INFO && NEST_START_CONTEXTS.has(String(context))) return undefined;
  return prettify(log);
}

/** Writes each line of `stream` prefixed with `label`. */
function streamLines(stream: NodeJS.ReadableStream, label: string): void {
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    const shownLine = readableLine(line);
    if (shownLine !== undefined) process.stdout.write(`${label} ${shownLine}`);
  });
}

function labelFor(name: string, color: number): string {
  const text = `${name.padEnd(9)} |`;
  return colored ? `\x1b[${color}m${text}\x1b[0m` : text;
}

const DEVNET_LABEL = labelFor('devnet', 1);
function say(message: string): void {
  process.stdout.write(`${DEVNET_LABEL} ${message}\n`);
}

interface DevnetNode {
  name: string;
  port: number;
  url: string;
  client: NodeClient;
  child: ChildProcess;
  exited: Promise<void>;
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;
const delay = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Every process the devnet started and that may still run (the build, then the nodes), and its end. */
const children = new Map<ChildProcess, Promise<void>>();
let stopping = false;

/** Resolves once the child has exited and its output is written ('close' comes after its last lines). */
function track(child: ChildProcess): Promise<void> {
  const closed = new Promise<void>((done) =>
    child.once('close', () => {
      children.delete(child);
      done();
    }),
  );
  children.set(child, closed);
  return closed;
}

/** SIGTERM to every child, SIGKILL to those still running after STOP_TIMEOUT_MS; true when none had to be killed. */
async function stopChildren(): Promise<boolean> {
  const running = [...children.keys()];
  const exits = [...children.values()];
  for (const child of running) if (!hasExited(child)) child.kill('SIGTERM');
  const inTime = await Promise.race([Promise.all(exits).then(() => true), delay(STOP_TIMEOUT_MS).then(() => false)]);
  if (!inTime) {
    for (const child of running.filter((each) => !hasExited(each))) {
      say(`process ${child.pid} did not stop within ${STOP_TIMEOUT_MS / 1000} s: killing it`);
      child.kill('SIGKILL');
    }
    await Promise.all(exits);
  }
  return inTime;
}

/** The node is built once, as `npm start` builds it, before any node starts. */
async function build(): Promise<void> {
  say('building the node (npm run build)');
  const started = Date.now();
  const child = spawn('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  streamLines(child.stdout, labelFor('build', 90));
  streamLines(child.stderr, labelFor('build', 90));
  await track(child);
  if (stopping) return;
  if (child.exitCode !== 0) throw new StartError(`the build failed (npm run build exited with ${child.exitCode})`);
  say(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Starts one node from the build and waits until it answers; it stops by itself should the devnet vanish. */
async function startNode(port: number, env: NodeJS.ProcessEnv, color: number): Promise<DevnetNode> {
  const name = `node-${port}`;
  const url = `http://${HOST}:${port}`;
  // The IPC channel is how the node learns that the devnet is gone, even killed with SIGKILL (see src/shutdown.ts).
  const child = spawn(process.execPath, [NODE_BUILD], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const label = labelFor(name, color);
  streamLines(child.stdout!, label);
  streamLines(child.stderr!, label);
  const exited = track(child);
  const client = createNodeClient(url, { token: env.API_TOKEN });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!hasExited(child) && !stopping) {
    try {
      if ((await client.GET('/nodes')).response.ok) return { name, port, url, client, child, exited };
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new StartError(`${name} did not answer within ${START_TIMEOUT_MS / 1000} s`);
    await delay(READY_POLL_MS);
  }
  if (stopping) throw new StartError('stopped while starting');
  throw new StartError(`${name} exited while starting (status ${child.exitCode ?? child.signalCode}): see its lines`);
}

/** Registers every node with every other; registering a peer a node has already is harmless, so a rerun repeats it. */
async function registerPeers(nodes: DevnetNode[]): Promise<void> {
  await Promise.all(
    nodes.map(async (node) => {
      const others = nodes.filter((other) => other !== node).map((other) => other.url);
      if (others.length === 0) return;
      const { error, response } = await node.client.POST('/nodes/register', { body: { nodes: others } });
      if (error) throw new StartError(`${node.name} refused its peers (${response.status}): ${error.message}`);
    }),
  );
}

/** Every `everyMs`, one node picked at random mines a block; a round is skipped while the last one still mines. */
function mineOnATimer(nodes: DevnetNode[], everyMs: number): NodeJS.Timeout {
  let mining = false;
  return setInterval(() => {
    const candidates = nodes.filter((node) => !hasExited(node.child));
    if (mining || stopping || candidates.length === 0) return;
    const node = candidates[Math.floor(Math.random() * candidates.length)];
    mining = true;
    node.client
      .POST('/mine')
      // A block mined is the node's to log; a refusal (a 401 with API_TOKEN set, say) is not logged by it.
      .then(({ error }) => error && say(`${node.name} did not mine: ${error.message}`))
      .catch((error: Error) => say(`${node.name} could not be asked to mine: ${error.message}`))
      .finally(() => (mining = false));
  }, everyMs);
}

function printNetwork(nodes: DevnetNode[], options: DevnetOptions, difficulty: number, genesisHash: string): void {
  const width = nodes[0].url.length + 1;
  say(`${nodes.length} node${nodes.length === 1 ? '' : 's'} running, difficulty ${difficulty}, genesis ${genesisHash}`);
  say(`data in ${shown(options.dataDir)}`);
  say(`${'node'.padEnd(10)}${'API'.padEnd(width + 1)}${'explorer'.padEnd(width + 2)}docs`);
  for (const node of nodes) {
    say(`${node.name.padEnd(10)}${node.url.padEnd(width + 1)}${`${node.url}/`.padEnd(width + 2)}${node.url}/docs`);
  }
  say(
    options.mineEveryMs === undefined
      ? `no timed mining (--mine-every 5s turns it on); mine by hand: curl -X POST ${nodes[0].url}/mine`
      : `a random node mines every ${options.mineEvery}`,
  );
  say('Ctrl-C stops every node');
}

async function run(options: DevnetOptions): Promise<number> {
  const ports = Array.from({ length: options.nodes }, (_, i) => options.basePort + i);
  const portsByProblem = new Map<string, number[]>();
  for (const [i, problem] of (await Promise.all(ports.map(portProblem))).entries()) {
    if (problem !== undefined) portsByProblem.set(problem, [...(portsByProblem.get(problem) ?? []), ports[i]]);
  }
  if (portsByProblem.size > 0) {
    const said = [...portsByProblem].map(
      ([problem, taken]) => `${taken.length === 1 ? 'Port' : 'Ports'} ${taken.join(', ')} on ${HOST}: ${problem}.`,
    );
    const them = [...portsByProblem.values()].flat().length === 1 ? 'it' : 'them';
    throw new StartError(
      `${said.join(' ')} Nothing was started. Stop what uses ${them}, or choose other ports with --base-port.`,
    );
  }
  // The nodes' other settings are theirs to check: checked before anything is made, a bad one starts nothing.
  try {
    for (const port of ports)
      loadConfig(nodeEnvironment(port, options.dataDir, options.difficulty ?? DEFAULT_DIFFICULTY), []);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`invalid node setting in the environment: ${error.message}`);
    throw error;
  }
  if (options.reset) {
    resetNetwork(options.dataDir);
    say(`reset: deleted the network in ${shown(options.dataDir)}`);
  }
  mkdirSync(options.dataDir, { recursive: true });
  const difficulty = networkDifficulty(options.dataDir, options.difficulty);
  const genesisHash = networkGenesis(options.dataDir, difficulty);

  if (options.build) await build();
  else if (!existsSync(NODE_BUILD)) throw new StartError('there is no build to start from: run without --no-build');
  if (stopping) return 1;
  const nodes = await Promise.all(
    ports.map((port, i) =>
      startNode(port, nodeEnvironment(port, options.dataDir, difficulty), COLORS[i % COLORS.length]),
    ),
  );
  await registerPeers(nodes);
  printNetwork(nodes, options, difficulty, genesisHash);
  const timer = options.mineEveryMs === undefined ? undefined : mineOnATimer(nodes, options.mineEveryMs);
  for (const node of nodes) {
    void node.exited.then(() => {
      if (!stopping)
        say(`${node.name} exited (status ${node.child.exitCode ?? node.child.signalCode}); the others go on`);
    });
  }
  await Promise.all(nodes.map((node) => node.exited));
  clearInterval(timer);
  // Stopped by a signal to the devnet, the stop decides the status; otherwise every node went by itself.
  return 1;
}

function main(): void {
  let options: DevnetOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`devnet: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  let stopped: Promise<boolean> | undefined;
  const stop = (signal: NodeJS.Signals) => {
    // Ctrl-C reaches npm and the devnet both, and npm passes it on: one stop, however many signals.
    if (stopped) return;
    stopping = true;
    say(`${signal}: stopping every node`);
    stopped = stopChildren();
    void stopped.then((clean) => {
      say(clean ? 'every node stopped' : 'stopped, some by force');
      process.exit(clean ? 0 : 1);
    });
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);

  run(options).then(
    (status) => {
      if (!stopping) process.exit(status);
    },
    async (error: Error) => {
      if (stopping) return;
      stopping = true;
      // Not a half-started network: whatever did start is stopped before the devnet says why.
      await stopChildren();
      if (error instanceof UsageError) {
        console.error(`devnet: ${error.message}`);
        process.exit(2);
      }
      console.error(`devnet: ${error instanceof StartError ? error.message : (error.stack ?? String(error))}`);
      process.exit(1);
    },
  );
}

main();
