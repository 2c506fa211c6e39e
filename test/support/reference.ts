import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Block, JsonObject, parseJson } from '../../src/core';

const FIXTURES = join(__dirname, '..', 'fixtures', 'reference');

/** A reference node's `GET /chain` answer, byte for byte (float and non-ASCII values included). */
export const referenceChainText = readFileSync(join(FIXTURES, 'reference-chain.json'), 'utf8').trim();

/** The reference's hash of each block of that chain. */
export const referenceHashes = (
  JSON.parse(readFileSync(join(FIXTURES, 'reference-chain.hashes.json'), 'utf8')) as { hashes: string[] }
).hashes;

/** The blocks of a `GET /chain` (or resolve) answer, numbers with their Python kinds. */
export function chainOf(text: string): Block[] {
  return (parseJson(text) as JsonObject).chain as Block[];
}
