import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPLORER_ASSETS_DIRECTORY, EXPLORER_SECURITY_HEADERS, readExplorerAssets } from './explorer-assets';

describe('readExplorerAssets', () => {
  it('should read every page, script, style and icon with its content type, and nothing else', () => {
    const directory = mkdtempSync(join(tmpdir(), 'explorer-assets-'));
    try {
      for (const name of ['index.html', 'app.js', 'look.css', 'icon.svg', 'notes.md', '.hidden'])
        writeFileSync(join(directory, name), name);
      const assets = readExplorerAssets(directory);
      expect([...assets.keys()].sort()).toEqual(['app.js', 'icon.svg', 'index.html', 'look.css']);
      expect(assets.get('app.js')).toEqual({
        contentType: 'text/javascript; charset=utf-8',
        body: Buffer.from('app.js'),
      });
      expect(assets.get('index.html')?.contentType).toBe('text/html; charset=utf-8');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('should find the page the node serves at / among its own files', () => {
    const page = readExplorerAssets(EXPLORER_ASSETS_DIRECTORY).get('index.html')!.body.toString();
    // Scripts only by address: an inline one would be refused by the policy.
    expect(page).toMatch(/<script type="module" src="\/explorer\/explorer\.js"><\/script>/);
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page).not.toMatch(/\son[a-z]+=/i);
    expect(EXPLORER_SECURITY_HEADERS['Content-Security-Policy']).toContain("script-src 'self';");
  });
});
