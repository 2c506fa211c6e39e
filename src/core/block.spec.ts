import hashVectors from '../../test/fixtures/reference/hash-vectors.json';
import referenceHashes from '../../test/fixtures/reference/reference-chain.hashes.json';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Block, blockWireText, createGenesisBlock, hashBlock } from './block';
import { CANONICAL_STYLE, dumpJson, JsonObject, parseJson } from './python-json';

const referenceChainText = readFileSync(join(__dirname, '../../test/fixtures/reference/reference-chain.json'), 'utf8');

describe('block', () => {
  describe.each(hashVectors.vectors)('reference vector $name', (vector) => {
    const block = parseJson(vector.wire) as Block;

    it('should produce the exact text the reference hashes', () => {
      expect(dumpJson(block, CANONICAL_STYLE)).toBe(vector.canonical);
    });

    it('should produce the reference hash', () => {
      expect(hashBlock(block)).toBe(vector.sha256);
    });

    it('should serve the block again exactly as it was sent', () => {
      expect(blockWireText(block)).toBe(vector.wire);
    });
  });

  describe('reference chain', () => {
    const response = parseJson(referenceChainText) as JsonObject;
    const chain = response.chain as Block[];

    it('should hash every block as the reference does', () => {
      expect(chain.map(hashBlock)).toEqual(referenceHashes.hashes);
    });

    it('should serve the whole response byte for byte as the reference did', () => {
      expect(dumpJson(response)).toBe(referenceChainText.trim());
    });
  });

  describe(createGenesisBlock.name, () => {
    it('should make the tutorial genesis block', () => {
      const genesis = createGenesisBlock(1_700_000_000_123);
      expect(genesis).toEqual({
        index: 1,
        timestamp: 1700000000.123,
        transactions: [],
        proof: 100,
        previous_hash: '1',
      });
    });

    it('should stamp a whole second as a Python float', () => {
      expect(blockWireText(createGenesisBlock(1_700_000_000_000))).toContain('"timestamp":1700000000.0');
    });
  });
});
