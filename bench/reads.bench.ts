import { join } from 'node:path';
import { dumpJson } from '../src/core';
import { buildChain } from '../test/support/chains';
import { servingChain } from '../test/support/fake-peer';
import { spawnNode } from '../test/support/nodes';
import { buildBigDatabase } from './support/big-database';
import { CompiledNode, withCompiledNode } from './support/build';
import { measureLoad } from './support/load';
import { formatMb, residentMemory } from './support/memory';
import {
  boundedFetch,
  NodeProcess,
  removeDirectory,
  spawnBenchApp,
  stop,
  temporaryDirectory,
} from './support/processes';
import { formatRate, note, printRow } from './support/report';

const CONNECTIONS = 32;
const SECONDS = 5;
const ROUNDS = 2;
// 21 blocks of 150 payments after genesis: about 300 KB served, like the reference's figure.
const SMALL_CHAIN = { blocks: 22, paymentsPerBlock: 133 };
const HUGE_CHAINS = [100_000, 300_000];
const DOWNLOADS = 3;

async function adoptFromPeer(node: NodeProcess, chainText: string): Promise<void> {
  const peer = await servingChain(chainText);
  try {
    const post = { method: 'POST', headers: { 'Content-Type': 'application/json' } };
    await boundedFetch(`${node.url}/nodes/register`, { ...post, body: JSON.stringify({ nodes: [peer.address] }) });
    const resolved = await (await boundedFetch(`${node.url}/nodes/resolve`)).text();
    if (!resolved.includes('Our chain was replaced')) throw new Error(`chain not adopted: ${resolved.slice(0, 200)}`);
  } finally {
    await peer.close();
  }
}

/** GET /chain of a 22-block, ~300 KB chain, as many as 32 clients can take. */
async function chainRate(): Promise<void> {
  note('mining the 22-block chain at difficulty 4');
  const chain = buildChain(SMALL_CHAIN, 4);
  const chainText = dumpJson({ chain, length: chain.length });
  const directory = temporaryDirectory();
  const node = await spawnBenchApp(join(directory, 'node.sqlite'));
  try {
    await adoptFromPeer(node, chainText);
    const served = await (await boundedFetch(`${node.url}/chain`)).text();
    if (served !== chainText) throw new Error('GET /chain does not serve the adopted chain byte for byte');
    await measureLoad({ url: `${node.url}/chain`, connections: CONNECTIONS, seconds: 2 });
    let best = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const { rate, failures } = await measureLoad({
        url: `${node.url}/chain`,
        connections: CONNECTIONS,
        seconds: SECONDS,
      });
      if (failures > 0) throw new Error(`${failures} requests failed`);
      note(`round ${round}: ${formatRate(rate)}`);
      best = Math.max(best, rate);
    }
    printRow({
      figure: `\`GET /chain\`, ${chain.length} blocks (${Math.round(chainText.length / 1000)} KB), ${CONNECTIONS} clients`,
      target: '≥ 1,200 req/s (10× the reference)',
      measured: `${formatRate(best)} (best of ${ROUNDS} rounds)`,
      reference: '≈ 120 req/s',
      command: 'npm run bench -- reads',
    });
  } finally {
    await stop(node);
    removeDirectory(directory);
  }
}

/**
 * Peak resident memory of the compiled node while GET /chain streams a huge chain, for two chain lengths: the peak
 * should not follow the length.
 */
async function streamingMemory(compiled: CompiledNode): Promise<void> {
  const cells: string[] = [];
  for (const blocks of HUGE_CHAINS) {
    const directory = temporaryDirectory();
    const databasePath = join(directory, 'node.sqlite');
    note(`writing a ${blocks.toLocaleString('en-US')}-block database`);
    await buildBigDatabase(databasePath, blocks);
    const node = await spawnNode(
      { ...compiled.env, DATABASE_PATH: databasePath },
      // Written without the node, the database has no address index yet: the first start builds it.
      { script: compiled.script, readyPath: '/blocks/1', startTimeoutMs: 300_000 },
    );
    try {
      const before = residentMemory(node.child.pid!);
      let bytes = 0;
      for (let download = 0; download < DOWNLOADS; download++) {
        bytes = 0;
        for await (const chunk of (await boundedFetch(`${node.url}/chain`)).body!)
          bytes += (chunk as Uint8Array).length;
      }
      const after = residentMemory(node.child.pid!);
      note(
        `${blocks} blocks: ${(bytes / 1e6).toFixed(0)} MB served ${DOWNLOADS}×; RSS ${formatMb(before.rssMb)} before, peak ${formatMb(after.peakMb)}`,
      );
      cells.push(
        `${(bytes / 1e6).toFixed(0)} MB chain: peak ${formatMb(after.peakMb)} (${formatMb(before.rssMb)} before)`,
      );
    } finally {
      await stop(node);
      removeDirectory(directory);
    }
  }
  printRow({
    figure: `resident memory of the node while \`GET /chain\` streams a huge chain (${DOWNLOADS} downloads each)`,
    target: 'flat: does not grow with the chain',
    measured: cells.join('; '),
    reference: 'holds the whole chain in memory',
    command: 'npm run bench -- reads',
  });
}

async function main(): Promise<void> {
  await chainRate();
  await withCompiledNode(streamingMemory);
}

void main();
