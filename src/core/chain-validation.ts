import { Block, hashBlock, REWARD_AMOUNT, REWARD_SENDER, Transaction } from './block';
import { isValidProof } from './proof-of-work';
import {
  isJsonInteger,
  isJsonNumber,
  isJsonObject,
  JsonNumber,
  jsonValueExceedsDepth,
  JsonValue,
  numberValue,
} from './python-json';

export interface ChainRules {
  difficulty: number;
  /** When the network pins its genesis, its hash; otherwise each node's own genesis is accepted. */
  genesisHash?: string;
  /** Now, in milliseconds; blocks may not be stamped further ahead than `maxFutureMs`. */
  nowMs: number;
  maxFutureMs: number;
}

export const MAX_FUTURE_DRIFT_MS = 2 * 60 * 60 * 1000;

/**
 * How deep a block may nest arrays and objects, the block itself being level 1 (the tutorial's blocks reach 3:
 * block, transaction list, transaction). Every node of the network must be able to read every block: a reference
 * node parses a peer's chain with Python's `json.loads` and hashes each block with `json.dumps`, both recursive and
 * stopped by Python's recursion limit (1000 frames by default, shared with Flask's and requests' own frames), with
 * the blocks two levels down in `{"chain": [...]}`. A block a few hundred levels deep would break every reference
 * node that reads it; 32 leaves extension fields plenty of room and stays far below any such limit.
 */
export const BLOCK_DEPTH_LIMIT = 32;

export type ChainVerdict =
  { valid: true; blocks: Block[]; hashes: string[] } | { valid: false; reason: string; index?: number };

/** Why a transaction is malformed, or null when it is well-formed. */
function transactionProblem(transaction: JsonValue): string | null {
  if (!isJsonObject(transaction)) return 'a transaction is not an object';
  const { sender, recipient, amount } = transaction;
  if (typeof sender !== 'string' || sender.length === 0) return 'a transaction sender is not a non-empty string';
  if (typeof recipient !== 'string' || recipient.length === 0)
    return 'a transaction recipient is not a non-empty string';
  if (!isJsonNumber(amount)) return 'a transaction amount is not a number';
  const value = numberValue(amount);
  if (!Number.isFinite(value) || value <= 0) return 'a transaction amount is not a finite number above zero';
  return null;
}

/** The fields every block has; peers may add more. */
const BLOCK_FIELDS = ['index', 'timestamp', 'transactions', 'proof', 'previous_hash'];

/** A block's hash as blocks link to it: SHA-256 in lower-case hex. */
const BLOCK_HASH = /^[0-9a-f]{64}$/;

function indexProblem(index: JsonValue, expectedIndex: number | undefined): string | null {
  if (expectedIndex !== undefined) return index === expectedIndex ? null : `index is not ${expectedIndex}`;
  return Number.isSafeInteger(index) && (index as number) >= 1 ? null : 'index is not a positive integer';
}

/**
 * Why a block is malformed, or null. With `expectedIndex`, it must stand at that height; without, anywhere. Its
 * link to the block before and its proof of work are the successor's checks: they need that block.
 */
function blockProblem(block: JsonValue, rules: ChainRules, expectedIndex?: number): string | null {
  if (!isJsonObject(block)) return 'block is not an object';
  if (jsonValueExceedsDepth(block, BLOCK_DEPTH_LIMIT)) return `block nests deeper than ${BLOCK_DEPTH_LIMIT} levels`;
  const missing = BLOCK_FIELDS.filter((field) => !(field in block));
  if (missing.length > 0) return `block lacks ${missing.join(', ')}`;
  const { index, timestamp, transactions, proof, previous_hash: previousHash } = block;
  const badIndex = indexProblem(index, expectedIndex);
  if (badIndex) return badIndex;
  if ((index as number) > 1 && (typeof previousHash !== 'string' || !BLOCK_HASH.test(previousHash))) {
    return 'previous_hash is not a block hash (64 lower-case hex digits)';
  }
  if (!isJsonNumber(timestamp) || !Number.isFinite(numberValue(timestamp)) || numberValue(timestamp) < 0) {
    return 'timestamp is not a non-negative number';
  }
  if (numberValue(timestamp) * 1000 > rules.nowMs + rules.maxFutureMs) return 'timestamp is too far in the future';
  if (!isJsonInteger(proof)) return 'proof is not an integer';
  if (!Array.isArray(transactions)) return 'transactions is not a list';
  for (const transaction of transactions) {
    const problem = transactionProblem(transaction);
    if (problem) return problem;
  }
  const rewards = (transactions as Transaction[]).filter((transaction) => transaction.sender === REWARD_SENDER);
  if (rewards.length > 1) return 'more than one mining reward';
  if (rewards.length === 1) {
    if (transactions[transactions.length - 1] !== rewards[0]) return 'the mining reward is not the last transaction';
    if (numberValue(rewards[0].amount) !== REWARD_AMOUNT) return `the mining reward is not ${REWARD_AMOUNT}`;
  }
  return null;
}

/** The last block of a chain, as far as its successor's checks need it. */
export interface ChainTip {
  index: number;
  hash: string;
  proof: JsonNumber;
}

function successorProblem(previous: Omit<ChainTip, 'index'>, block: Block, rules: ChainRules): string | null {
  if (block.previous_hash !== previous.hash) return 'previous_hash does not match the previous block';
  if (!isValidProof(previous.proof, block.proof, previous.hash, rules.difficulty)) return 'proof of work is invalid';
  return null;
}

export type BlockVerdict = { valid: true; block: Block; hash: string } | { valid: false; reason: string };

export type BlockShapeVerdict = { valid: true; block: Block } | { valid: false; reason: string };

/**
 * Checks that a block is complete and well-formed on its own, wherever it stands: everything `validateNextBlock`
 * checks but its height, its link and its proof, which need the tip. A block announced from beyond our tip is
 * checked this far before it may cost a resolve.
 */
export function validateBlockShape(candidate: unknown, rules: ChainRules): BlockShapeVerdict {
  const problem = blockProblem(candidate as JsonValue, rules);
  return problem ? { valid: false, reason: problem } : { valid: true, block: candidate as Block };
}

/** Checks one block offered as the successor of our tip (a peer announcing what it mined). */
export function validateNextBlock(tip: ChainTip, candidate: unknown, rules: ChainRules): BlockVerdict {
  try {
    const problem =
      blockProblem(candidate as JsonValue, rules, tip.index + 1) ?? successorProblem(tip, candidate as Block, rules);
    return problem
      ? { valid: false, reason: problem }
      : { valid: true, block: candidate as Block, hash: hashBlock(candidate as Block) };
  } catch (error) {
    return { valid: false, reason: `block cannot be checked: ${(error as Error).message}` };
  }
}

/**
 * Checks a whole candidate chain: every block well-formed, linked to the hash of the one before, with a valid
 * proof of work. This is the reference's `valid_chain` plus the structural checks it leaves out.
 */
export function validateChain(candidate: unknown, rules: ChainRules): ChainVerdict {
  return validateSuffix(null, candidate, rules);
}

/**
 * Checks blocks offered to follow `after`, the last block of a prefix already known good (ours, or a page checked
 * before): the first must stand at the height after it, link to its hash and carry a proof on its proof; then as
 * `validateChain`. With `after` null the candidate is a whole chain, starting with a genesis block. `knownHashes`
 * are blocks' hashes already taken of their text, by position (null where not: those are hashed here).
 */
export function validateSuffix(
  after: ChainTip | null,
  candidate: unknown,
  rules: ChainRules,
  knownHashes: readonly (string | null)[] = [],
): ChainVerdict {
  try {
    return checkSuffix(after, candidate, rules, knownHashes);
  } catch (error) {
    // A last guard: should a candidate still defeat the checks or hashing, that is an invalid chain, not a crash.
    return { valid: false, reason: `chain cannot be checked: ${(error as Error).message}` };
  }
}

function checkSuffix(
  after: ChainTip | null,
  candidate: unknown,
  rules: ChainRules,
  knownHashes: readonly (string | null)[],
): ChainVerdict {
  if (!Array.isArray(candidate) || candidate.length === 0)
    return { valid: false, reason: 'chain is not a non-empty list' };
  const firstIndex = (after?.index ?? 0) + 1;
  const hashes: string[] = [];
  let previous: Omit<ChainTip, 'index'> | null = after;
  for (let position = 0; position < candidate.length; position++) {
    const index = firstIndex + position;
    const problem = blockProblem(candidate[position] as JsonValue, rules, index);
    if (problem) return { valid: false, reason: problem, index };
    const current = candidate[position] as Block;
    const hash = knownHashes[position] ?? hashBlock(current);
    if (previous === null) {
      if (rules.genesisHash !== undefined && hash !== rules.genesisHash) {
        return { valid: false, reason: 'genesis block is not this network’s', index };
      }
    } else {
      const linkProblem = successorProblem(previous, current, rules);
      if (linkProblem) return { valid: false, reason: linkProblem, index };
    }
    hashes.push(hash);
    previous = { proof: current.proof, hash };
  }
  return { valid: true, blocks: candidate as Block[], hashes };
}
