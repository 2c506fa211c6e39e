import { join } from 'node:path';
import { Readable } from 'node:stream';
import { startFakePeer } from '../test/support/fake-peer';
import { spawnNode } from '../test/support/nodes';
import { addressIndexCaughtUp, BigNode, withBigNode } from './support/big-node';
import { formatMb, residentMemory } from './support/memory';
import { boundedFetch, NodeProcess, removeDirectory, stop, temporaryDirectory } from './support/processes';
import { formatMs, note, percentile, printRow } from './support/report';

const BLOCKS = 150_000;
const DIFFICULTY = 1;
// Long enough for any join this bench should see; a join that takes longer has failed its target many times over.
const JOIN_TIMEOUT_MS = 900_000;
// A node whose peer's chain is over its MAX_CHAIN_BYTES never joins: given up after this.
const REFUSED_JOIN_TIMEOUT_MS = 20_000;

interface Join {
  ms: number;
  peakMb: number;
  /** GET /blocks/1 latencies measured while the node synced. */
  latenciesMs: number[];
  length: number;
  /** From the join's start until the address index (caught up in the background) covered the chain too. */
  indexedMs?: number;
  /** The peak resident memory by then. */
  indexedPeakMb?: number;
}

/**
 * A fresh compiled node (the network's difficulty, every other setting at its default, unless `env` says
 * otherwise) joins through `peer`: it is registered, then told of the peer's tip block, which starts a resolve.
 * Timed until the node serves the whole chain, with GET /blocks/1 asked one after another throughout.
 */
async function joinThrough(
  big: BigNode,
  peer: string,
  env: Record<string, string> = {},
  timeoutMs = JOIN_TIMEOUT_MS,
): Promise<Join> {
  const directory = temporaryDirectory();
  let fresh: NodeProcess | undefined;
  try {
    fresh = await spawnNode(
      {
        ...big.compiled.env,
        DATABASE_PATH: join(directory, 'node.sqlite'),
        DIFFICULTY: String(DIFFICULTY),
        // The benchmark's own polling would pass the default limit (1,200 requests in 10 s) and be answered 429s:
        // the limit has nothing to do with syncing.
        RATE_LIMIT: '0',
        ...env,
      },
      { script: big.compiled.script, readyPath: '/blocks/1' },
    );
    const node = fresh.url;
    await post(node, '/nodes/register', { nodes: [peer] });
    const tip = await (await boundedFetch(`${big.node.url}/blocks/${BLOCKS}`)).text();
    const started = performance.now();
    await post(node, '/nodes/announce', `{"block":${tip}}`);
    const latenciesMs: number[] = [];
    const resets = { count: 0 };
    let length = 0;
    while (length < BLOCKS && performance.now() - started < timeoutMs) {
      // Not boundedFetch: while the node writes the chain, an answer may take longer than its minute.
      const signal = AbortSignal.timeout(timeoutMs);
      const asked = performance.now();
      await (await okAnswer(`${node}/blocks/1`, signal, resets)).arrayBuffer();
      latenciesMs.push(performance.now() - asked);
      const answer = await okAnswer(`${node}/blocks/hashes?from=1&limit=1`, signal, resets);
      length = ((await answer.json()) as { length: number }).length;
    }
    const ms = performance.now() - started;
    if (resets.count > 0) note(`${resets.count} polls met a reset connection and were asked again`);
    const joined: Join = { ms, peakMb: residentMemory(fresh.child.pid!).peakMb, latenciesMs, length };
    if (length >= BLOCKS) {
      await addressIndexCaughtUp(node, BLOCKS);
      joined.indexedMs = performance.now() - started;
      joined.indexedPeakMb = residentMemory(fresh.child.pid!).peakMb;
    }
    return joined;
  } catch (error) {
    // A node that died mid-join says why in its last lines.
    const exit = fresh && `exit code ${fresh.child.exitCode}, signal ${fresh.child.signalCode}`;
    note(`the joining node failed (${exit}); its last output:\n${fresh?.output().slice(-4000)}`);
    throw error;
  } finally {
    if (fresh) await stop(fresh);
    removeDirectory(directory);
  }
}

/**
 * fetch, asked again once when the connection it reused is reset: a node whose event loop was held for longer than
 * its keep-alive timeout closes idle connections as it resumes, racing the next request sent on one.
 */
/**
 * `url`'s answer, which must not be an error (an error must not pass for a figure); asked again once when its reused
 * connection was reset.
 */
async function okAnswer(url: string, signal: AbortSignal, resets: { count: number }): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw error;
    resets.count++;
    response = await fetch(url, { signal });
  }
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response;
}

async function post(node: string, path: string, body: unknown): Promise<void> {
  const response = await boundedFetch(`${node}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
}

function describeJoin(result: Join): string {
  if (result.length < BLOCKS)
    return `did not join: ${result.length.toLocaleString('en-US')} blocks after ${formatMs(result.ms)}`;
  const p99 = percentile(result.latenciesMs, 0.99);
  return (
    `${formatMs(result.ms)}, peak RSS ${formatMb(result.peakMb)}, GET /blocks/1 p99 ${formatMs(p99)} ` +
    `(${result.latenciesMs.length} asked); address index caught up at ${formatMs(result.indexedMs!)}, ` +
    `peak RSS by then ${formatMb(result.indexedPeakMb!)}`
  );
}

async function joins(big: BigNode): Promise<void> {
  note('joining from a peer of this project');
  const paged = await joinThrough(big, big.node.url);
  printRow({
    figure: `a fresh node joins a ${BLOCKS.toLocaleString('en-US')}-block network (5 payments + reward a block, difficulty ${DIFFICULTY}) from one peer of this project, default settings`,
    target: '≤ 3 s, RSS ≤ 200 MB, GET /blocks/1 p99 ≤ 50 ms',
    measured: describeJoin(paged),
    reference: '',
    command: 'npm run bench -- join',
  });

  // A reference-style peer: GET /chain (the source's, passed through as it streams), 404 to anything else.
  const reference = await startFakePeer((request, response) => {
    if (request.url !== '/chain') {
      response.writeHead(404);
      response.end();
      return;
    }
    // Not boundedFetch: a 107 MB chain may take longer than its minute to pass on to a busy node.
    void fetch(`${big.node.url}/chain`, { signal: AbortSignal.timeout(JOIN_TIMEOUT_MS) }).then(
      (answer) => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        Readable.fromWeb(answer.body!)
          .on('error', () => response.destroy())
          .pipe(response);
      },
      () => response.destroy(),
    );
  });
  try {
    note('joining from a reference-style peer, default settings');
    const capped = await joinThrough(big, reference.address, {}, REFUSED_JOIN_TIMEOUT_MS);
    note('joining from a reference-style peer, MAX_CHAIN_BYTES=1 GiB');
    const uncapped = await joinThrough(big, reference.address, { MAX_CHAIN_BYTES: String(1024 ** 3) });
    printRow({
      figure: `the same join from a reference-style peer serving only GET /chain`,
      target: 'reported; RSS ≤ 300 MB',
      measured: `default settings: ${describeJoin(capped)}; with MAX_CHAIN_BYTES=1 GiB: ${describeJoin(uncapped)}`,
      reference: '',
      command: 'npm run bench -- join',
    });
  } finally {
    await reference.close();
  }
}

void withBigNode(BLOCKS, joins, DIFFICULTY);
