import { readFileSync, writeFileSync } from 'node:fs';
import {
  Block,
  blockWireText,
  createGenesisBlock,
  hashBlock,
  MAX_FUTURE_DRIFT_MS,
  parseJson,
  validateChain,
} from '../core';

export interface PinnedGenesis {
  block: Block;
  hash: string;
}

/** Reads the network's genesis block from GENESIS_FILE, refusing anything that is not a well-formed block 1. */
export function readGenesisFile(path: string, difficulty: number): PinnedGenesis {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`GENESIS_FILE ${path} cannot be read: ${(error as Error).message}`);
  }
  let block;
  try {
    block = parseJson(text);
  } catch (error) {
    throw new Error(`GENESIS_FILE ${path} is not JSON: ${(error as Error).message}`);
  }
  const verdict = validateChain([block], { difficulty, nowMs: Date.now(), maxFutureMs: MAX_FUTURE_DRIFT_MS });
  if (!verdict.valid) throw new Error(`GENESIS_FILE ${path} is not a genesis block: ${verdict.reason}`);
  return { block: verdict.blocks[0], hash: verdict.hashes[0] };
}

/** A genesis block as GENESIS_FILE holds it: the block's JSON as it is served, on one line. */
export function genesisFileText(block: Block): string {
  return `${blockWireText(block)}\n`;
}

/** Writes a new genesis block to `path`, never over an existing file; returns the block's hash. */
export function writeGenesisFile(path: string): string {
  const genesis = createGenesisBlock();
  writeFileSync(path, genesisFileText(genesis), { flag: 'wx' });
  return hashBlock(genesis);
}
