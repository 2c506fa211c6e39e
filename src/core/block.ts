import { sha256Hex } from './sha256';
import {
  CANONICAL_STYLE,
  COMPACT_STYLE,
  dumpJson,
  JsonNumber,
  JsonObject,
  JsonValue,
  parseJson,
  PythonNumber,
  pythonNumberText,
} from './python-json';

export interface Transaction extends JsonObject {
  sender: string;
  recipient: string;
  amount: JsonNumber;
}

/** A block as the reference builds it; blocks from peers may carry extra fields, which are hashed too. */
export interface Block extends JsonObject {
  index: number;
  timestamp: JsonNumber;
  transactions: Transaction[];
  proof: JsonNumber;
  previous_hash: JsonValue;
}

/** Who the reference pays the mining reward from, and how much. */
export const REWARD_SENDER = '0';
export const REWARD_AMOUNT = 1;

export const GENESIS_PROOF = 100;
export const GENESIS_PREVIOUS_HASH = '1';

/** SHA-256 of `json.dumps(block, sort_keys=True)`, exactly as the reference computes it. */
export function hashBlock(block: Block): string {
  return sha256Hex(dumpJson(block, CANONICAL_STYLE));
}

/** The block as the reference serves it (`jsonify`): this is what this node stores and sends. */
export function blockWireText(block: Block): string {
  return dumpJson(block, COMPACT_STYLE);
}

/**
 * Blocks as this node stores them, by position: each one's hash, its text (`blockWireText`), and the columns kept
 * beside the text: the hash it links to, and Python's `str(proof)`, which the next block's proof of work hashes.
 */
export interface StoredBlocks {
  hashes: string[];
  bodies: string[];
  previousHashes: string[];
  proofs: string[];
}

export function storedBlocks(blocks: Block[], hashes: string[], bodies = blocks.map(blockWireText)): StoredBlocks {
  return {
    hashes,
    bodies,
    // Only a peer's genesis may link to a non-string (old reference nodes used the integer 1).
    previousHashes: blocks.map(({ previous_hash: link }) => (typeof link === 'string' ? link : dumpJson(link))),
    proofs: blocks.map((block) => pythonNumberText(block.proof)),
  };
}

/** The blocks from position `start` to `end` (excluded). */
export function storedSlice(blocks: StoredBlocks, start: number, end = blocks.hashes.length): StoredBlocks {
  return {
    hashes: blocks.hashes.slice(start, end),
    bodies: blocks.bodies.slice(start, end),
    previousHashes: blocks.previousHashes.slice(start, end),
    proofs: blocks.proofs.slice(start, end),
  };
}

/**
 * Blocks held as their stored text and parsed only when read: a long adoption writes thousands of blocks a second,
 * and most of what follows its writes needs few of them as objects, if any.
 */
export class BlockTexts {
  private constructor(
    private readonly texts: readonly string[],
    private parsed?: Block[],
  ) {}

  static parsing(texts: readonly string[]): BlockTexts {
    return new BlockTexts(texts);
  }

  static of(blocks: Block[]): BlockTexts {
    return new BlockTexts([], blocks);
  }

  get length(): number {
    return this.parsed?.length ?? this.texts.length;
  }

  all(): Block[] {
    return (this.parsed ??= this.texts.map((text) => parseJson(text) as Block));
  }

  /** The last `count` blocks (all of them, when there are fewer). */
  last(count: number): Block[] {
    const start = Math.max(0, this.length - count);
    return this.parsed ? this.parsed.slice(start) : this.texts.slice(start).map((text) => parseJson(text) as Block);
  }
}

/** Unix time in seconds as a Python float, like the reference's `time()`. */
export function unixTimestamp(nowMs: number = Date.now()): JsonNumber {
  const seconds = nowMs / 1000;
  return Number.isInteger(seconds) ? PythonNumber.float(seconds) : seconds;
}

export function createGenesisBlock(nowMs?: number): Block {
  return {
    index: 1,
    timestamp: unixTimestamp(nowMs),
    transactions: [],
    proof: GENESIS_PROOF,
    previous_hash: GENESIS_PREVIOUS_HASH,
  };
}

export function rewardTransaction(nodeId: string): Transaction {
  return { sender: REWARD_SENDER, recipient: nodeId, amount: REWARD_AMOUNT };
}
