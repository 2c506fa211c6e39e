import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

/** The explorer's files: beside this module in the sources, copied beside the compiled module by `nest build`. */
export const EXPLORER_ASSETS_DIRECTORY = join(__dirname, 'assets');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface ExplorerAsset {
  contentType: string;
  body: Buffer;
}

/**
 * Every asset, read once at start: a few small files, so each request is a map lookup, and a name that is not one
 * of them (`..` included) can never reach the file system.
 */
export function readExplorerAssets(directory = EXPLORER_ASSETS_DIRECTORY): Map<string, ExplorerAsset> {
  const assets = new Map<string, ExplorerAsset>();
  for (const name of readdirSync(directory)) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (contentType) assets.set(name, { contentType, body: readFileSync(join(directory, name)) });
  }
  return assets;
}

/**
 * For the page and every asset: scripts only from the node itself (no inline script, no eval), requests only to it,
 * no plugins, no <base> rewriting links, no framing by other sites.
 */
export const EXPLORER_SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // Small files, read again when they changed: the browser revalidates with the ETag rather than trusting a copy.
  'Cache-Control': 'no-cache',
};
