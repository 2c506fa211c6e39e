import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ChainChange, ChainService } from '../src/chain/chain.service';
import { Block, dumpJson, validateChain, MAX_FUTURE_DRIFT_MS } from '../src/core';
import { ConsensusService } from '../src/nodes/consensus.service';
import { ANNOUNCE_PATH } from '../src/nodes/propagation.service';
import { buildChain } from '../test/support/chains';
import { eventually } from '../test/support/eventually';
import { FakePeer, proxyingTo, servingChain } from '../test/support/fake-peer';
import { NodeProcess, ROOT, RunningNode, spawnNode, startNode } from '../test/support/nodes';
import { buildBigDatabase } from './support/big-database';
import { CompiledNode, withCompiledNode } from './support/build';
import { boundedFetch, removeDirectory, stop, temporaryDirectory } from './support/processes';
import { formatMs, note, printRow } from './support/report';

const SHAPE = { blocks: 3000, paymentsPerBlock: 5 };
const DIFFICULTY = 4;
const RUNS = 7;
const PROOFS = join(__dirname, 'fixtures/sync-chain.proofs.json');
const FORK_CHAIN_BLOCKS = 100_000;

/** The bench chain, valid at difficulty 4: its proofs are kept in a fixture, since finding them takes minutes. */
function benchChain(): Block[] {
  const known = JSON.parse(readFileSync(PROOFS, 'utf8')) as number[];
  const chain = buildChain(SHAPE, DIFFICULTY, known);
  const proofs = chain.slice(1).map((block) => block.proof as number);
  if (proofs.some((proof, i) => proof !== known[i])) {
    note('proofs were stale and had to be searched for again: fixture updated');
    writeFileSync(PROOFS, `${JSON.stringify(proofs)}\n`);
  }
  const verdict = validateChain(chain, { difficulty: DIFFICULTY, nowMs: Date.now(), maxFutureMs: MAX_FUTURE_DRIFT_MS });
  if (!verdict.valid) throw new Error(`bench chain is invalid: ${verdict.reason}`);
  return chain;
}

/** What a compiled node needs to start fresh at the bench's difficulty, in a folder of its own. */
async function spawnFresh(compiled: CompiledNode, directory: string, env: Record<string, string> = {}) {
  return spawnNode(
    {
      ...compiled.env,
      DATABASE_PATH: join(directory, 'node.sqlite'),
      DIFFICULTY: String(DIFFICULTY),
      SYNC_INTERVAL_MS: '0',
      RATE_LIMIT: '0',
      ...env,
    },
    { script: compiled.script, readyPath: '/blocks/1' },
  );
}

/** Registers the peer and resolves against it; resolves to the node's own time for the resolve, in ms. */
async function resolveAgainst(node: NodeProcess, peerAddress: string): Promise<number> {
  const registered = await boundedFetch(`${node.url}/nodes/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ nodes: [peerAddress] }),
  });
  if (!registered.ok) throw new Error(`register: ${registered.status}`);
  const resolved = await boundedFetch(`${node.url}/nodes/resolve`);
  const { message } = (await resolved.json()) as { message: string };
  const { length } = (await (await boundedFetch(`${node.url}/blocks/hashes?from=1&limit=1`)).json()) as {
    length: number;
  };
  if (message !== 'Our chain was replaced' || length !== SHAPE.blocks) throw new Error('chain not adopted');
  // The node's own measure of the resolve: from its first request to the peer to the committed write. It leaves
  // out writing GET /nodes/resolve's answer, which streams the whole new chain back.
  const metrics = await (await boundedFetch(`${node.url}/metrics`)).text();
  const seconds = /^blockchain_resolve_duration_seconds_sum (\S+)$/m.exec(metrics)?.[1];
  if (seconds === undefined) throw new Error('no resolve duration in GET /metrics');
  return Number(seconds) * 1000;
}

/**
 * One adoption, as a joining node lives it: a compiled node is started on a new database, registers the peer and
 * resolves, once; the time is the node's own for that resolve (fetch, parse, validate, committed replace).
 */
async function adoptOnce(compiled: CompiledNode, peerAddress: string): Promise<number> {
  const directory = temporaryDirectory();
  let node: NodeProcess | undefined;
  try {
    node = await spawnFresh(compiled, directory);
    return await resolveAgainst(node, peerAddress);
  } finally {
    if (node) await stop(node);
    removeDirectory(directory);
  }
}

/** The median of `RUNS` adoptions after a warm-up (of the machine's file cache, not of the node), and the runs. */
async function medianAdoption(compiled: CompiledNode, peerAddress: string): Promise<{ median: number; best: number }> {
  await adoptOnce(compiled, peerAddress);
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) times.push(await adoptOnce(compiled, peerAddress));
  times.sort((a, b) => a - b);
  note(`runs: ${times.map((ms) => ms.toFixed(0)).join(', ')} ms (load average ${loadavg()[0].toFixed(2)})`);
  return { median: times[Math.floor(RUNS / 2)], best: times[0] };
}

/** The reference's own work on the same answer, in Python: `response.json()` and `valid_chain`, network left out. */
function referenceSeconds(text: string): number | null {
  if (spawnSync('python3', ['--version']).status !== 0) return null;
  const script = [
    'import json, sys, time',
    `sys.path.insert(0, ${JSON.stringify(join(ROOT, 'test/support'))})`,
    'from reference_valid_chain import valid_chain',
    'text = sys.stdin.read()',
    'started = time.perf_counter()',
    `assert valid_chain(json.loads(text)["chain"], ${DIFFICULTY})`,
    'print(time.perf_counter() - started)',
  ].join('\n');
  const runs = Array.from({ length: 3 }, () => Number(execFileSync('python3', ['-c', script], { input: text })));
  return runs.sort((a, b) => a - b)[1];
}

async function adoptions(compiled: CompiledNode): Promise<void> {
  const chain = benchChain();
  const text = dumpJson({ chain, length: chain.length });
  note(`chain of ${SHAPE.blocks} blocks, ${(text.length / 1e6).toFixed(1)} MB`);
  const pythonSeconds = referenceSeconds(text);
  const reference =
    pythonSeconds === null ? 'python3 not found' : `${formatMs(pythonSeconds * 1000)} (Python: parse and valid_chain)`;
  const shape = `${SHAPE.blocks.toLocaleString('en-US')}-block chain (${SHAPE.paymentsPerBlock} payments + reward a block)`;

  const whole = await servingChain(text);
  const sourceDirectory = temporaryDirectory();
  let source: NodeProcess | undefined;
  try {
    note('from a reference-style peer');
    const fromReference = await medianAdoption(compiled, whole.address);
    printRow({
      figure: `adopt a ${shape} from a reference-style peer (GET /chain), on a freshly started compiled node: fetch, parse and validate (worker threads), committed replace`,
      target: '≤ 0.5× the reference',
      measured: `${formatMs(fromReference.median)} (median of ${RUNS}; best ${formatMs(fromReference.best)})${ratio(fromReference.median, pythonSeconds)}`,
      reference,
      command: 'npm run bench -- sync',
    });

    // The source is a compiled node too, which gets the chain as any node would: from the reference-style peer.
    source = await spawnFresh(compiled, sourceDirectory);
    await resolveAgainst(source, whole.address);
    note('from a peer of this project');
    const fromPeer = await medianAdoption(compiled, new URL(source.url).host);
    printRow({
      figure: `adopt the same chain from a peer of this project, on a freshly started compiled node: probe, pages of GET /blocks, validate (worker threads), committed replace`,
      target: '≤ 0.5× the reference',
      measured: `${formatMs(fromPeer.median)} (median of ${RUNS}; best ${formatMs(fromPeer.best)})${ratio(fromPeer.median, pythonSeconds)}`,
      reference,
      command: 'npm run bench -- sync',
    });
  } finally {
    if (source) await stop(source);
    removeDirectory(sourceDirectory);
    await whole.close();
  }
}

function ratio(ms: number, referenceSeconds: number | null): string {
  return referenceSeconds === null ? '' : `, ${(ms / (referenceSeconds * 1000)).toFixed(2)}× the reference`;
}

/** One resolve of `node` against the peer behind `proxy`: requests, bytes on the wire, and what changed. */
async function measuredResolve(node: RunningNode, proxy: FakePeer) {
  const [requestsBefore, bytesBefore] = [proxy.requests(), proxy.wireBytes()];
  const announcementsBefore = proxy.requests(ANNOUNCE_PATH);
  const changes: ChainChange[] = [];
  const subscription = node.app.get(ChainService).changes.subscribe((change) => changes.push(change));
  await node.app.get(ConsensusService).resolve();
  subscription.unsubscribe();
  const change = changes[0] as Extract<ChainChange, { kind: 'replaced' }> | undefined;
  const measured = {
    requests: proxy.requests() - requestsBefore,
    bytes: proxy.wireBytes() - bytesBefore,
    forkHeight: change?.forkHeight,
    added: changes.reduce((total, each) => total + (each.kind === 'replaced' ? each.added.length : 0), 0),
  };
  // An adopted tip is announced to the peer once the resolve has ended: that is gossip, not this sync's cost, and it
  // must not fall into the next measurement either.
  if (change) {
    await eventually(() => {
      if (proxy.requests(ANNOUNCE_PATH) === announcementsBefore) throw new Error('the new tip was not announced');
      return Promise.resolve();
    });
  }
  return measured;
}

/**
 * Two nodes on copies of one 100,000-block chain: the first mines 3 blocks of its own, the second 13, then the first
 * resolves against the second (through a proxy that counts requests and bytes), then again at the same tip, then
 * after the second mines one more block.
 */
async function forks(): Promise<void> {
  const directory = temporaryDirectory();
  const nodes: RunningNode[] = [];
  let proxy: FakePeer | undefined;
  try {
    const [firstPath, secondPath] = [join(directory, 'first.sqlite'), join(directory, 'second.sqlite')];
    note(`writing a ${FORK_CHAIN_BLOCKS.toLocaleString('en-US')}-block database valid at difficulty 1`);
    await buildBigDatabase(firstPath, FORK_CHAIN_BLOCKS, 1);
    // Its first start builds the address index: once, before the copy.
    await (await startNode({ databasePath: firstPath, difficulty: 1 })).close();
    copyFileSync(firstPath, secondPath);
    const start = async (databasePath: string) => {
      const node = await startNode({ databasePath, difficulty: 1, syncIntervalMs: 0 });
      nodes.push(node);
      return node;
    };
    const [behind, ahead] = [await start(firstPath), await start(secondPath)];
    for (let i = 0; i < 3; i++) await behind.http.get('/mine').expect(200);
    for (let i = 0; i < 13; i++) await ahead.http.get('/mine').expect(200);
    proxy = await proxyingTo(ahead.url);
    await behind.register(proxy.address);

    const fork = await measuredResolve(behind, proxy);
    if (fork.forkHeight !== FORK_CHAIN_BLOCKS || fork.added !== 13) throw new Error('the fork was not adopted');
    const tick = await measuredResolve(behind, proxy);
    await ahead.http.get('/mine').expect(200);
    const extension = await measuredResolve(behind, proxy);
    if (extension.added !== 1) throw new Error('the extension was not adopted');
    printRow({
      figure: `sync against a ${FORK_CHAIN_BLOCKS.toLocaleString('en-US')}-block chain: a node 10 blocks behind on a fork (3 blocks of its own, 13 on the peer)`,
      target: '≤ 20 requests, only the fork’s blocks',
      measured: `${fork.requests} requests, ${fork.bytes.toLocaleString('en-US')} bytes on the wire, fork found at ${fork.forkHeight}, ${fork.added} blocks fetched and added`,
      reference: 'the whole chain, every time',
      command: 'npm run bench -- sync',
    });
    printRow({
      figure: 'a sync tick against a peer at the same tip',
      target: '≤ 1 KB on the wire',
      measured: `${tick.requests} request, ${tick.bytes.toLocaleString('en-US')} bytes (request and answer, headers included)`,
      reference: 'the whole chain',
      command: 'npm run bench -- sync',
    });
    printRow({
      figure: 'adopting a one-block extension',
      target: '≤ 3 requests',
      measured: `${extension.requests} requests, ${extension.bytes.toLocaleString('en-US')} bytes on the wire`,
      reference: 'the whole chain',
      command: 'npm run bench -- sync',
    });
  } finally {
    await proxy?.close();
    await Promise.all(nodes.map((node) => node.close()));
    removeDirectory(directory);
  }
}

async function main(): Promise<void> {
  await withCompiledNode(adoptions);
  await forks();
}

void main();
