import type { Browser, Page } from 'playwright-core';
import { ExplorerTab, launchBrowser, openTab } from './support/browser';
import { RunningNode, startNode } from './support/nodes';

interface Status {
  length: number;
  hash: string;
  pending: number;
}

const SCRIPT_SENDER = '<img src=x onerror=alert(1)>';
/** URL-special and non-ASCII characters, percent-encoded on their way to GET /addresses/{address}. */
const ODD_ADDRESS = 'bob é/?#%&+ 東京';

async function status(node: RunningNode): Promise<Status> {
  return (await node.http.get('/status').expect(200)).body as Status;
}

async function pay(node: RunningNode, sender: string, recipient: string, amount: number): Promise<void> {
  await node.http.post('/transactions/new').send({ sender, recipient, amount }).expect(201);
}

async function mine(node: RunningNode): Promise<void> {
  await node.http.get('/mine').expect(200);
}

/** Waits until the element matching `selector` has exactly `text` as its text. */
async function waitForText(page: Page, selector: string, text: string): Promise<void> {
  const exactly = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await page.locator(selector).filter({ hasText: exactly }).waitFor();
}

async function search(page: Page, text: string): Promise<void> {
  await page.fill('#search-input', text);
  await page.press('#search-input', 'Enter');
}

/** Marks the document, so that a later check can tell the page was never reloaded. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate("document.documentElement.dataset.marked = 'yes'");
}

async function stillMarked(page: Page): Promise<boolean> {
  return page.evaluate("document.documentElement.dataset.marked === 'yes'");
}

describe('The explorer at /', () => {
  let browser: Browser;
  let node: RunningNode;
  const tabs: ExplorerTab[] = [];
  const otherNodes: RunningNode[] = [];
  /** Console errors a test causes on purpose, each allowed once per match. */
  let expectedProblems: RegExp[] = [];

  const open = async (path = '/', viewport?: { width: number; height: number }) => {
    const tab = await openTab(browser, `${node.url}${path}`, viewport);
    tabs.push(tab);
    return tab.page;
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    node = await startNode({ difficulty: 2, syncIntervalMs: 0 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await node?.close();
  });

  afterEach(async () => {
    const problems = tabs.flatMap((tab) => tab.problems);
    await Promise.all(tabs.splice(0).map((tab) => tab.close()));
    await Promise.all(otherNodes.splice(0).map((other) => other.close()));
    const unexpected = problems.filter((problem) => !expectedProblems.some((expected) => expected.test(problem)));
    expectedProblems = [];
    expect(unexpected).toEqual([]);
  });

  it('should show the genesis block, the tip, the difficulty and the pending count on the dashboard', async () => {
    const { hash } = await status(node);
    const page = await open();
    await page.locator('[data-block="1"]').waitFor();
    expect(await page.textContent('[data-field="height"]')).toBe('1');
    expect(await page.textContent('[data-field="difficulty"]')).toBe('2');
    expect(await page.textContent('[data-field="pending"]')).toBe('0');
    expect(await page.textContent('[data-block="1"]')).toContain(hash);
    expect(await page.getAttribute('[data-block="1"] a', 'href')).toBe('#/block/1');
  });

  it('should show a transaction posted and a block mined through the API without a reload', async () => {
    const page = await open();
    await page.locator('[data-page="dashboard"]').waitFor();
    await page.locator('#live.on').waitFor();
    await markDocument(page);
    const before = await status(node);

    await pay(node, 'live-sender', 'live-recipient', 3);
    await waitForText(page, '[data-field="pending"]', String(before.pending + 1));
    await mine(node);
    const after = await status(node);
    await page.locator(`[data-block="${after.length}"]`).waitFor();
    await waitForText(page, '[data-field="height"]', String(after.length));
    expect(await page.textContent('[data-field="tip-hash"]')).toBe(after.hash);
    expect(await page.textContent('[data-field="pending"]')).toBe('0');
    expect(await stillMarked(page)).toBe(true);
  });

  it('should list pending transactions in arrival order and empty the list when they are mined', async () => {
    const page = await open('/#/pending');
    await page.locator('[data-page="pending"]').waitFor();
    await page.locator('#live.on').waitFor();
    await pay(node, 'first-in-line', 'x', 1);
    await pay(node, 'second-in-line', 'x', 2);
    await page.locator('[data-transaction="1"]').waitFor();
    const senders = await page.locator('[data-transaction] td:nth-child(2)').allTextContents();
    expect(senders).toEqual(['first-in-line', 'second-in-line']);
    await mine(node);
    await page.getByText('No transaction is waiting.').waitFor();
  });

  it('should open a block from the dashboard with every field, its transactions and its links', async () => {
    await pay(node, 'block-sender', 'block-recipient', 7.5);
    await mine(node);
    const { length, hash } = await status(node);
    const page = await open();
    await page.click(`[data-block="${length}"] a`);
    await page.locator(`[data-page="block"][data-index="${length}"]`).waitFor();
    expect(page.url()).toBe(`${node.url}/#/block/${length}`);
    expect(await page.textContent('[data-field="hash"]')).toBe(hash);
    const rows = page.locator('[data-transaction]');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toBe('1block-senderblock-recipient7.5');
    expect(await rows.nth(1).textContent()).toContain('0 (minted)');
    expect(await page.getAttribute('a:text("Raw JSON")', 'href')).toBe(`/blocks/${length}`);
    expect(await page.getAttribute('a:text("← Previous block")', 'href')).toBe(`#/block/${length - 1}`);
    expect(await page.locator('a:text("Next block →")').count()).toBe(0);

    await page.click('a:text("← Previous block")');
    await page.locator(`[data-page="block"][data-index="${length - 1}"]`).waitFor();
    expect(await page.getAttribute('a:text("Next block →")', 'href')).toBe(`#/block/${length}`);
    // The previous block's hash is the one this block links to.
    const previous = (await node.http.get(`/blocks/${length}`).expect(200)).body as { previous_hash: string };
    expect(await page.textContent('[data-field="hash"]')).toBe(previous.previous_hash);
  });

  it('should land on the right page when searching by index, by hash and by address', async () => {
    await pay(node, 'searched-sender', 'searched-recipient', 1);
    await mine(node);
    const { length, hash } = await status(node);
    const page = await open();
    await page.locator('[data-page="dashboard"]').waitFor();

    await search(page, '1');
    await page.locator('[data-page="block"][data-index="1"]').waitFor();
    await search(page, hash.toUpperCase());
    await page.locator(`[data-page="block"][data-index="${length}"]`).waitFor();
    await search(page, 'searched-recipient');
    await page.locator('[data-page="address"]').waitFor();
    expect(await page.textContent('[data-field="address"]')).toBe('searched-recipient');
    // "0" is no block index, but it is the reward sender.
    await search(page, '0');
    await waitForText(page, '[data-field="address"]', '0');
    expect(await page.textContent('[data-page="address"]')).toContain('Minted');
    // Back returns to the page searched from, not to the search.
    await page.goBack();
    await waitForText(page, '[data-field="address"]', 'searched-recipient');
  });

  it("should show an address's transactions and totals, with URL-special and non-ASCII characters", async () => {
    await pay(node, 'payer', ODD_ADDRESS, 10);
    await pay(node, ODD_ADDRESS, 'payee', 4);
    await pay(node, ODD_ADDRESS, 'payee', 2.5);
    await mine(node);
    const page = await open();
    await page.locator('[data-page="dashboard"]').waitFor();
    await search(page, ODD_ADDRESS);
    await page.locator('[data-page="address"]').waitFor();
    expect(await page.textContent('[data-field="address"]')).toBe(ODD_ADDRESS);
    expect(await page.textContent('[data-field="received"]')).toBe('10');
    expect(await page.textContent('[data-field="sent"]')).toBe('6.5');
    expect(await page.textContent('[data-field="balance"]')).toBe('3.5');
    expect(await page.textContent('[data-field="count"]')).toBe('3');
    const rows = await page.locator('[data-transaction]').allTextContents();
    // Newest first: the last payment of the block comes first.
    expect(rows[0]).toContain('2.5');
    expect(rows[2]).toContain('payer');

    // Its link from a block page goes to the same page.
    const { length } = await status(node);
    await page.goto(`${node.url}/#/block/${length}`);
    await page.click(`[data-transaction="1"] td:nth-child(2) a`);
    await waitForText(page, '[data-field="address"]', ODD_ADDRESS);
  });

  it('should page an address with many transactions, newest first', async () => {
    for (let payment = 1; payment <= 55; payment++) await pay(node, 'frequent', 'shop', payment);
    await mine(node);
    const page = await open(`/#/address/frequent`);
    await page.locator('[data-page="address"]').waitFor();
    expect(await page.locator('[data-transaction]').count()).toBe(50);
    expect(await page.locator('[data-transaction]').first().textContent()).toContain('55');
    await page.click('a:text("Older →")');
    await waitForText(page, '[data-page="address"] p.muted:nth-of-type(1)', '51–55 of 55');
    expect(await page.locator('[data-transaction]').count()).toBe(5);
    expect(await page.locator('[data-transaction]').last().textContent()).toContain('shop1');
  });

  it('should show a sender that is markup as text, and run nothing', async () => {
    await pay(node, SCRIPT_SENDER, 'victim', 1);
    const page = await open('/#/pending');
    await page.locator('[data-page="pending"] [data-transaction]').first().waitFor();
    await mine(node);
    const { length } = await status(node);
    const pages = [
      [`/#/block/${length}`, `[data-page="block"][data-index="${length}"]`],
      [`/#/address/${encodeURIComponent(SCRIPT_SENDER)}`, '[data-page="address"]'],
    ];
    for (const [path, shown] of pages) {
      await page.goto(`${node.url}${path}`);
      await page.locator(shown).getByText(SCRIPT_SENDER, { exact: true }).first().waitFor();
      expect(await page.locator('img, script:not([src])').count()).toBe(0);
    }
    // Dialogs and errors are collected by the tab and checked after the test.
  });

  it('should say so for unknown blocks, hashes, addresses and pages', async () => {
    const page = await open('/#/block/999999');
    await page.locator('[data-state="not-found"]').waitFor();
    expect(await page.textContent('[data-state="not-found"]')).toContain('The chain has no block 999999');
    const unknown = [
      ['/#/block/abc', '“abc” is not a block index.'],
      ['/#/address/nobody-at-all', 'No transaction on the chain names nobody-at-all.'],
      ['/#/no-such-page', 'No such page.'],
      ['/#/block/0', '“0” is not a block index.'],
      // Each page's message differs from the one before it, so that each wait sees the new page.
      ['/#/constructor', 'No such page.'],
    ];
    for (const [path, message] of unknown) {
      await page.goto(`${node.url}${path}`);
      await waitForText(page, '[data-state="not-found"]', `Not found. ${message}`);
    }
    // A hash no block has, and nothing names: GET /blocks/hash answers 404, which the browser reports.
    expectedProblems = [/status of 404/];
    await search(page, 'ab'.repeat(32));
    await page.locator('[data-state="not-found"]', { hasText: 'Nothing matches' }).waitFor();
  });

  it('should serve the page and its files with a Content-Security-Policy that forbids inline script', async () => {
    for (const path of ['/', '/explorer/explorer.js', '/explorer/explorer.css']) {
      const response = await fetch(`${node.url}${path}`);
      expect(response.status).toBe(200);
      const policy = response.headers.get('content-security-policy') ?? '';
      const directives = new Map(
        policy.split(';').map((directive) => {
          const [name, ...values] = directive.trim().split(/\s+/);
          return [name, values] as const;
        }),
      );
      expect(directives.get('script-src')).toEqual(["'self'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(directives.get('connect-src')).toEqual(["'self'"]);
      expect(directives.get('base-uri')).toEqual(["'none'"]);
      expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
      expect(policy).not.toContain('unsafe-inline');
    }
    const page = await open();
    await page.locator('[data-page="dashboard"]').waitFor();
    expectedProblems = [/violates the following Content Security Policy directive 'script-src 'self''/];
    const ran = await page.evaluate(`(async () => {
      const violation = new Promise((resolve) => document.addEventListener('securitypolicyviolation', resolve));
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.inline = "ran"';
      document.body.append(script);
      await violation;
      return document.body.dataset.inline ?? 'blocked';
    })()`);
    expect(ran).toBe('blocked');
    // Swagger UI and the API are where they were.
    expect((await fetch(`${node.url}/docs`)).status).toBe(200);
    await node.http.get('/chain').expect(200);
    await node.http.get('/explorer/no-such-file').expect(404);
  });

  it('should fit a phone screen', async () => {
    const page = await open('/', { width: 390, height: 844 });
    await page.locator('[data-block="1"]').waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
  });

  it('should show the chain a second node adopted, and its peer, without a reload', async () => {
    await mine(node);
    const second = await startNode({ difficulty: 2, syncIntervalMs: 0 });
    otherNodes.push(second);
    const page = await openTab(browser, `${second.url}/`).then((tab) => (tabs.push(tab), tab.page));
    await page.locator('[data-block="1"]').waitFor();
    await page.locator('#live.on').waitFor();
    await markDocument(page);

    await second.register(node.url);
    await second.http.get('/nodes/resolve').expect(200);
    const adopted = await status(node);
    await waitForText(page, '[data-field="tip-hash"]', adopted.hash);
    await waitForText(page, '[data-field="height"]', String(adopted.length));
    // Its status arrives with the peer-status event the resolve sent.
    await page.locator(`[data-peer="${node.address}"]`, { hasText: 'ok' }).waitFor();
    expect(await stillMarked(page)).toBe(true);
  });
});
