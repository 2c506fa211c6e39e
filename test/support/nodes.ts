import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo, createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { NodeConfig } from '../../src/config/node-config';
import type { Block } from '../../src/core';
import { chainOf } from './reference';
import { configureApp } from '../../src/configure-app';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { ApiContract } from './api-contract';
import { contractChecked, useDocument } from './contract-guard';

export function temporaryDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'blockchain-node-e2e-'));
}

export interface RunningNode {
  app: NestExpressApplication;
  url: string;
  /** `host:port`, as peers register it. */
  address: string;
  config: NodeConfig;
  /** Requests whose every answer is checked against the node's OpenAPI document. */
  http: ReturnType<typeof request>;
  /** The OpenAPI document the node serves, and the check of answers against it. */
  document: OpenAPIObject;
  contract: ApiContract;
  /** The node's chain as it serves it. */
  chain(): Promise<Block[]>;
  /** Registers peers, expecting the node to accept them. */
  register(...nodes: string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a whole node in this process, listening on a loopback port the system picks. Unless given a database, it
 * gets one in a temporary folder that closing it removes.
 */
export async function startNode(overrides: Partial<NodeConfig> = {}): Promise<RunningNode> {
  const ownDirectory = overrides.databasePath === undefined ? temporaryDirectory() : undefined;
  const config = Object.assign(new NodeConfig(), {
    host: '127.0.0.1',
    port: 0,
    databasePath: ownDirectory && join(ownDirectory, 'chain.sqlite'),
    peerTimeoutMs: 2000,
    ...overrides,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  const document = configureApp(app);
  const contract = useDocument(document);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const http = contractChecked(request(url), contract);
  return {
    app,
    url,
    address: `127.0.0.1:${port}`,
    config,
    http,
    document,
    contract,
    chain: async () => chainOf((await http.get('/chain').expect(200)).text),
    register: async (...nodes) => void (await http.post('/nodes/register').send({ nodes }).expect(201)),
    close: async () => {
      await app.close();
      if (ownDirectory) removeDirectory(ownDirectory);
    },
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** True when nothing accepts connections on the port (of the loopback address, unless told another). */
export function refusesConnections(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

export interface NodeProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

export const ROOT = join(__dirname, '..', '..');

export interface SpawnOptions {
  /** Command-line arguments after the script. */
  args?: string[];
  port?: number;
  /** What node runs: the sources through ts-node by default, or a built `main.js`, or a benchmark's own app. */
  script?: string[];
  /** The program that runs `script`: node by default; `npm` to start the node as its scripts do. */
  program?: string;
  /** How long the node may take to answer (`npm start` compiles it first). */
  startTimeoutMs?: number;
  /**
   * In a process group of its own, so that `killProcessGroup` ends all it started (npm, a shell, the node), even a
   * node its parent left behind.
   */
  ownProcessGroup?: boolean;
  /** A cheap GET that answers once the node is ready. */
  readyPath?: string;
  pollMs?: number;
}

/** Starts the node as its own process (`src/main.ts`), as an operator would, and waits until it answers. */
export async function spawnNode(
  env: Record<string, string>,
  {
    args = [],
    port,
    script = ['-r', 'ts-node/register/transpile-only', 'src/main.ts'],
    program = process.execPath,
    startTimeoutMs = 30_000,
    ownProcessGroup = false,
    readyPath = '/chain',
    pollMs = 100,
  }: SpawnOptions = {},
): Promise<NodeProcess> {
  port ??= await freePort();
  const child = spawn(program, [...script, ...args], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: ownProcessGroup,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`node exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}${readyPath}`)).ok) return { child, url, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  if (ownProcessGroup) killProcessGroup(child);
  else child.kill('SIGKILL');
  throw new Error(`node did not start:\n${output}`);
}

/** SIGKILL to every process left in the group of a node spawned with `ownProcessGroup`. */
export function killProcessGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // Nothing of the group is left.
  }
}

export async function stopProcess(node: NodeProcess, signal: NodeJS.Signals): Promise<number | null> {
  // Exited already, by itself or by a signal.
  if (node.child.exitCode !== null || node.child.signalCode !== null) return node.child.exitCode;
  const exited = new Promise<number | null>((resolve) => node.child.once('exit', (code) => resolve(code)));
  node.child.kill(signal);
  return exited;
}

/** POST /transactions/new, as a client would send it. */
export function postTransaction(node: { url: string }, sender: string, recipient = 'r'): Promise<Response> {
  return fetch(`${node.url}/transactions/new`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sender, recipient, amount: 1.5 }),
  });
}

/** For each test of the calling `describe`: a new folder, removed after the test, and a database path inside it. */
export function temporaryDatabaseForEachTest(): { readonly directory: string; readonly path: string } {
  const current = { directory: '', path: '' };
  beforeEach(() => {
    current.directory = temporaryDirectory();
    current.path = join(current.directory, 'node.sqlite');
  });
  afterEach(() => removeDirectory(current.directory));
  return current;
}

/** Undoes the newest `count` migrations of a node's database (their `down`), as an older node would have left it. */
export async function undoMigrations(databasePath: string, count: number): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(databasePath));
  await dataSource.initialize();
  try {
    for (let undone = 0; undone < count; undone++) await dataSource.undoLastMigration({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

export function removeDirectory(path: string): void {
  rmSync(path, { recursive: true, force: true });
}
