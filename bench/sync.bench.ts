import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChainChange, ChainService } from '../src/chain/chain.service';
import { Block, dumpJson, hashBlock, validateChain, MAX_FUTURE_DRIFT_MS } from '../src/core';
import { DatabaseWriter } from '../src/database/database-writer';
import { ConsensusService } from '../src/nodes/consensus.service';
import { AnswerCheckPool } from '../src/nodes/answer-check/answer-check-pool';
import { NodesService } from '../src/nodes/nodes.service';
import { buildChain } from '../test/support/chains';
import { FakePeer, proxyingTo, servingChain } from '../test/support/fake-peer';
import { ROOT, RunningNode, startNode } from '../test/support/nodes';
import { buildBigDatabase } from './support/big-database';
import { removeDirectory, temporaryDirectory } from './support/processes';
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

/**
 * One adoption, on a fresh node: fetch from the peer, parse, validate, replace (committed), timed as resolve().
 * The node's answer-check threads are started first: under ts-node each compiles itself for seconds, where the
 * compiled node's take some 50 ms.
 */
async function adoptOnce(peerAddress: string, warmUpText: string): Promise<number> {
  const node = await startNode({ difficulty: DIFFICULTY });
  try {
    const pool = node.app.get(AnswerCheckPool);
    const question = { envelope: 'chain', check: false } as const;
    const rules = node.app.get(ChainService).rules();
    await Promise.all([pool.read(warmUpText, question, rules), pool.read(warmUpText, question, rules)]);
    await node.app.get(NodesService).register([peerAddress]);
    const started = process.hrtime.bigint();
    const { replaced } = await node.app.get(ConsensusService).resolve();
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (!replaced || node.app.get(ChainService).length() !== SHAPE.blocks) throw new Error('chain not adopted');
    return elapsedMs;
  } finally {
    await node.close();
  }
}

/** The median of `RUNS` adoptions after a warm-up, and the runs. */
async function medianAdoption(peerAddress: string, warmUpText: string): Promise<{ median: number; best: number }> {
  await adoptOnce(peerAddress, warmUpText);
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) times.push(await adoptOnce(peerAddress, warmUpText));
  times.sort((a, b) => a - b);
  note(`runs: ${times.map((ms) => ms.toFixed(0)).join(', ')} ms`);
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

async function adoptions(): Promise<void> {
  const chain = benchChain();
  const text = dumpJson({ chain, length: chain.length });
  note(`chain of ${SHAPE.blocks} blocks, ${(text.length / 1e6).toFixed(1)} MB`);
  const pythonSeconds = referenceSeconds(text);
  const reference =
    pythonSeconds === null ? 'python3 not found' : `${formatMs(pythonSeconds * 1000)} (Python: parse and valid_chain)`;
  const shape = `${SHAPE.blocks.toLocaleString('en-US')}-block chain (${SHAPE.paymentsPerBlock} payments + reward a block)`;

  const whole = await servingChain(text);
  try {
    note('from a reference-style peer');
    const { median, best } = await medianAdoption(whole.address, text);
    printRow({
      figure: `adopt a ${shape} from a reference-style peer (GET /chain): fetch, parse and validate (worker thread), durable replace`,
      target: '≤ 0.5× the reference',
      measured: `${formatMs(median)} (median of ${RUNS}; best ${formatMs(best)})${ratio(median, pythonSeconds)}`,
      reference,
      command: 'npm run bench -- sync',
    });
  } finally {
    await whole.close();
  }

  const source = await startNode({ difficulty: DIFFICULTY });
  try {
    await holding(source, chain);
    note('from a peer of this project');
    const { median, best } = await medianAdoption(source.address, text);
    printRow({
      figure: `adopt the same chain from a peer of this project: probe, pages of GET /blocks, validate (worker thread), durable replace`,
      target: '≤ 0.5× the reference',
      measured: `${formatMs(median)} (median of ${RUNS}; best ${formatMs(best)})${ratio(median, pythonSeconds)}`,
      reference,
      command: 'npm run bench -- sync',
    });
  } finally {
    await source.close();
  }
}

function ratio(ms: number, referenceSeconds: number | null): string {
  return referenceSeconds === null ? '' : `, ${(ms / (referenceSeconds * 1000)).toFixed(2)}× the reference`;
}

async function holding(node: RunningNode, chain: Block[]): Promise<void> {
  const store = node.app.get(ChainService);
  await node.app.get(DatabaseWriter).run(() => store.replace(chain, chain.map(hashBlock)));
}

/** One resolve of `node` against the peer behind `proxy`: requests, bytes on the wire, and what changed. */
async function measuredResolve(node: RunningNode, proxy: FakePeer) {
  const [requestsBefore, bytesBefore] = [proxy.requests(), proxy.wireBytes()];
  const changes: ChainChange[] = [];
  const subscription = node.app.get(ChainService).changes.subscribe((change) => changes.push(change));
  await node.app.get(ConsensusService).resolve();
  subscription.unsubscribe();
  const change = changes[0] as Extract<ChainChange, { kind: 'replaced' }> | undefined;
  return {
    requests: proxy.requests() - requestsBefore,
    bytes: proxy.wireBytes() - bytesBefore,
    forkHeight: change?.forkHeight,
    added: change?.added.length ?? 0,
  };
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
  await adoptions();
  await forks();
}

void main();
