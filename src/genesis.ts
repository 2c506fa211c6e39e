import { writeFileSync } from 'node:fs';
import { blockWireText, createGenesisBlock, hashBlock } from './core';

/** `npm run genesis [-- <file>]`: a new genesis block for a network to pin with GENESIS_FILE. */
const genesis = createGenesisBlock();
const text = `${blockWireText(genesis)}\n`;
const [path] = process.argv.slice(2);
if (path) {
  writeFileSync(path, text, { flag: 'wx' });
  console.error(`Wrote genesis block ${hashBlock(genesis)} to ${path}`);
} else {
  process.stdout.write(text);
}
