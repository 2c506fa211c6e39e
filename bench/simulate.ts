/**
 * `npm run simulate [-- options]`: a network of compiled nodes on loopback, each the peer of a few random others, some
 * mining at random moments while clients send transactions to random nodes; optionally split in two for a while and
 * healed. Prints how fast blocks and transactions cross it, what it costs on the wire, and checks at the end that
 * every node holds the same chain with every acknowledged transaction in it exactly once. By default the same
 * scenario (same links, same moments, same miners and receivers) runs twice: with the paged sync nodes of this
 * project speak, and with the whole-chain sync of the tutorial, the two side by side. A benchmark, not a test.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Block, blockWireText, hashBlock, parseJson } from '../src/core';
import { buildChain } from '../test/support/chains';
import { writeChainDatabase } from './support/big-database';
import { CompiledNode, withCompiledNode } from './support/build';
import { followEvents } from './support/event-stream';
import { LinkProxy } from './support/link-proxy';
import { boundedFetch, NodeProcess, removeDirectory, stop, temporaryDirectory } from './support/processes';
import { formatMs, note, percentile } from './support/report';
import { agreedSince, firstHolding, heldSince, TipAt } from './support/tip-timeline';
import { spawnNode } from '../test/support/nodes';

const SYNCS = ['paged', 'whole'] as const;
type Sync = (typeof SYNCS)[number];

const SYNC_NAMES: Record<Sync, string> = { paged: 'paged sync', whole: 'whole-chain sync' };

/**
 * Whole-chain sync without a setting of the node's: the links answer 404 to every `/blocks` route, which a reference
 * node lacks, so each node takes its peers for reference nodes and reads their whole `GET /chain`, as the tutorial
 * does. Announcements and relayed transactions pass as before.
 */
const REFERENCE_NODES_LACK = '/blocks';

const USAGE = `npm run simulate -- [options]
  --nodes N                 nodes in the network (default 12)
  --degree D                peers per node on average, at least 2 (default 3)
  --seconds S               how long the workload runs (default 60)
  --block-every S           mean seconds between blocks, network-wide (default 2)
  --transactions-per-second R   client transactions, network-wide (default 10)
  --prefix-blocks B         blocks every node holds before it starts (default 10000)
  --difficulty D            DIFFICULTY of every node (default 2: mining is not what is measured)
  --partition               split the network in two for the middle third of the run, then heal it
  --sync both|paged|whole   run the scenario with the paged sync, the whole-chain sync, or both (default both)
  --seed N                  the links and the workload's random choices (default: a random seed, printed)`;

interface Options {
  nodes: number;
  degree: number;
  seconds: number;
  blockEveryS: number;
  transactionsPerSecond: number;
  prefixBlocks: number;
  difficulty: number;
  partition: boolean;
  syncs: Sync[];
  seed: number;
}

interface SimulatedNode {
  process: NodeProcess;
  /** Its tip after every change, as its events told it. */
  timeline: TipAt[];
}

interface Acknowledged {
  sender: string;
  /** The node it was sent to. */
  receiver: number;
  atMs: number;
}

interface MinedBlock {
  hash: string;
  index: number;
  atMs: number;
}

/** What one run of the scenario measured. */
interface Figures {
  propagationMs: number[];
  endToEndMs: number[];
  orphaned: number;
  mined: number;
  bytesPerNodePerMinute: number;
  /** The part of it resolves read: what the sync itself costs, gossip left out. */
  resolveBytesPerNodePerMinute: number;
  /** After the heal; undefined without a split, null if the nodes never agreed. */
  convergenceMs?: number | null;
  sameChain: boolean;
  acknowledged: number;
  lostOrDuplicated: number;
  /** Of those, the ones in no block but still pending on some node: not gone, but not in the final block either. */
  lostButPending: number;
  pendingLeft: number;
  failedRequests: string[];
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      nodes: { type: 'string', default: '12' },
      degree: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '60' },
      'block-every': { type: 'string', default: '2' },
      'transactions-per-second': { type: 'string', default: '10' },
      'prefix-blocks': { type: 'string', default: '10000' },
      difficulty: { type: 'string', default: '2' },
      partition: { type: 'boolean', default: false },
      sync: { type: 'string', default: 'both' },
      seed: { type: 'string', default: String(Math.floor(Math.random() * 1_000_000)) },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const number = (name: keyof typeof values, min: number) => {
    const value = Number(values[name]);
    if (!Number.isFinite(value) || value < min) throw new Error(`--${name} must be a number ≥ ${min}\n${USAGE}`);
    return value;
  };
  const sync = values.sync;
  if (sync !== 'both' && !SYNCS.includes(sync as Sync))
    throw new Error(`--sync must be both, paged or whole\n${USAGE}`);
  return {
    nodes: number('nodes', 2),
    degree: number('degree', 2),
    seconds: number('seconds', 5),
    blockEveryS: number('block-every', 0.1),
    transactionsPerSecond: number('transactions-per-second', 0),
    prefixBlocks: number('prefix-blocks', 1),
    difficulty: number('difficulty', 1),
    partition: values.partition,
    syncs: sync === 'both' ? [...SYNCS] : [sync as Sync],
    seed: Math.trunc(number('seed', 0)),
  };
}

/** Numbers in [0, 1) from a seed (mulberry32): the same seed, the same numbers, so two runs face the same scenario. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer below `below`. */
const pick = (random: () => number, below: number) => Math.floor(random() * below);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits of a Poisson process: the next event comes after an exponentially distributed pause. */
const pause = (random: () => number, meanMs: number) => sleep(-Math.log(1 - random()) * meanMs);

/**
 * Undirected links: each half of the network (the first and second half of the node numbers) is connected by a
 * random tree of its own, the halves by two links, then random links are added until the mean degree is reached.
 * A split cuts only the links between the halves, so each half stays connected.
 */
function randomGraph(nodes: number, degree: number, random: () => number): [number, number][] {
  const half = Math.ceil(nodes / 2);
  const links = new Set<string>();
  const link = (a: number, b: number) => a !== b && links.add(a < b ? `${a}-${b}` : `${b}-${a}`);
  for (let node = 1; node < nodes; node++) {
    const first = node < half ? 0 : half;
    if (node !== first) link(node, first + pick(random, node - first));
  }
  link(pick(random, half), half + pick(random, nodes - half));
  link(pick(random, half), half + pick(random, nodes - half));
  while ((2 * links.size) / nodes < degree) link(pick(random, nodes), pick(random, nodes));
  return [...links].map((key) => key.split('-').map(Number) as [number, number]);
}

async function json(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

interface Network {
  nodes: SimulatedNode[];
  /** One per direction of each link. */
  proxies: { proxy: LinkProxy; crossesSplit: boolean }[];
}

/** Starts the nodes, each holding `prefix`, and links them; what it started is in `network` even if it fails. */
async function startNetwork(
  options: Options,
  sync: Sync,
  compiled: CompiledNode,
  directory: string,
  prefix: Block[],
  { nodes, proxies }: Network,
): Promise<void> {
  const genesisFile = join(directory, 'genesis.json');
  writeFileSync(genesisFile, blockWireText(prefix[0]));
  for (let index = 0; index < options.nodes; index++) {
    const databasePath = join(directory, `node-${index}.sqlite`);
    await writeChainDatabase(databasePath, prefix);
    const env = {
      ...compiled.env,
      DATABASE_PATH: databasePath,
      GENESIS_FILE: genesisFile,
      DIFFICULTY: String(options.difficulty),
      RATE_LIMIT: '0',
      LOG_LEVEL: 'warn',
    };
    const started = await spawnNode(env, { script: compiled.script, readyPath: '/blocks/1', startTimeoutMs: 120_000 });
    const tipHash = hashBlock(prefix[prefix.length - 1]);
    nodes.push({ process: started, timeline: [{ atMs: Date.now(), length: prefix.length, hash: tipHash }] });
  }
  const half = Math.ceil(options.nodes / 2);
  const refused = sync === 'whole' ? REFERENCE_NODES_LACK : undefined;
  for (const [a, b] of randomGraph(options.nodes, options.degree, seededRandom(options.seed))) {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ]) {
      const proxy = await LinkProxy.start(Number(new URL(nodes[to].process.url).port), refused);
      proxies.push({ proxy, crossesSplit: from < half !== to < half });
      await json(
        await boundedFetch(`${nodes[from].process.url}/nodes/register`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ nodes: [proxy.address] }),
        }),
      );
    }
  }
}

/** Runs the scenario once on a network of its own, with `sync` between the nodes. */
async function simulate(options: Options, sync: Sync, compiled: CompiledNode, prefix: Block[]): Promise<Figures> {
  const directory = temporaryDirectory();
  const following = new AbortController();
  const network: Network = { nodes: [], proxies: [] };
  const { nodes, proxies } = network;
  try {
    await startNetwork(options, sync, compiled, directory, prefix, network);
    note(`${SYNC_NAMES[sync]}: ${nodes.length} nodes, ${proxies.length / 2} links`);
    const mined: MinedBlock[] = [];
    let splitAt: number | undefined;
    for (const node of nodes) {
      await followEvents(
        node.process.url,
        ({ event, data }) => {
          const atMs = Date.now();
          if (event !== 'block-appended' && event !== 'chain-replaced') return;
          const change = JSON.parse(data) as { length: number; hash: string; source?: string };
          const way = event === 'chain-replaced' ? 'resolved' : (change.source ?? 'appended');
          node.timeline.push({ atMs, length: change.length, hash: change.hash, way });
          if (change.source === 'mined') mined.push({ hash: change.hash, index: change.length, atMs });
        },
        following.signal,
        (error) => note(`${node.process.url}: events ended: ${error.message}`),
      );
    }

    const acknowledged: Acknowledged[] = [];
    // Setting the network up costs bytes and resolves too: only the workload's are counted.
    const linkBytes = () => proxies.reduce((sum, { proxy }) => sum + proxy.bytes, 0);
    const bytesBefore = linkBytes();
    const workBefore = await workTotals(nodes);
    const started = Date.now();
    const runFor = options.seconds * 1000;
    const running = () => Date.now() - started < runFor;
    const failedRequests: string[] = [];
    const miner = (async () => {
      const random = seededRandom(options.seed + 1);
      while (running()) {
        await pause(random, options.blockEveryS * 1000);
        const node = nodes[pick(random, nodes.length)];
        await boundedFetch(`${node.process.url}/mine`).then(
          (response) => response.arrayBuffer(),
          (error: Error) => failedRequests.push(`mine: ${error.message}`),
        );
      }
    })();
    let sent = 0;
    const clients = (async () => {
      const random = seededRandom(options.seed + 2);
      const inFlight: Promise<unknown>[] = [];
      while (options.transactionsPerSecond > 0 && running()) {
        await pause(random, 1000 / options.transactionsPerSecond);
        const sender = `simulated-${sent++}`;
        const receiver = pick(random, nodes.length);
        inFlight.push(
          boundedFetch(`${nodes[receiver].process.url}/transactions/new`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ sender, recipient: 'r', amount: 1 }),
          }).then(
            (response) =>
              response.status === 201
                ? acknowledged.push({ sender, receiver, atMs: Date.now() })
                : failedRequests.push(`transaction: ${response.status}`),
            (error: Error) => failedRequests.push(`transaction: ${error.message}`),
          ),
        );
      }
      await Promise.all(inFlight);
    })();
    let healedAt: number | undefined;
    const partition = (async () => {
      if (!options.partition) return;
      await sleep(runFor / 3);
      splitAt = Date.now();
      for (const { proxy, crossesSplit } of proxies) if (crossesSplit) proxy.split();
      note(`${SYNC_NAMES[sync]}: split`);
      await sleep(runFor / 3);
      for (const { proxy } of proxies) proxy.heal();
      healedAt = Date.now();
      note(`${SYNC_NAMES[sync]}: healed`);
    })();
    await Promise.all([miner, clients, partition]);
    const bytes = linkBytes() - bytesBefore;
    const elapsedMinutes = (Date.now() - started) / 60_000;
    const work = new Map(
      [...(await workTotals(nodes))].map(([name, total]) => [name, total - (workBefore.get(name) ?? 0)]),
    );

    // Settle: let relays finish, put every pending transaction in one more block, wait for every node to hold it.
    await sleep(2000);
    const last = (await json(await boundedFetch(`${nodes[0].process.url}/mine`))) as { index: number };
    const settledFrom = Date.now();
    const tips = () => nodes.map((node) => node.timeline[node.timeline.length - 1]);
    while (!tips().every((tip) => tip.length >= last.index && tip.hash === tips()[0].hash)) {
      if (Date.now() - settledFrom > 60_000) throw new Error('the nodes did not agree within 60 s of the last block');
      await sleep(100);
    }

    const chainText = await (await boundedFetch(`${nodes[0].process.url}/chain`)).text();
    const chain = (parseJson(chainText) as { chain: Block[] }).chain;
    const finalHashes = chain.map((block) => hashBlock(block));
    const sameChain = await Promise.all(
      nodes.map(async (node) => (await (await boundedFetch(`${node.process.url}/chain`)).text()) === chainText),
    );
    const pendingLeft = await Promise.all(
      nodes.map(
        async (node) =>
          (
            (await json(await boundedFetch(`${node.process.url}/transactions/pending`))) as {
              transactions: { sender: string }[];
            }
          ).transactions,
      ),
    );
    const pendingSenders = new Set(pendingLeft.flat().map(({ sender }) => sender));
    const blockOf = new Map<string, number[]>();
    for (const block of chain) {
      for (const { sender } of block.transactions) blockOf.set(sender, [...(blockOf.get(sender) ?? []), block.index]);
    }

    const strays = acknowledged.filter(({ sender }) => !blockOf.has(sender));
    if (strays.length > 0) {
      const holders = (sender: string) =>
        pendingLeft.flatMap((transactions, node) => (transactions.some((t) => t.sender === sender) ? [node] : []));
      const sentAt = (at: number) => `${((at - started) / 1000).toFixed(1)} s`;
      note(
        `${SYNC_NAMES[sync]}: in no block: ` +
          strays
            .map(
              (t) =>
                `${t.sender} (acknowledged by node ${t.receiver} at ${sentAt(t.atMs)}, pending on nodes ${holders(t.sender).join(' ') || 'none'})`,
            )
            .join('; '),
      );
    }

    const reachedAll = (index: number) => {
      const times = nodes
        .map((node) => heldSince(node.timeline, finalHashes, index))
        .filter((time) => time !== undefined);
      return times.length === nodes.length ? Math.max(...times) : undefined;
    };
    const convergedAt =
      healedAt &&
      agreedSince(
        nodes.map((node) => node.timeline),
        healedAt,
      );
    // What the split caught on its way (from before the heal to after the split began) cannot cross it: left out.
    const caughtBySplit = (fromMs: number, toMs: number) =>
      splitAt !== undefined && fromMs < (healedAt ?? Infinity) && toMs > splitAt;
    // Everything kept reached every node (they agree at the end), so each of these is a time.
    const measuredBlocks = mined.filter(
      (block) => finalHashes[block.index - 1] === block.hash && !caughtBySplit(block.atMs, reachedAll(block.index)!),
    );
    const measuredTransactions = acknowledged
      .filter(({ sender }) => blockOf.get(sender)?.length === 1)
      .map((transaction) => ({ ...transaction, reachedAllMs: reachedAll(blockOf.get(transaction.sender)![0])! }))
      .filter((transaction) => !caughtBySplit(transaction.atMs, transaction.reachedAllMs));
    note(`${SYNC_NAMES[sync]}: ${describeArrivals(nodes, measuredBlocks, finalHashes)}`);
    note(`${SYNC_NAMES[sync]}: ${describeWork(work)}`);
    return {
      propagationMs: measuredBlocks.map((block) => reachedAll(block.index)! - block.atMs),
      endToEndMs: measuredTransactions.map((transaction) => transaction.reachedAllMs - transaction.atMs),
      orphaned: mined.filter((block) => finalHashes[block.index - 1] !== block.hash).length,
      mined: mined.length,
      bytesPerNodePerMinute: bytes / nodes.length / elapsedMinutes,
      resolveBytesPerNodePerMinute: (work.get(RESOLVE_BYTES) ?? 0) / nodes.length / elapsedMinutes,
      convergenceMs: healedAt === undefined ? undefined : convergedAt ? convergedAt - healedAt : null,
      sameChain: sameChain.every(Boolean),
      acknowledged: acknowledged.length,
      lostOrDuplicated: acknowledged.filter(({ sender }) => blockOf.get(sender)?.length !== 1).length,
      lostButPending: acknowledged.filter(({ sender }) => !blockOf.has(sender) && pendingSenders.has(sender)).length,
      pendingLeft: pendingLeft.reduce((sum, transactions) => sum + transactions.length, 0),
      failedRequests,
    };
  } finally {
    following.abort();
    await Promise.all(nodes.map((node) => stop(node.process)));
    await Promise.all(proxies.map(({ proxy }) => proxy.close()));
    removeDirectory(directory);
  }
}

/** How each node came to hold each block, and how long after it was mined: what is slow. */
function describeArrivals(nodes: SimulatedNode[], blocks: MinedBlock[], finalHashes: string[]): string {
  const delays = new Map<string, number[]>();
  for (const block of blocks) {
    for (const node of nodes) {
      const arrival = firstHolding(node.timeline, finalHashes, block.index);
      if (!arrival || arrival.way === 'mined') continue;
      const way = `${arrival.way}${arrival.length > block.index ? ' with a later block' : ''}`;
      delays.set(way, [...(delays.get(way) ?? []), arrival.atMs - block.atMs]);
    }
  }
  const ways = [...delays].map(([way, values]) => `${way}: ${distribution(values, 'arrivals')}`);
  return `blocks reached nodes ${ways.join('; ') || 'never'}`;
}

const RESOLVE_BYTES = 'blockchain_resolve_received_bytes_total';
const RESOLVES = 'blockchain_resolve_duration_seconds_count';
const RESOLVE_SECONDS = 'blockchain_resolve_duration_seconds_sum';
const COUNTED = new RegExp(
  `^(${RESOLVE_BYTES}|${RESOLVES}|${RESOLVE_SECONDS}|http_request_duration_seconds_count\\{method="\\w+",route="[^"]+")[^ ]* (\\S+)$`,
);

/** What the nodes did so far, summed from their metrics: resolves, what they read, the requests they answered. */
async function workTotals(nodes: SimulatedNode[]): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  for (const node of nodes) {
    const text = await (await boundedFetch(`${node.process.url}/metrics`)).text();
    for (const line of text.split('\n')) {
      const [, name, value] = COUNTED.exec(line) ?? [];
      if (name) totals.set(name, (totals.get(name) ?? 0) + Number(value));
    }
  }
  return totals;
}

function describeWork(totals: Map<string, number>): string {
  const resolves = totals.get(RESOLVES) ?? 0;
  const meanMs = (1000 * (totals.get(RESOLVE_SECONDS) ?? 0)) / Math.max(1, resolves);
  const requests = [...totals]
    .filter(([name, count]) => name.startsWith('http_request') && count > 0)
    .map(([name, count]) => `${/method="(\w+)",route="([^"]+)"/.exec(name)!.slice(1).join(' ')} ${count}`);
  return (
    `during the workload: ${resolves} resolves (mean ${formatMs(meanMs)}), reading ${bytesText(totals.get(RESOLVE_BYTES) ?? 0)}; ` +
    `requests answered: ${requests.join(', ')}`
  );
}

const distribution = (values: number[], unit: string) =>
  values.length === 0
    ? 'none'
    : `p50 ${formatMs(percentile(values, 0.5))}, p99 ${formatMs(percentile(values, 0.99))} (${values.length} ${unit})`;
const bytesText = (bytes: number) => `${Math.round(bytes).toLocaleString('en-US')} B`;

/** One line per figure, a column per sync; a run that failed says why in each of its cells. */
function printComparison(options: Options, results: [Sync, Figures | Error][]): void {
  const rows: [string, string, (figures: Figures) => string][] = [
    ['block propagation to every node', 'p99 ≤ 1 s', (f) => distribution(f.propagationMs, 'blocks')],
    [
      'transaction end to end: acknowledged → in a block every node holds',
      'reported',
      (f) => distribution(f.endToEndMs, 'transactions'),
    ],
    ['blocks orphaned by reorganizations', 'reported', (f) => `${f.orphaned} of ${f.mined} mined`],
    ['bytes between nodes, per node per minute', 'reported', (f) => bytesText(f.bytesPerNodePerMinute)],
    [
      'of which read by resolves (the sync itself, gossip left out)',
      'reported',
      (f) => bytesText(f.resolveBytesPerNodePerMinute),
    ],
  ];
  if (options.partition) {
    rows.push([
      'convergence after the split heals',
      '≤ 2 s',
      (f) => (f.convergenceMs === null ? 'never' : formatMs(f.convergenceMs!)),
    ]);
  }
  rows.push([
    'final check: same chain everywhere, every acknowledged transaction in it exactly once',
    '0 lost or duplicated',
    (f) =>
      `${f.sameChain ? 'same chain on every node' : 'CHAINS DIFFER'}; ${f.acknowledged} acknowledged, ` +
      `${f.lostOrDuplicated} lost or duplicated (${f.lostButPending} of them still pending on some node); ` +
      `${f.pendingLeft} pending left`,
  ]);
  const cell = (result: Figures | Error, value: (figures: Figures) => string) =>
    result instanceof Error ? `failed: ${result.message}` : value(result);
  const line = (cells: string[]) => console.log(`| ${cells.map((text) => text.replace(/\|/g, '\\|')).join(' | ')} |`);
  const shape =
    `${options.nodes} nodes of degree ${options.degree}, ${options.seconds} s, ` +
    `chain of ${options.prefixBlocks.toLocaleString('en-US')}+ blocks${options.partition ? ', split and healed' : ''}`;
  console.log(`\n${shape}; seed ${options.seed}: the same links and workload for every column`);
  line(['figure', 'target', ...results.map(([sync]) => SYNC_NAMES[sync])]);
  line(['---', '---', ...results.map(() => '---')]);
  for (const [figure, target, value] of rows)
    line([figure, target, ...results.map(([, result]) => cell(result, value))]);
  const paged = results.find(([sync]) => sync === 'paged')?.[1];
  const whole = results.find(([sync]) => sync === 'whole')?.[1];
  if (paged && whole && !(paged instanceof Error) && !(whole instanceof Error)) {
    const ratio = (figure: (figures: Figures) => number) => `${(figure(whole) / figure(paged)).toFixed(1)}×`;
    console.log(
      `\nbytes per node per minute, whole-chain ÷ paged: ${ratio((f) => f.bytesPerNodePerMinute)} (target ≥ 100×); ` +
        `read by resolves alone: ${ratio((f) => f.resolveBytesPerNodePerMinute)}`,
    );
  }
  const given = process.argv.slice(2);
  const seeded = given.some((argument) => argument.startsWith('--seed')) ? given : [...given, `--seed ${options.seed}`];
  console.log(`command: npm run simulate -- ${seeded.join(' ')}`);
}

/** Whether a run's final check failed. */
const failedCheck = (result: Figures | Error) =>
  result instanceof Error || !result.sameChain || result.lostOrDuplicated > 0 || result.pendingLeft > 0;

async function main(): Promise<void> {
  const options = parseOptions();
  note(
    `building a valid ${options.prefixBlocks.toLocaleString('en-US')}-block chain at difficulty ${options.difficulty}`,
  );
  const prefix = buildChain({ blocks: options.prefixBlocks, paymentsPerBlock: 5 }, options.difficulty);
  const results: [Sync, Figures | Error][] = [];
  await withCompiledNode(async (compiled) => {
    for (const sync of options.syncs) {
      const result = await simulate(options, sync, compiled, prefix).catch((error: Error) => error);
      if (!(result instanceof Error) && result.failedRequests.length > 0) {
        note(
          `${SYNC_NAMES[sync]}: failed requests: ${result.failedRequests.length} (first: ${result.failedRequests[0]})`,
        );
      }
      results.push([sync, result]);
    }
  });
  printComparison(options, results);
  if (results.some(([, result]) => failedCheck(result))) process.exitCode = 1;
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
