/**
 * Proof-of-work figures: the kernel's hashrate on one core, on every core, the pure JS fallback's, and GET /chain
 * latency idle versus during continuous mining. Prints one markdown table row per figure.
 *
 *   npm run bench -- proof-of-work
 */
import { availableParallelism } from 'node:os';
import { startNode } from '../test/support/nodes';
import { chooseKernel, kernelById, ProofKernel } from '../src/mining/proof-of-work/proof-kernels';
import { ProofWorkerPool } from '../src/mining/proof-of-work/proof-worker-pool';
import { sequentialP99 } from './support/latency';

const COMMAND = 'npm run bench -- proof-of-work';
const REFERENCE_HASHRATE = '1.27 M hashes/s';
const LAST_HASH = '1cc7ba8dc68dd1beaec179ab7bd3895fd6e30f34f24c98df625f0c47d0a6efec';
/** Hashrates are counted over this long each. */
const SECONDS = 4;
/** 16 leading zeros: no proof turns up, every candidate is hashed. */
const UNREACHABLE_DIFFICULTY = 16;
/** A proof in some 16.7 M hashes: long searches, yet several per measurement on every core. */
const POOL_DIFFICULTY = 6;
/** Blocks every second or so on this difficulty: the node spends its time hashing, and the chain stays short. */
const MINING_DIFFICULTY = 6;
const REQUESTS = 2_000;

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

function millions(perSecond: number): string {
  return `${(perSecond / 1e6).toFixed(2)} M hashes/s`;
}

function row(figure: string, target: string, measured: string, reference: string): void {
  console.log(`| ${figure} | ${target} | ${measured} | ${reference} | ${COMMAND} |`);
}

/** Hashes per second of one kernel called directly on this thread. */
function kernelHashrate(kernel: ProofKernel): number {
  const started = process.hrtime.bigint();
  let hashes = 0;
  while (seconds(started) < SECONDS) {
    const found = kernel.search('100', LAST_HASH, UNREACHABLE_DIFFICULTY, hashes, kernel.batchSize, 1);
    hashes += found === null ? kernel.batchSize : found - hashes + 1;
  }
  return hashes / seconds(started);
}

/**
 * Hashes per second of a worker pool, searching proofs back to back. Worker i of n tries i, i + n, ... at the same
 * pace as the others, so a search that ends on proof p tried about p + 1 candidates in all.
 */
async function poolHashrate(threads: number): Promise<number> {
  const pool = new ProofWorkerPool(chooseKernel('auto').kernel, threads);
  await pool.search('0', LAST_HASH, 1); // threads started and warm
  const started = process.hrtime.bigint();
  let hashes = 0;
  for (let block = 1; seconds(started) < SECONDS; block++) {
    hashes += (await pool.search(String(block), LAST_HASH, POOL_DIFFICULTY)) + 1;
  }
  const rate = hashes / seconds(started);
  await pool.close();
  return rate;
}

async function chainLatency(): Promise<{ idle: number; mining: number; blocks: number }> {
  const node = await startNode({ difficulty: MINING_DIFFICULTY, rateLimit: 0 });
  try {
    await sequentialP99(`${node.url}/chain`, REQUESTS); // warm up
    const idle = await sequentialP99(`${node.url}/chain`, REQUESTS);
    let mining = true;
    let blocks = 0;
    const miner = (async () => {
      for (; mining; blocks++) await (await fetch(`${node.url}/mine`, { method: 'POST' })).arrayBuffer();
    })();
    const duringMining = await sequentialP99(`${node.url}/chain`, REQUESTS);
    mining = false;
    await miner;
    return { idle, mining: duringMining, blocks };
  } finally {
    await node.close();
  }
}

async function main(): Promise<void> {
  const cores = availableParallelism();
  const { kernel } = chooseKernel('auto');
  row(
    'proof-of-work hashrate per core',
    '≥ 3.8 M hashes/s',
    `${millions(kernelHashrate(kernel))} (${kernel.description}, one thread)`,
    REFERENCE_HASHRATE,
  );

  const oneThread = await poolHashrate(1);
  const allThreads = await poolHashrate(cores);
  row(
    `proof-of-work hashrate on all ${cores} cores`,
    '≥ 1.8× one core',
    `${millions(allThreads)}, ${(allThreads / oneThread).toFixed(2)}× one worker thread (${millions(oneThread)})`,
    `${REFERENCE_HASHRATE} (one core only)`,
  );

  row('pure JS fallback hashrate per core', '—', millions(kernelHashrate(kernelById('js'))), REFERENCE_HASHRATE);

  const latency = await chainLatency();
  row('GET /chain p99 latency, idle', '—', `${latency.idle.toFixed(2)} ms`, '—');
  row(
    'GET /chain p99 latency during continuous mining',
    '≤ 2× idle p99',
    `${latency.mining.toFixed(2)} ms, ${(latency.mining / latency.idle).toFixed(2)}× idle (${cores} mining threads, difficulty ${MINING_DIFFICULTY}, blocks mined: ${latency.blocks})`,
    '—',
  );
}

void main();
