import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../test/support/nodes';
import { BigNode, withBigNode } from './support/big-node';
import { measureLoad } from './support/load';
import { formatMs, formatRate, note, printRow } from './support/report';

const BLOCKS = 100_000;
const CLIENTS = 32;
const SECONDS = 6;
const ROUNDS = 3;
const BODY = JSON.stringify({ sender: 'bench-sender', recipient: 'bench-recipient', amount: 1 });
const command = 'npm run bench -- operate';

/**
 * The operator's tools on a 100,000-block node: GET /health polled by one client, then `npm run backup` while 32
 * clients post transactions, against the same load without a backup.
 */
async function operate({ node, databasePath, compiled }: BigNode): Promise<void> {
  const health = await measureLoad({ url: `${node.url}/health`, connections: 1, seconds: SECONDS });
  printRow({
    figure: `GET /health p99 latency, one client polling, ${BLOCKS.toLocaleString('en-US')} blocks`,
    target: '≤ 5 ms',
    measured: `${formatMs(health.p99Ms)} (${formatRate(health.rate)}, ${health.failures} failed)`,
    reference: '',
    command,
  });

  const ingest = () =>
    measureLoad({
      url: `${node.url}/transactions/new`,
      method: 'POST',
      body: BODY,
      connections: CLIENTS,
      seconds: SECONDS,
    });
  const rounds: { ratio: number; failures: number; backupMs: number; backupMb: number }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const unloaded = await ingest();
    const underBackup = ingest();
    const target = join(dirname(databasePath), `backup-${round}.sqlite`);
    const backup = await backUp(join(dirname(compiled.script[0]), 'backup.js'), compiled.env, databasePath, target);
    const loaded = await underBackup;
    note(`round ${round}: ${formatRate(loaded.rate)} with the backup, ${formatRate(unloaded.rate)} without; ${backup}`);
    const [, backupMs, backupBytes] = /in (\d+) ms: (\d+) bytes/.exec(backup) ?? [];
    rounds.push({
      ratio: loaded.rate / unloaded.rate,
      failures: loaded.failures,
      backupMs: Number(backupMs),
      backupMb: Number(backupBytes) / 1e6,
    });
  }
  const median = rounds.sort((a, b) => a.ratio - b.ratio)[Math.floor(ROUNDS / 2)];
  printRow({
    figure: `npm run backup of a ${BLOCKS.toLocaleString('en-US')}-block database while ${CLIENTS} clients post transactions`,
    target: 'no request fails; ingestion ≥ 80 % of unloaded',
    measured:
      `${rounds.reduce((sum, round) => sum + round.failures, 0)} failed; ingestion during the ${SECONDS} s ` +
      `around the backup ${Math.round(100 * median.ratio)} % of the same load without (median of ${ROUNDS} ` +
      `rounds: ${rounds.map((round) => `${Math.round(100 * round.ratio)} %`).join(', ')}); the copy ` +
      `(${Math.round(median.backupMb)} MB) took ${median.backupMs} ms`,
    reference: '',
    command,
  });
}

/**
 * Runs the backup tool a second into the load, compiled (`npm run backup` runs it through ts-node, whose start would
 * take a core from the node for a second or two); returns what it printed.
 */
async function backUp(
  tool: string,
  env: Record<string, string>,
  databasePath: string,
  target: string,
): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const { stderr } = await promisify(execFile)(process.execPath, [tool, target], {
    cwd: ROOT,
    env: { ...process.env, ...env, DATABASE_PATH: databasePath },
  });
  return stderr.trim();
}

void withBigNode(BLOCKS, operate);
