import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import referenceHashes from '../../test/fixtures/reference/reference-chain.hashes.json';
import { nestedArrays } from '../../test/support/chains';
import { Block, blockWireText, hashBlock, storedBlocks } from './block';
import { BLOCK_DEPTH_LIMIT, ChainRules, MAX_FUTURE_DRIFT_MS } from './chain-validation';
import { checkBlockBatch, readPeerAnswer, readPeerAnswerBytes, tipText } from './peer-answers';
import { CANONICAL_STYLE, dumpJson, JsonObject, parseJson, PythonNumber } from './python-json';

const referenceChainText = readFileSync(join(__dirname, '../../test/fixtures/reference/reference-chain.json'), 'utf8');
const RULES: ChainRules = {
  difficulty: 4,
  nowMs: Date.parse('2026-11-25T00:00:00Z'),
  maxFutureMs: MAX_FUTURE_DRIFT_MS,
};
const chain = (parseJson(referenceChainText) as JsonObject).chain as Block[];
const hashes = referenceHashes.hashes;
const tipAt = (height: number) => tipText({ index: height, hash: hashes[height - 1], proof: chain[height - 1].proof });

/** The compact texts of the chain's blocks from `start` to `end` (positions), joined as in an array. */
const texts = (start: number, end: number) =>
  chain
    .slice(start, end)
    .map((block) => dumpJson(block))
    .join(',');

function page(from: number, blocks: Block[], length = chain.length): string {
  return dumpJson({ blocks, from, limit: blocks.length, length });
}

describe(readPeerAnswer.name, () => {
  describe('a page of GET /blocks', () => {
    it('should check its blocks against the block before them', () => {
      expect(readPeerAnswer(page(3, chain.slice(2)), { envelope: 'page', after: tipAt(2) }, RULES)).toEqual({
        outcome: 'read',
        length: 5,
        checked: storedBlocks(chain.slice(2), hashes.slice(2)),
      });
    });

    it('should check a page from genesis as a whole chain', () => {
      expect(readPeerAnswer(page(1, chain.slice(0, 2)), { envelope: 'page', after: null }, RULES)).toMatchObject({
        outcome: 'read',
        checked: { hashes: hashes.slice(0, 2) },
      });
    });

    it.each([
      ['a page from another height', page(2, chain.slice(1)), 'bad-response'],
      ['a page without blocks', page(3, []), 'bad-response'],
      ['a page longer than the chain it claims', page(3, chain.slice(2), 4), 'bad-response'],
      [
        'a page that does not follow the block before it',
        page(3, [{ ...chain[2], previous_hash: hashes[0] }]),
        'invalid',
      ],
    ])('should refuse %s', (_case, text, outcome) => {
      expect(readPeerAnswer(text, { envelope: 'page', after: tipAt(2) }, RULES)).toMatchObject({ outcome });
    });

    it('should read a page in any other form as it reads the compact form this node serves', () => {
      const compact = page(3, chain.slice(2));
      const spaced = dumpJson({ blocks: chain.slice(2), from: 3, limit: 3, length: 5 }, CANONICAL_STYLE);
      // Keys in another order, and a block with spaces inside: each is hashed and stored from the parsed block.
      const reordered = `{"length":5,"from":3,"blocks":[${dumpJson(chain[2], CANONICAL_STYLE)},${texts(3, 5)}]}`;
      const read = (text: string) => readPeerAnswer(text, { envelope: 'page', after: tipAt(2) }, RULES);
      expect(read(spaced)).toEqual(read(compact));
      expect(read(reordered)).toEqual(read(compact));
    });

    it('should check, hash and store the blocks JSON.parse keeps of a page naming "blocks" twice', () => {
      const forged = [{ ...chain[2], proof: 7 }];
      const text = `{"blocks":${dumpJson(forged)},"from":3,"blocks":[${texts(2, 3)}],"length":5}`;
      expect(readPeerAnswer(text, { envelope: 'page', after: tipAt(2) }, RULES)).toEqual({
        outcome: 'read',
        length: 5,
        checked: storedBlocks([chain[2]], [hashes[2]]),
      });
    });

    it('should keep Python number kinds in a page this node serves', () => {
      const genesis = { ...chain[0], proof: PythonNumber.integer('123456789012345678901234567890') };
      expect(readPeerAnswer(page(1, [genesis]), { envelope: 'page', after: null }, RULES)).toEqual({
        outcome: 'read',
        length: chain.length,
        checked: storedBlocks([genesis], [hashBlock(genesis)]),
      });
    });

    it('should refuse a page whose block nests too deep as invalid', () => {
      const deep = { ...chain[2], extra: nestedArrays(BLOCK_DEPTH_LIMIT) };
      expect(readPeerAnswer(page(3, [deep]), { envelope: 'page', after: tipAt(2) }, RULES)).toEqual({
        outcome: 'invalid',
        reason: `a block nests deeper than ${BLOCK_DEPTH_LIMIT} levels`,
      });
    });

    it('should say which block broke a rule', () => {
      const tampered = [chain[2], { ...chain[3], proof: 7 }];
      expect(readPeerAnswer(page(3, tampered), { envelope: 'page', after: tipAt(2) }, RULES)).toEqual({
        outcome: 'invalid',
        reason: 'proof of work is invalid',
        index: 4,
      });
    });
  });

  describe(readPeerAnswerBytes.name, () => {
    const question = { envelope: 'page', after: tipAt(2) } as const;
    const text = page(3, chain.slice(2));

    it('should read the bytes of a page as its UTF-8 text, a byte order mark dropped', () => {
      const read = readPeerAnswer(text, question, RULES);
      expect(read).toMatchObject({ outcome: 'read', length: 5 });
      expect(readPeerAnswerBytes(Buffer.from(text), question, RULES)).toEqual(read);
      expect(readPeerAnswerBytes(Buffer.from(`\ufeff${text}`), question, RULES)).toEqual(read);
    });

    it('should refuse bytes that are not UTF-8 JSON as a bad response', () => {
      const broken = Buffer.from(text);
      broken[0] = 0xff;
      expect(readPeerAnswerBytes(broken, question, RULES)).toMatchObject({ outcome: 'bad-response' });
    });
  });

  describe(checkBlockBatch.name, () => {
    const texts = chain.map((block) => dumpJson(block));

    it('should check a chain in batches exactly as whole, each batch on its own', () => {
      const first = checkBlockBatch({ firstIndex: 1, previousText: null, texts: texts.slice(0, 2) }, RULES);
      const second = checkBlockBatch({ firstIndex: 3, previousText: texts[1], texts: texts.slice(2) }, RULES);
      expect(first).toEqual({
        outcome: 'read',
        length: 2,
        checked: storedBlocks(chain.slice(0, 2), hashes.slice(0, 2)),
      });
      expect(second).toEqual({ outcome: 'read', length: 5, checked: storedBlocks(chain.slice(2), hashes.slice(2)) });
      // The columns stored beside each block: the hash it links to, and Python's text of its proof.
      expect(first).toMatchObject({ checked: { previousHashes: ['1', hashes[0]], proofs: ['100', '297012'] } });
      expect(second).toMatchObject({
        checked: { bodies: texts.slice(2), previousHashes: hashes.slice(1, 4), proofs: ['20069', '33853', '19976'] },
      });
      expect(texts).toEqual(chain.map(blockWireText));
    });

    it('should hash and store a block sent in another form as it would the compact form', () => {
      const spaced = texts.map((text, position) => (position === 3 ? dumpJson(chain[3], CANONICAL_STYLE) : text));
      const batch = (blocks: string[]) => ({ firstIndex: 3, previousText: blocks[1], texts: blocks.slice(2) });
      expect(checkBlockBatch(batch(spaced), RULES)).toEqual(checkBlockBatch(batch(texts), RULES));
      const spacedBefore = texts.map((text, position) => (position === 1 ? dumpJson(chain[1], CANONICAL_STYLE) : text));
      expect(checkBlockBatch(batch(spacedBefore), RULES)).toEqual(checkBlockBatch(batch(texts), RULES));
    });

    it('should keep Python number kinds in the text it gives to be stored', () => {
      const withFloat = dumpJson({ ...chain[0], timestamp: PythonNumber.float(5) });
      expect(checkBlockBatch({ firstIndex: 1, previousText: null, texts: [withFloat] }, RULES)).toMatchObject({
        outcome: 'read',
        checked: { bodies: [expect.stringContaining('"timestamp":5.0')] },
      });
      const bigProof = dumpJson({ ...chain[0], proof: PythonNumber.integer('123456789012345678901234567890') });
      expect(checkBlockBatch({ firstIndex: 1, previousText: null, texts: [bigProof] }, RULES)).toMatchObject({
        outcome: 'read',
        checked: { proofs: ['123456789012345678901234567890'] },
      });
    });

    it('should hold a batch to the block before it, and to the genesis rules at the start', () => {
      const tampered = dumpJson({ ...chain[1], proof: 7 });
      expect(checkBlockBatch({ firstIndex: 3, previousText: tampered, texts: texts.slice(2) }, RULES)).toEqual({
        outcome: 'invalid',
        reason: 'previous_hash does not match the previous block',
        index: 3,
      });
      const pinned = { ...RULES, genesisHash: '0'.repeat(64) };
      expect(checkBlockBatch({ firstIndex: 1, previousText: null, texts }, pinned)).toMatchObject({
        outcome: 'invalid',
        index: 1,
      });
    });

    it('should tell a block that is not JSON from one nesting too deep', () => {
      const batch = (text: string) => ({ firstIndex: 3, previousText: texts[1], texts: [texts[2], text] });
      expect(checkBlockBatch(batch('{"index": 4,'), RULES)).toMatchObject({ outcome: 'bad-response', index: 4 });
      const deep = `{"x":${'['.repeat(BLOCK_DEPTH_LIMIT)}${']'.repeat(BLOCK_DEPTH_LIMIT)}}`;
      expect(checkBlockBatch(batch(deep), RULES)).toMatchObject({ outcome: 'invalid', index: 4 });
    });
  });
});
