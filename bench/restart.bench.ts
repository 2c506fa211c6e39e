import { join } from 'node:path';
import { buildBigDatabase } from './support/big-database';
import { addressIndexCaughtUp } from './support/big-node';
import { CompiledNode, withCompiledNode } from './support/build';
import { formatMb, residentMemory } from './support/memory';
import { boundedFetch, freePort, removeDirectory, stop, temporaryDirectory } from './support/processes';
import { formatMs, note, printRow } from './support/report';
import { spawnNode } from '../test/support/nodes';

const BLOCKS = 100_000;
const RUNS = 3;

/**
 * Restarts the compiled node on a database of 100,000 blocks: time from spawning the process to its first answer,
 * then resident memory after it has served the tip block, a page of blocks and the pending set.
 */
async function restart({ script, env }: CompiledNode): Promise<void> {
  const directory = temporaryDirectory();
  const databasePath = join(directory, 'node.sqlite');
  try {
    note(`writing a ${BLOCKS.toLocaleString('en-US')}-block database`);
    await buildBigDatabase(databasePath, BLOCKS);
    // The database was written without the node: its first start builds the address index, as an upgrade does, in
    // the background.
    const upgradeStarted = process.hrtime.bigint();
    const upgraded = await spawnNode(
      { ...env, DATABASE_PATH: databasePath },
      { script, port: await freePort(), readyPath: '/blocks/1' },
    );
    const upgradeMs = Number(process.hrtime.bigint() - upgradeStarted) / 1e6;
    await addressIndexCaughtUp(upgraded.url, BLOCKS);
    const indexedMs = Number(process.hrtime.bigint() - upgradeStarted) / 1e6;
    await stop(upgraded);
    note(`first start: answering after ${formatMs(upgradeMs)}, the address index built after ${formatMs(indexedMs)}`);
    const readyTimes: number[] = [];
    const memory: { rssMb: number; peakMb: number }[] = [];
    for (let run = 0; run < RUNS; run++) {
      const port = await freePort();
      const started = process.hrtime.bigint();
      const node = await spawnNode(
        { ...env, DATABASE_PATH: databasePath },
        { script, port, readyPath: '/blocks/1', pollMs: 5 },
      );
      readyTimes.push(Number(process.hrtime.bigint() - started) / 1e6);
      try {
        for (const path of [`/blocks/${BLOCKS}`, `/blocks?from=${BLOCKS - 99}&limit=100`, '/transactions/pending']) {
          const response = await boundedFetch(`${node.url}${path}`);
          if (!response.ok) throw new Error(`${path} answered ${response.status}`);
          await response.arrayBuffer();
        }
        memory.push(residentMemory(node.child.pid!));
      } finally {
        await stop(node);
      }
      note(`run ${run + 1}: ready in ${formatMs(readyTimes[run])}, RSS ${formatMb(memory[run].rssMb)}`);
    }
    readyTimes.sort((a, b) => a - b);
    const command = 'npm run bench -- restart';
    printRow({
      figure: `restart on ${BLOCKS.toLocaleString('en-US')} blocks: spawn to first answer (compiled node)`,
      target: '< 1 s',
      measured: `${formatMs(readyTimes[Math.floor(RUNS / 2)])} (median of ${RUNS})`,
      reference: 'memory only: a restart loses the chain',
      command,
    });
    printRow({
      figure: `first start on ${BLOCKS.toLocaleString('en-US')} blocks without an address index (an upgrade): spawn to first answer, and to the index built in the background`,
      target: 'reported',
      measured: `${formatMs(upgradeMs)}; index built at ${formatMs(indexedMs)}`,
      reference: '',
      command,
    });
    printRow({
      figure: `resident memory after restart on ${BLOCKS.toLocaleString('en-US')} blocks and a few reads`,
      target: '< 150 MB',
      measured: `${formatMb(Math.max(...memory.map((sample) => sample.rssMb)))} (peak ${formatMb(Math.max(...memory.map((sample) => sample.peakMb)))})`,
      reference: '',
      command,
    });
  } finally {
    removeDirectory(directory);
  }
}

void withCompiledNode(restart);
