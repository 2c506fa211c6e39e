import { BigNode, withBigNode } from './support/big-node';
import { measureLoad } from './support/load';
import { boundedFetch } from './support/processes';
import { formatMs, note, printRow } from './support/report';

const BLOCKS = 100_000;
const SECONDS = 5;
/** Ten times the usual scrape rate, to make any cost visible. */
const SCRAPE_EVERY_MS = 100;
const COMMAND = 'npm run bench -- metrics';

/**
 * On a 100,000-block node: GET /metrics latency as one scraper sees it, and the p99 of block reads by 8 clients
 * alone and while /metrics is scraped every 100 ms.
 */
async function metrics({ node }: BigNode): Promise<void> {
  const scrapes = await measureLoad({ url: `${node.url}/metrics`, connections: 1, seconds: SECONDS });
  if (scrapes.failures > 0) throw new Error(`${scrapes.failures} scrapes failed`);
  note(`/metrics: ${scrapes.successes} scrapes, p99 ${formatMs(scrapes.p99Ms)}`);
  const reads = { url: `${node.url}/blocks?from=${BLOCKS - 99}&limit=100`, connections: 8, seconds: SECONDS };
  await measureLoad({ ...reads, seconds: 2 });
  const alone = await measureLoad(reads);
  const scraper = setInterval(() => void boundedFetch(`${node.url}/metrics`).then((r) => r.text()), SCRAPE_EVERY_MS);
  const scraped = await measureLoad(reads).finally(() => clearInterval(scraper));
  if (alone.failures + scraped.failures > 0) throw new Error('block reads failed');
  note(`block reads p99: ${formatMs(alone.p99Ms)} alone, ${formatMs(scraped.p99Ms)} while scraped`);
  printRow({
    figure: `\`GET /metrics\` p99, one scraper, ${BLOCKS.toLocaleString('en-US')}-block node`,
    target: '≤ 20 ms',
    measured: formatMs(scrapes.p99Ms),
    reference: '',
    command: COMMAND,
  });
  printRow({
    figure: `\`GET /blocks\` p99 (8 clients, 100 blocks a page) while \`/metrics\` is scraped every ${SCRAPE_EVERY_MS} ms`,
    target: 'no slower than alone',
    measured: `${formatMs(scraped.p99Ms)} vs ${formatMs(alone.p99Ms)} alone`,
    reference: '',
    command: COMMAND,
  });
}

void withBigNode(BLOCKS, metrics);
