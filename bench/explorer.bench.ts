import type { Browser } from 'playwright-core';
import { launchBrowser } from '../test/support/browser';
import { BigNode, withBigNode } from './support/big-node';
import { formatMs, note, printRow } from './support/report';

const BLOCKS = 100_000;
const ROUNDS = 7;
const LIVE_BLOCKS = 5;
const COMMAND = 'npm run bench -- explorer';

interface Load {
  /** From the page's first request to its DOM content loaded and the latest blocks shown. */
  readyMs: number;
  /** Every byte the browser received by then: headers and bodies, page, files and API answers. */
  bytes: number;
}

/** One visit with an empty cache (a new browser context), timed in the browser from its navigation start. */
async function visit(browser: Browser, url: string): Promise<Load> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const finished: Promise<number>[] = [];
    page.on('requestfinished', (request) =>
      finished.push(request.sizes().then((sizes) => sizes.responseHeadersSize + sizes.responseBodySize)),
    );
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.locator(`[data-block="${BLOCKS}"]`).waitFor();
    // When the page put the blocks in, by its own clock (whose origin is the navigation's start): the explorer marks
    // each render in the performance timeline, and the first one on / is the dashboard with its blocks.
    const shownMs = await page.evaluate("performance.getEntriesByName('explorer-rendered')[0].startTime");
    const loadedMs = await page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd");
    const bytes = (await Promise.all(finished)).reduce((total, size) => total + size, 0);
    return { readyMs: Math.max(Number(shownMs), Number(loadedMs)), bytes };
  } finally {
    await context.close();
  }
}

/**
 * How long after `GET /mine` answers each new block shows on a dashboard that stays open: the explorer hears of it
 * from GET /events and reads the API again. Measured by the wall clock, which the page and this script share.
 */
async function liveDelays(browser: Browser, url: string): Promise<number[]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${url}/`);
    await page.locator(`[data-block="${BLOCKS}"]`).waitFor();
    await page.locator('#live.on').waitFor();
    const delays: number[] = [];
    for (let mined = 1; mined <= LIVE_BLOCKS; mined++) {
      const response = await fetch(`${url}/mine`);
      if (!response.ok) throw new Error(`GET /mine answered ${response.status}`);
      const answeredAt = Date.now();
      await page.locator(`[data-block="${BLOCKS + mined}"]`).waitFor();
      const shownAt = await page.evaluate(
        "performance.timeOrigin + performance.getEntriesByName('explorer-rendered').at(-1).startTime",
      );
      delays.push(Number(shownAt) - answeredAt);
    }
    return delays.sort((a, b) => a - b);
  } finally {
    await context.close();
  }
}

/**
 * The explorer's dashboard on a 100,000-block node, in a real headless Chromium: time from the first request to
 * ready (DOM content loaded and the latest blocks shown), and the bytes transferred meanwhile.
 */
async function explorer({ node }: BigNode): Promise<void> {
  const browser = await launchBrowser();
  try {
    await visit(browser, `${node.url}/`);
    const loads: Load[] = [];
    for (let round = 0; round < ROUNDS; round++) loads.push(await visit(browser, `${node.url}/`));
    const ready = loads.map((load) => load.readyMs).sort((a, b) => a - b);
    const bytes = Math.max(...loads.map((load) => load.bytes));
    note(`ready: ${ready.map(formatMs).join(', ')}; ${bytes} bytes`);
    printRow({
      figure: `explorer dashboard ready (DOM loaded, latest blocks shown), ${BLOCKS.toLocaleString('en-US')}-block node, empty cache`,
      target: '≤ 300 ms',
      measured: `${formatMs(ready[Math.floor(ready.length / 2)])} (median of ${ROUNDS}; slowest ${formatMs(ready[ready.length - 1])})`,
      reference: '',
      command: COMMAND,
    });
    printRow({
      figure: 'explorer dashboard bytes transferred until ready',
      target: '≤ 200 KB',
      measured: `${(bytes / 1024).toFixed(1)} KB`,
      reference: '',
      command: COMMAND,
    });
    const delays = await liveDelays(browser, node.url);
    note(`live: ${delays.map(formatMs).join(', ')} after GET /mine answered`);
    printRow({
      figure: 'a block mined on the node shows on an open explorer dashboard, after `GET /mine` answers',
      target: '≤ 1 s',
      measured: `${formatMs(delays[Math.floor(delays.length / 2)])} (median of ${LIVE_BLOCKS}; slowest ${formatMs(delays[delays.length - 1])})`,
      reference: '',
      command: COMMAND,
    });
  } finally {
    await browser.close();
  }
}

void withBigNode(BLOCKS, explorer);
