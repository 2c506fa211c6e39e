/**
 * Live events under load: how soon a mined block reaches 500 listeners of GET /events, and GET /chain latency with
 * them connected against the same node without them. Prints one markdown table row per figure.
 *
 *   npm run bench -- events
 */
import { ClientRequest, request } from 'node:http';
import { join } from 'node:path';
import { spawnNode } from '../test/support/nodes';
import { parseEventStream } from '../test/support/event-stream-text';
import { withCompiledNode } from './support/build';
import { sequentialP99 } from './support/latency';
import { removeDirectory, stop, temporaryDirectory } from './support/processes';
import { formatMs, note, percentile, printRow } from './support/report';

const command = 'npm run bench -- events';
const LISTENERS = 500;
const BLOCKS = 20;
const REQUESTS = 2000;
const DELIVERY_TIMEOUT_MS = 30_000;

/** A listener of GET /events that notes when each block-appended event reached it. */
interface Listener {
  client: ClientRequest;
  /** Block index → process.hrtime.bigint() when its event was read. */
  receivedAt: Map<number, bigint>;
}

function listen(url: string): Promise<Listener> {
  return new Promise((resolve, reject) => {
    const client = request(`${url}/events`);
    const receivedAt = new Map<number, bigint>();
    client.once('response', (response) => {
      if (response.statusCode !== 200) reject(new Error(`GET /events answered ${response.statusCode}`));
      let unparsed = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        const now = process.hrtime.bigint();
        const { messages, rest } = parseEventStream(unparsed + chunk);
        unparsed = rest;
        for (const message of messages) {
          if (message.event === 'block-appended')
            receivedAt.set((JSON.parse(message.data!) as { index: number }).index, now);
        }
      });
      resolve({ client, receivedAt });
    });
    client.once('error', reject);
    client.end();
  });
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not done within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function milliseconds(from: bigint, to: bigint): number {
  return Number(to - from) / 1e6;
}

/** Mines BLOCKS blocks one after the other; for each, how long from the /mine request to each listener's read. */
async function deliveries(url: string, listeners: Listener[]): Promise<{ delivery: number[]; mine: number[] }> {
  const delivery: number[] = [];
  const mine: number[] = [];
  for (let block = 0; block < BLOCKS; block++) {
    const sent = process.hrtime.bigint();
    const answer = (await (await fetch(`${url}/mine`, { method: 'POST' })).json()) as { index: number };
    mine.push(milliseconds(sent, process.hrtime.bigint()));
    await waitUntil(() => listeners.every((listener) => listener.receivedAt.has(answer.index)), DELIVERY_TIMEOUT_MS);
    for (const listener of listeners) delivery.push(milliseconds(sent, listener.receivedAt.get(answer.index)!));
  }
  return { delivery: delivery.sort((a, b) => a - b), mine: mine.sort((a, b) => a - b) };
}

async function main(): Promise<void> {
  await withCompiledNode(async (compiled) => {
    const directory = temporaryDirectory();
    const node = await spawnNode(
      {
        ...compiled.env,
        DATABASE_PATH: join(directory, 'node.sqlite'),
        // One bench process is one client: the rate limit would count its listeners and requests together.
        RATE_LIMIT: '0',
        SYNC_INTERVAL_MS: '0',
        // Proofs in a millisecond: the figures are about telling the block, not finding it.
        DIFFICULTY: '2',
      },
      { script: compiled.script },
    );
    const listeners: Listener[] = [];
    try {
      const chain = `${node.url}/chain`;
      await sequentialP99(chain, REQUESTS); // warm up
      const idle = await sequentialP99(chain, REQUESTS);
      note(`GET /chain p99 without listeners: ${idle.toFixed(2)} ms`);

      for (let opened = 0; opened < LISTENERS; opened += 50) {
        listeners.push(...(await Promise.all(Array.from({ length: 50 }, () => listen(node.url)))));
      }
      const connected = await sequentialP99(chain, REQUESTS);
      note(`GET /chain p99 with ${LISTENERS} listeners: ${connected.toFixed(2)} ms`);

      const { delivery, mine } = await deliveries(node.url, listeners);
      printRow({
        figure: `a mined block reaches ${LISTENERS} listeners of GET /events (${BLOCKS} blocks, timed from the /mine request to each listener reading the event)`,
        target: 'all within 1 s',
        measured:
          `p50 ${formatMs(percentile(delivery, 0.5))}, p99 ${formatMs(percentile(delivery, 0.99))}, ` +
          `max ${formatMs(delivery[delivery.length - 1])}; every listener got every block (the /mine answer: p50 ` +
          `${formatMs(percentile(mine, 0.5))})`,
        reference: '',
        command,
      });
      printRow({
        figure: `GET /chain p99 latency with ${LISTENERS} listeners of GET /events connected`,
        target: '≤ 2× idle p99',
        measured: `${connected.toFixed(2)} ms, ${(connected / idle).toFixed(2)}× idle (${idle.toFixed(2)} ms)`,
        reference: '',
        command,
      });
    } finally {
      for (const listener of listeners) listener.client.destroy();
      await stop(node);
      removeDirectory(directory);
    }
  });
}

void main();
