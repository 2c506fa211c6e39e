import { readFileSync } from 'node:fs';
import { Block, MAX_FUTURE_DRIFT_MS, parseJson, validateChain } from '../core';

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
