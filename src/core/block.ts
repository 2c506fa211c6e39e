import { sha256Hex } from './sha256';
import {
  CANONICAL_STYLE,
  COMPACT_STYLE,
  dumpJson,
  JsonNumber,
  JsonObject,
  JsonValue,
  PythonNumber,
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
