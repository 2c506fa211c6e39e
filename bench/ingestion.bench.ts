import { join } from 'node:path';
import { measureLoad } from './support/load';
import { boundedFetch, removeDirectory, spawnBenchApp, stop, temporaryDirectory } from './support/processes';
import { formatMs, formatRate, note, printRow } from './support/report';

const CONNECTIONS = 32;
const SECONDS = 5;
const ROUNDS = 3;
/** Load right after the node answers its first request: what clients see while it warms up. */
const FIRST_SECONDS = 3;
const BODY = JSON.stringify({
  sender: 'd4ee26eee15148ee92c6cd394edd974e',
  recipient: 'someone-other-address',
  amount: 5,
});
const COMMAND = 'npm run bench -- ingestion';

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

function percent(ratio: number): string {
  return `${Math.round(ratio * 100)} %`;
}

/**
 * Durable POST /transactions/new (201 only after the fsynced commit) against the same app's validated no-op POST,
 * in alternating rounds of one run so that both see the same machine: the ratio of each round, then their median.
 */
async function main(): Promise<void> {
  const directory = temporaryDirectory();
  const node = await spawnBenchApp(join(directory, 'node.sqlite'), {}, { LOG_LEVEL: 'info' });
  // The same node logging nothing: what logging at info costs ingestion.
  const silent = await spawnBenchApp(join(directory, 'silent.sqlite'), {}, { LOG_LEVEL: 'silent' });
  try {
    const load = (path: string, seconds: number, url = node.url) =>
      measureLoad({ url: `${url}${path}`, method: 'POST', body: BODY, connections: CONNECTIONS, seconds });
    const first = await load('/transactions/new', FIRST_SECONDS);
    note(`first ${FIRST_SECONDS} s: ${formatRate(first.rate)}, p99 ${formatMs(first.p99Ms)}`);
    note('warming up');
    await load('/bench/noop', 2);
    let acknowledged = first.successes + (await load('/transactions/new', 2)).successes;
    const durableRates: number[] = [];
    const durableP99s: number[] = [];
    const ratios: number[] = [];
    const loggingCosts: number[] = [];
    await load('/transactions/new', 2, silent.url);
    let failures = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const noopRound = await load('/bench/noop', SECONDS);
      const durableRound = await load('/transactions/new', SECONDS);
      note(`round ${round}: no-op ${formatRate(noopRound.rate)}, durable ${formatRate(durableRound.rate)}`);
      durableRates.push(durableRound.rate);
      durableP99s.push(durableRound.p99Ms);
      ratios.push(durableRound.rate / noopRound.rate);
      const silentRound = await load('/transactions/new', SECONDS, silent.url);
      note(`round ${round}: durable, logging nothing: ${formatRate(silentRound.rate)}`);
      loggingCosts.push(1 - durableRound.rate / silentRound.rate);
      failures += noopRound.failures + durableRound.failures + silentRound.failures;
      acknowledged += durableRound.successes;
    }
    failures += first.failures;
    if (failures > 0) throw new Error(`${failures} requests failed`);
    // Every 201 stands for a stored transaction; a load run ends with up to one request per client unanswered.
    const pending = (await (await boundedFetch(`${node.url}/transactions/pending`)).json()) as { length: number };
    const unanswered = pending.length - acknowledged;
    if (unanswered < 0 || unanswered > CONNECTIONS * (ROUNDS + 2)) {
      throw new Error(`${acknowledged} transactions acknowledged, ${pending.length} stored`);
    }
    note(
      `${acknowledged.toLocaleString('en-US')} transactions acknowledged, ${pending.length.toLocaleString('en-US')} stored`,
    );
    printRow({
      figure: `durable \`POST /transactions/new\`, ${CONNECTIONS} clients`,
      target: '≥ 4,000 req/s',
      measured: `${formatRate(median(durableRates))} (median of ${ROUNDS} rounds; best ${formatRate(Math.max(...durableRates))})`,
      reference: '1,250 req/s (memory only)',
      command: COMMAND,
    });
    printRow({
      figure: `durable \`POST /transactions/new\` p99 latency, ${CONNECTIONS} clients, warm`,
      target: '≤ 50 ms',
      measured: `${formatMs(median(durableP99s))} (median of ${ROUNDS} rounds: ${durableP99s.map(formatMs).join(', ')})`,
      reference: '',
      command: COMMAND,
    });
    printRow({
      figure: `the same in the first ${FIRST_SECONDS} s after start`,
      target: 'reported',
      measured: `p99 ${formatMs(first.p99Ms)}, ${formatRate(first.rate)}`,
      reference: '',
      command: COMMAND,
    });
    printRow({
      figure: 'durable POST ÷ validated no-op POST, same run',
      target: '≥ 85 %',
      measured: `${percent(median(ratios))} (median of ${ROUNDS} rounds: ${ratios.map(percent).join(', ')})`,
      reference: '',
      command: COMMAND,
    });
    printRow({
      figure:
        'what logging at info (`LOG_LEVEL=info`, the default) costs durable ingestion, against `LOG_LEVEL=silent`',
      target: '≤ 5 %',
      measured: `${percent(median(loggingCosts))} (median of ${ROUNDS} rounds: ${loggingCosts.map(percent).join(', ')})`,
      reference: '',
      command: COMMAND,
    });
  } finally {
    await stop(silent);
    await stop(node);
    removeDirectory(directory);
  }
}

void main();
