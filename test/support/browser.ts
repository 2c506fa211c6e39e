import chromium from '@sparticuz/chromium';
import { Browser, BrowserContext, chromium as playwright, Page } from 'playwright-core';

/**
 * The flags @sparticuz/chromium launches its browser with, less those that would weaken what the tests check: the
 * same-origin policy and mixed content (the explorer's Content-Security-Policy must hold on its own).
 */
const WEAKENING_FLAGS = new Set(['--disable-web-security', '--allow-running-insecure-content', '--single-process']);

/**
 * A headless Chromium, the one the @sparticuz/chromium package carries (unpacked into the temporary folder on first
 * use), so that `npm install` is all the tests need. One per test file: launching costs seconds.
 */
export async function launchBrowser(): Promise<Browser> {
  return playwright.launch({
    executablePath: await chromium.executablePath(),
    args: chromium.args.filter((flag) => !WEAKENING_FLAGS.has(flag)),
    headless: true,
  });
}

export interface ExplorerTab {
  page: Page;
  /** Console errors, uncaught exceptions and dialogs seen so far, none expected. */
  problems: string[];
  close(): Promise<void>;
}

/** A fresh browser context with one page, watching for anything that should never happen on the explorer. */
export async function openTab(
  browser: Browser,
  url: string,
  viewport = { width: 1280, height: 800 },
): Promise<ExplorerTab> {
  const context: BrowserContext = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(url);
  return { page, problems, close: () => context.close() };
}
