import {
  Block,
  createGenesisBlock,
  hashBlock,
  rewardTransaction,
  searchProof,
  sha256Hex,
  Transaction,
  unixTimestamp,
} from '../../src/core';
import type { JsonNumber, JsonObject, JsonValue } from '../../src/core';

/** Block times start here, a little in the past, and step 10.000123 s: never a whole second, so always a float. */
const START_MS = 1_700_000_000_123;
const STEP_MS = 10_000;
const MINER = sha256Hex('bench-miner').slice(0, 32);

export interface ChainShape {
  blocks: number;
  /** Payments in each block; the mining reward comes after them. */
  paymentsPerBlock: number;
  /** Characters of padding in each payment's recipient, to reach a target size. */
  recipientPadding?: number;
}

/** An address like the tutorial's (a uuid4 without dashes), the same on every run. */
function address(label: string): string {
  return sha256Hex(label).slice(0, 32);
}

function payment(height: number, position: number, padding: number): Transaction {
  // Whole numbers and fractional floats, as clients send them.
  const amount: JsonNumber =
    position % 2 === 0 ? ((height * 7 + position) % 50) + 1 : ((height + position) % 20) + 0.25;
  return {
    sender: address(`sender-${height}-${position}`),
    recipient: address(`recipient-${height}-${position}`) + 'x'.repeat(padding),
    amount,
  };
}

/**
 * The same chain on every run, valid at `difficulty`. Mining at difficulty 4 costs about 65,000 hashes a block,
 * so callers pass the proofs found on an earlier run; a missing or stale proof is searched for again.
 */
export function buildChain(shape: ChainShape, difficulty: number, knownProofs: number[] = []): Block[] {
  const chain: Block[] = [createGenesisBlock(START_MS)];
  for (let height = 2; height <= shape.blocks; height++) {
    const last = chain[chain.length - 1];
    const lastHash = hashBlock(last);
    const known = knownProofs[height - 2];
    const proof =
      known !== undefined && searchProof(last.proof, lastHash, difficulty, known, 1) !== null
        ? known
        : searchProof(last.proof, lastHash, difficulty, 0, Number.MAX_SAFE_INTEGER)!;
    const payments = Array.from({ length: shape.paymentsPerBlock }, (_, position) =>
      payment(height, position, shape.recipientPadding ?? 0),
    );
    chain.push({
      index: height,
      timestamp: (START_MS + (height - 1) * STEP_MS) / 1000,
      transactions: [...payments, rewardTransaction(MINER)],
      proof,
      previous_hash: lastHash,
    });
  }
  return chain;
}

/** Arrays nested `levels` deep (`[[]]` is 2); a block holding one in a field is one level deeper. */
export function nestedArrays(levels: number): JsonValue {
  let value: JsonValue = [];
  for (let level = 1; level < levels; level++) value = [value];
  return value;
}

/**
 * The next block on `chain`, stamped now, with a valid proof at `difficulty` whatever else it holds: a proof
 * depends only on the tip, so `fields` (transactions, extra fields) can be anything.
 */
export function nextBlock(chain: Block[], difficulty: number, fields: JsonObject = {}): Block {
  const tip = chain[chain.length - 1];
  const tipHash = hashBlock(tip);
  return {
    index: tip.index + 1,
    timestamp: unixTimestamp(),
    transactions: [],
    proof: searchProof(tip.proof, tipHash, difficulty, 0, Number.MAX_SAFE_INTEGER)!,
    previous_hash: tipHash,
    ...fields,
  };
}
