import { createGenesisBlock } from './core';
import { genesisFileText, writeGenesisFile } from './chain/genesis-file';

/** `npm run genesis [-- <file>]`: a new genesis block for a network to pin with GENESIS_FILE. */
const [path] = process.argv.slice(2);
if (path) {
  const hash = writeGenesisFile(path);
  console.error(`Wrote genesis block ${hash} to ${path}`);
} else {
  process.stdout.write(genesisFileText(createGenesisBlock()));
}
