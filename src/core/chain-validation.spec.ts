import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import referenceHashes from '../../test/fixtures/reference/reference-chain.hashes.json';
import { Block, createGenesisBlock, hashBlock, rewardTransaction } from './block';
import {
  BLOCK_DEPTH_LIMIT,
  ChainRules,
  MAX_FUTURE_DRIFT_MS,
  validateChain,
  validateBlockShape,
  validateNextBlock,
  validateSuffix,
} from './chain-validation';
import { searchProof } from './proof-of-work';
import { dumpJson, JsonObject, JsonValue, parseJson, PythonNumber } from './python-json';

const referenceChainText = readFileSync(join(__dirname, '../../test/fixtures/reference/reference-chain.json'), 'utf8');
const NOW_MS = Date.parse('2026-11-25T00:00:00Z');
const RULES: ChainRules = { difficulty: 4, nowMs: NOW_MS, maxFutureMs: MAX_FUTURE_DRIFT_MS };

/** A fresh copy of the reference node's chain, safe to tamper with. */
function referenceChain(): Block[] {
  return (parseJson(referenceChainText) as JsonObject).chain as Block[];
}

/** Mines a valid block on top of `chain` at difficulty 2, for rules that need crafted chains. */
function extend(chain: Block[], transactions: Block['transactions']): Block[] {
  const last = chain[chain.length - 1];
  const lastHash = hashBlock(last);
  const proof = searchProof(last.proof, lastHash, 2, 0, 1_000_000)!;
  const block: Block = { index: last.index + 1, timestamp: 1700000000.5, transactions, proof, previous_hash: lastHash };
  return [...chain, block];
}

/** Arrays nested `levels` deep: a block holding it as a field is one level deeper. */
function nested(levels: number): JsonValue {
  let value: JsonValue = [];
  for (let level = 1; level < levels; level++) value = [value];
  return value;
}

function expectInvalid(chain: unknown, rules: ChainRules = RULES) {
  const verdict = validateChain(chain, rules);
  expect(verdict.valid).toBe(false);
  return verdict as { valid: false; reason: string; index?: number };
}

describe(validateChain.name, () => {
  it('should accept the chain a reference node served, with its hashes', () => {
    const verdict = validateChain(referenceChain(), RULES);
    expect(verdict).toMatchObject({ valid: true, hashes: referenceHashes.hashes });
  });

  it('should accept a lone genesis block', () => {
    expect(validateChain([createGenesisBlock(NOW_MS)], RULES).valid).toBe(true);
  });

  it('should refuse a chain whose earlier transaction amount was changed', () => {
    const chain = referenceChain();
    chain[1].transactions[0].amount = 500;
    expect(expectInvalid(chain)).toMatchObject({ index: 3, reason: expect.stringContaining('previous_hash') });
  });

  it('should refuse a float amount that became an integer (5.0 hashes differently from 5)', () => {
    const chain = referenceChain();
    expect(chain[3].transactions[0].amount).toBeInstanceOf(PythonNumber);
    chain[3].transactions[0].amount = 5;
    expect(expectInvalid(chain).index).toBe(5);
  });

  it('should refuse a broken link', () => {
    const chain = referenceChain();
    chain[2].previous_hash = '0'.repeat(64);
    expect(expectInvalid(chain)).toMatchObject({ index: 3 });
  });

  it('should refuse an invalid proof of work', () => {
    const chain = referenceChain();
    chain[4].proof = 1;
    expect(expectInvalid(chain)).toMatchObject({ index: 5, reason: 'proof of work is invalid' });
  });

  it('should refuse a chain that is valid only at a lower difficulty', () => {
    expect(expectInvalid(referenceChain(), { ...RULES, difficulty: 8 }).reason).toBe('proof of work is invalid');
  });

  it('should refuse blocks that are not contiguous from index 1', () => {
    const chain = referenceChain();
    chain.splice(2, 1);
    expect(expectInvalid(chain)).toMatchObject({ index: 3, reason: 'index is not 3' });
    const renumbered = referenceChain();
    renumbered[0].index = 0;
    expect(expectInvalid(renumbered).index).toBe(1);
  });

  it.each([
    ['a string index', (block: JsonObject) => (block.index = '2')],
    ['a float proof', (block: JsonObject) => (block.proof = 297012.5)],
    ['a float-typed integral proof', (block: JsonObject) => (block.proof = PythonNumber.float(297012))],
    ['a string proof', (block: JsonObject) => (block.proof = '297012')],
    ['a missing timestamp', (block: JsonObject) => delete block.timestamp],
    ['a negative timestamp', (block: JsonObject) => (block.timestamp = -1)],
    ['transactions that are not a list', (block: JsonObject) => (block.transactions = {})],
    ['a transaction that is not an object', (block: JsonObject) => (block.transactions = ['x'])],
    ['an empty sender', (block: JsonObject) => ((block.transactions as JsonObject[])[0].sender = '')],
    ['a numeric recipient', (block: JsonObject) => ((block.transactions as JsonObject[])[0].recipient = 7)],
    ['a string amount', (block: JsonObject) => ((block.transactions as JsonObject[])[0].amount = '5')],
    ['a zero amount', (block: JsonObject) => ((block.transactions as JsonObject[])[0].amount = 0)],
    ['a negative amount', (block: JsonObject) => ((block.transactions as JsonObject[])[0].amount = -5)],
    [
      'an infinite amount',
      (block: JsonObject) => ((block.transactions as JsonObject[])[0].amount = PythonNumber.float(Infinity)),
    ],
  ])('should refuse a block with %s', (_case, tamper) => {
    const chain = referenceChain();
    tamper(chain[1]);
    expect(expectInvalid(chain).index).toBe(2);
  });

  it.each([null, {}, [], 'chain', [null], [1, 2]])('should refuse %p as a chain', (candidate) => {
    expectInvalid(candidate);
  });

  describe('block depth', () => {
    const rules = { ...RULES, difficulty: 2 };
    const tooDeep = `block nests deeper than ${BLOCK_DEPTH_LIMIT} levels`;

    it('should accept a block with a field that brings it exactly to the limit, one Python reads and hashes alike', () => {
      const chain = extend([createGenesisBlock(NOW_MS)], [rewardTransaction('miner')]);
      chain[1].extension = nested(BLOCK_DEPTH_LIMIT - 1);
      expect(validateChain(chain, rules).valid).toBe(true);
      // What a reference node does with a peer's GET /chain answer: json.loads, then json.dumps to hash each block.
      const script =
        'import hashlib, json, sys\n' +
        'chain = json.load(sys.stdin)["chain"]\n' +
        'print(json.dumps([hashlib.sha256(json.dumps(b, sort_keys=True).encode()).hexdigest() for b in chain]))';
      const python = execFileSync('python3', ['-c', script], { input: dumpJson({ chain, length: chain.length }) });
      expect(JSON.parse(python.toString())).toEqual(chain.map(hashBlock));
    });

    it('should refuse a block one level deeper, though its proof is valid', () => {
      const chain = extend([createGenesisBlock(NOW_MS)], [rewardTransaction('miner')]);
      chain[1].extension = nested(BLOCK_DEPTH_LIMIT);
      expect(expectInvalid(chain, rules)).toEqual({ valid: false, reason: tooDeep, index: 2 });
    });

    it('should count nesting inside transactions too', () => {
      const chain = extend([createGenesisBlock(NOW_MS)], [{ sender: 'a', recipient: 'b', amount: 1 }]);
      chain[1].transactions[0].memo = nested(BLOCK_DEPTH_LIMIT - 2);
      expect(expectInvalid(chain, rules)).toMatchObject({ reason: tooDeep, index: 2 });
    });

    it('should refuse a genesis block nested too deep', () => {
      const genesis = { ...createGenesisBlock(NOW_MS), extension: nested(BLOCK_DEPTH_LIMIT) };
      expect(expectInvalid([genesis], rules)).toMatchObject({ reason: tooDeep, index: 1 });
    });

    it('should refuse, not throw on, a block nested deeper than any stack', () => {
      const chain = referenceChain();
      let deep: JsonObject = {};
      for (let i = 0; i < 100_000; i++) deep = { deep };
      chain[1].extra = deep;
      expect(expectInvalid(chain)).toMatchObject({ reason: tooDeep, index: 2 });
    });
  });

  it('should refuse a block stamped more than two hours ahead', () => {
    const chain = referenceChain();
    const rules = { ...RULES, nowMs: 1795484561_000 - MAX_FUTURE_DRIFT_MS - 60_000 };
    expect(expectInvalid(chain, rules).reason).toBe('timestamp is too far in the future');
  });

  describe('mining rewards', () => {
    const rules = { ...RULES, difficulty: 2 };
    const genesis = [createGenesisBlock(NOW_MS)];
    const payment = { sender: 'a', recipient: 'b', amount: 3 };

    it('should accept one reward, last', () => {
      expect(validateChain(extend(genesis, [payment, rewardTransaction('miner')]), rules).valid).toBe(true);
    });

    it('should refuse two rewards in a block', () => {
      const chain = extend(genesis, [rewardTransaction('m1'), rewardTransaction('m2')]);
      expect(expectInvalid(chain, rules).reason).toBe('more than one mining reward');
    });

    it('should refuse a reward that is not last', () => {
      const chain = extend(genesis, [rewardTransaction('miner'), payment]);
      expect(expectInvalid(chain, rules).reason).toBe('the mining reward is not the last transaction');
    });

    it('should refuse a reward of another amount', () => {
      const chain = extend(genesis, [{ ...rewardTransaction('miner'), amount: 50 }]);
      expect(expectInvalid(chain, rules).reason).toBe('the mining reward is not 1');
    });
  });

  describe(validateSuffix.name, () => {
    const chain = referenceChain();
    const tipAt = (height: number) => ({
      index: height,
      hash: referenceHashes.hashes[height - 1],
      proof: chain[height - 1].proof,
    });

    it('should accept the blocks above a known tip, with their hashes, and reach validateChain’s verdict from none', () => {
      expect(validateSuffix(tipAt(2), chain.slice(2), RULES)).toEqual({
        valid: true,
        blocks: chain.slice(2),
        hashes: referenceHashes.hashes.slice(2),
      });
      expect(validateSuffix(null, chain, RULES)).toEqual(validateChain(chain, RULES));
    });

    it.each([
      ['blocks that start at another height', chain.slice(1), 'index is not 3'],
      ['blocks that link to another tip', [{ ...chain[2], previous_hash: referenceHashes.hashes[0] }], 'previous_hash'],
    ])('should refuse %s', (_case, candidate, reason) => {
      const verdict = validateSuffix(tipAt(2), candidate, RULES);
      expect(verdict).toMatchObject({ valid: false, index: 3 });
      expect((verdict as { reason: string }).reason).toContain(reason);
    });

    it('should refuse a proof made on another proof than the tip’s', () => {
      const tip = { ...tipAt(2), proof: 7 };
      expect(validateSuffix(tip, chain.slice(2), RULES)).toEqual({
        valid: false,
        reason: 'proof of work is invalid',
        index: 3,
      });
    });

    it('should check a block deeper in the suffix against the one before it', () => {
      const tampered = chain.slice(2);
      tampered[1] = { ...tampered[1], previous_hash: referenceHashes.hashes[1] };
      expect(validateSuffix(tipAt(2), tampered, RULES)).toMatchObject({ valid: false, index: 4 });
    });

    it('should refuse no blocks at all', () => {
      expect(validateSuffix(tipAt(5), [], RULES).valid).toBe(false);
    });
  });

  describe(validateNextBlock.name, () => {
    const chain = referenceChain();
    const tip = { index: 4, hash: referenceHashes.hashes[3], proof: chain[3].proof };

    it('should accept the block that extends the tip, with its hash', () => {
      expect(validateNextBlock(tip, chain[4], RULES)).toEqual({
        valid: true,
        block: chain[4],
        hash: referenceHashes.hashes[4],
      });
    });

    it('should accept the block that extends the tip nested exactly to the limit', () => {
      const block = { ...chain[4], extension: nested(BLOCK_DEPTH_LIMIT - 1) };
      expect(validateNextBlock(tip, block, RULES)).toMatchObject({ valid: true, block });
    });

    it.each([
      ['a block for another height', { ...chain[4], index: 6 }, 'index is not 5'],
      ['a block on another tip', { ...chain[4], previous_hash: referenceHashes.hashes[2] }, 'previous_hash'],
      ['a block without a valid proof', { ...chain[4], proof: 7 }, 'proof of work is invalid'],
      ['something that is not a block', 'block', 'block is not an object'],
      [
        'a block with a valid proof nested too deep',
        { ...chain[4], extension: nested(BLOCK_DEPTH_LIMIT) },
        `block nests deeper than ${BLOCK_DEPTH_LIMIT} levels`,
      ],
    ])('should refuse %s', (_case, candidate, reason) => {
      expect(validateNextBlock(tip, candidate, RULES)).toEqual({
        valid: false,
        reason: expect.stringContaining(reason),
      });
    });
  });

  describe(validateBlockShape.name, () => {
    const chain = referenceChain();
    const farAhead = { ...chain[4], index: 17, proof: 7 };

    it('should accept a complete block at any height, leaving its link and proof to whoever has the tip', () => {
      expect(validateBlockShape(farAhead, RULES)).toEqual({ valid: true, block: farAhead });
      expect(validateBlockShape(chain[0], RULES)).toEqual({ valid: true, block: chain[0] });
    });

    it.each([
      ['a bare index', { index: 17 }, 'block lacks timestamp, transactions, proof, previous_hash'],
      ['a block without a proof', { ...farAhead, proof: undefined }, 'block lacks proof'],
      ['an index of zero', { ...farAhead, index: 0 }, 'index is not a positive integer'],
      ['a fractional index', { ...farAhead, index: 17.5 }, 'index is not a positive integer'],
      ['a string index', { ...farAhead, index: '17' }, 'index is not a positive integer'],
      ['a previous_hash that is no hash', { ...farAhead, previous_hash: 'x' }, 'previous_hash is not a block hash'],
      ['a numeric previous_hash', { ...farAhead, previous_hash: 1 }, 'previous_hash is not a block hash'],
      ['a transaction without an amount', { ...farAhead, transactions: [{ sender: 'a', recipient: 'b' }] }, 'amount'],
      ['a timestamp in the future', { ...farAhead, timestamp: NOW_MS }, 'timestamp is too far in the future'],
      ['something that is not a block', [farAhead], 'block is not an object'],
      ['a block nested too deep', { ...farAhead, extension: nested(BLOCK_DEPTH_LIMIT) }, 'nests deeper'],
    ])('should refuse %s', (_case, candidate, reason) => {
      // JSON has no undefined: a field set to undefined here is one the block does not have.
      const parsed = JSON.parse(JSON.stringify(candidate)) as unknown;
      expect(validateBlockShape(parsed, RULES)).toEqual({ valid: false, reason: expect.stringContaining(reason) });
    });
  });

  describe('pinned genesis', () => {
    it('should accept a chain that starts with the pinned genesis', () => {
      const chain = referenceChain();
      expect(validateChain(chain, { ...RULES, genesisHash: hashBlock(chain[0]) }).valid).toBe(true);
    });

    it('should refuse a chain with another genesis', () => {
      const chain = referenceChain();
      expect(expectInvalid(chain, { ...RULES, genesisHash: 'f'.repeat(64) })).toMatchObject({ index: 1 });
    });
  });
});
