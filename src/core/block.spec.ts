import hashVectors from '../../test/fixtures/reference/hash-vectors.json';
import referenceHashes from '../../test/fixtures/reference/reference-chain.hashes.json';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Block, BlockTexts, blockWireText, createGenesisBlock, hashBlock, storedBlocks } from './block';
import { CANONICAL_STYLE, dumpJson, JsonObject, parseJson, PythonNumber } from './python-json';

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

  describe(storedBlocks.name, () => {
    it("should give each block's stored text and columns: its link, and Python's text of its proof", () => {
      const genesis = { ...createGenesisBlock(1_700_000_000_000), previous_hash: 1 };
      const next = {
        ...createGenesisBlock(1_700_000_000_500),
        index: 2,
        proof: PythonNumber.float(7),
        previous_hash: 'ab',
      };
      expect(storedBlocks([genesis, next], ['h1', 'h2'])).toEqual({
        hashes: ['h1', 'h2'],
        bodies: [blockWireText(genesis), blockWireText(next)],
        // An old reference node's genesis links to the integer 1: stored as its JSON text.
        previousHashes: ['1', 'ab'],
        proofs: ['100', '7.0'],
      });
    });
  });

  describe(BlockTexts.name, () => {
    const blocks = [1, 2, 3].map((index) => ({ ...createGenesisBlock(1_700_000_000_000 + index), index }));
    const texts = blocks.map(blockWireText);

    it('should parse its texts only when they are read, once', () => {
      const parse = jest.spyOn(JSON, 'parse');
      const lazy = BlockTexts.parsing(texts);
      expect(lazy.length).toBe(3);
      expect(parse).not.toHaveBeenCalled();
      expect(lazy.last(2)).toEqual(blocks.slice(1));
      expect(parse).toHaveBeenCalledTimes(2);
      expect(lazy.all()).toEqual(blocks);
      expect(lazy.all()).toBe(lazy.all());
      expect(parse).toHaveBeenCalledTimes(5);
      parse.mockRestore();
    });

    it('should give them all when fewer than asked for, and hold blocks already parsed as they are', () => {
      expect(BlockTexts.parsing(texts).last(5)).toEqual(blocks);
      expect(BlockTexts.parsing(texts).last(0)).toEqual([]);
      const held = BlockTexts.of(blocks);
      expect([held.length, held.last(1), held.all()]).toEqual([3, blocks.slice(2), blocks]);
    });
  });
});
