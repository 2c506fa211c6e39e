import { BIG_DATABASE_MINER } from './support/big-database';
import { BigNode, withBigNode } from './support/big-node';
import { measureLoad } from './support/load';
import { formatMs, formatRate, note, printRow } from './support/report';

const BLOCKS = 100_000;
const SECONDS = 5;
// One client: the latency a person paging an address sees (more clients only measure the queue).
const CONNECTIONS = 1;
const COMMAND = 'npm run bench -- addresses';

/** GET /addresses/{address}, first page, on a 100,000-block chain: the miner's (100,000 transactions) and a payer's. */
async function addresses({ node }: BigNode): Promise<void> {
  const payer = ((await (await fetch(`${node.url}/blocks/${BLOCKS}`)).json()) as { transactions: { sender: string }[] })
    .transactions[0].sender;
  const cells: string[] = [];
  for (const [who, address] of [
    [`the miner (${BLOCKS.toLocaleString('en-US')} transactions)`, BIG_DATABASE_MINER],
    ['a payer (1 transaction)', payer],
  ]) {
    const url = `${node.url}/addresses/${address}`;
    const first = (await (await fetch(url)).json()) as { length: number };
    note(`${who}: ${first.length} transactions`);
    await measureLoad({ url, connections: CONNECTIONS, seconds: 1 });
    const { p99Ms, rate, failures } = await measureLoad({ url, connections: CONNECTIONS, seconds: SECONDS });
    if (failures > 0) throw new Error(`${failures} requests failed`);
    cells.push(`${who}: p99 ${formatMs(p99Ms)}, ${formatRate(rate)}`);
  }
  printRow({
    figure: `\`GET /addresses/{address}\` first page, ${BLOCKS.toLocaleString('en-US')}-block chain, one client`,
    target: 'p99 ≤ 10 ms',
    measured: cells.join('; '),
    reference: '',
    command: COMMAND,
  });
}

void withBigNode(BLOCKS, addresses);
