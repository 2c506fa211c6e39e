import { Block, blockWireText, hashBlock, StoredBlocks, storedBlocks } from './block';
import { BLOCK_DEPTH_LIMIT, ChainRules, ChainTip, validateSuffix } from './chain-validation';
import { canonicalOfCompact, CompactElements, compactArrayElements, readCompact } from './compact-json';
import {
  isJsonObject,
  jsonTextExceedsDepth,
  JsonValue,
  parseJson,
  parsePythonNumber,
  pythonNumberText,
} from './python-json';
import { sha256Hex } from './sha256';

/** A chain tip as it crosses to a worker thread: the proof as Python's text, since a PythonNumber cannot. */
export interface TipText {
  index: number;
  hash: string;
  proofText: string;
}

/** Blocks sit two levels down in a page of blocks: `{"blocks": [...]}`. */
const ANSWER_DEPTH_LIMIT = BLOCK_DEPTH_LIMIT + 2;

/**
 * Blocks' text as received, by position, where it is exactly what this node stores (Python's compact dump), with
 * the hash taken of it; null where not, and those blocks are dumped again. See `compact-json.ts`.
 */
interface ReceivedTexts {
  compact: (string | null)[];
  hashes: (string | null)[];
}

const NONE_RECEIVED: ReceivedTexts = { compact: [], hashes: [] };
/** As an HTTP client decodes a text answer: a byte order mark dropped, malformed bytes replaced. */
const UTF8 = new TextDecoder();

/** How this node serves a page: its blocks first, then only integer members (`from`, `length`, `limit`). */
const PAGE_START = '{"blocks":';
const PAGE_REST = /^(?:,"[a-z]+":\d+)*\}$/;

/** The blocks of an answer, checked, as this node stores them. */
export type CheckedBlocks = StoredBlocks;

export type AnswerReading =
  | { outcome: 'read'; length: number; checked: CheckedBlocks }
  | { outcome: 'bad-response' | 'invalid'; reason: string; index?: number };

/**
 * What is asked of a peer's answer read whole: a page of `GET /blocks?from=&limit=`, `{"blocks": [...], "from",
 * "limit", "length"}`. (A reference node's `GET /chain` is read as a stream: see `ChainAnswerSplitter` and
 * `checkBlockBatch`.)
 */
export interface AnswerQuestion {
  envelope: 'page';
  /** The last block before the page's first, known good; null when the page starts at genesis. */
  after: TipText | null;
}

/** `readPeerAnswer` on the answer's bytes as received, decoded as UTF-8. */
export function readPeerAnswerBytes(bytes: Uint8Array, question: AnswerQuestion, rules: ChainRules): AnswerReading {
  return readPeerAnswer(UTF8.decode(bytes), question, rules);
}

/**
 * Reads a peer's page of blocks and checks them. An answer that is not what was asked is a bad
 * response; one whose blocks break a rule (nesting too deep included, measured before parsing so that no parser
 * recurses through hostile nesting) is invalid.
 */
export function readPeerAnswer(text: string, question: AnswerQuestion, rules: ChainRules): AnswerReading {
  const page = compactPage(text);
  const read = parsePeerJson(text, page, ANSWER_DEPTH_LIMIT);
  if ('problem' in read) {
    return read.problem === 'too-deep'
      ? { outcome: 'invalid', reason: `a block nests deeper than ${BLOCK_DEPTH_LIMIT} levels` }
      : { outcome: 'bad-response', reason: 'not JSON' };
  }
  const parsed = read.value;
  if (!isJsonObject(parsed)) return { outcome: 'bad-response', reason: 'not a JSON object' };
  const { blocks, from, length } = parsed;
  const expectedFrom = (question.after?.index ?? 0) + 1;
  if (!Array.isArray(blocks) || blocks.length === 0 || from !== expectedFrom || !Number.isSafeInteger(length)) {
    return { outcome: 'bad-response', reason: `not a page of blocks from ${expectedFrom}` };
  }
  if ((length as number) < expectedFrom - 1 + blocks.length) {
    return { outcome: 'bad-response', reason: 'the page holds more blocks than the chain it claims' };
  }
  const after = question.after && { ...question.after, proof: parsePythonNumber(question.after.proofText) };
  const received =
    page?.compact.length === blocks.length
      ? { compact: page.compact, hashes: page.canonical.map(sha256Hex) }
      : NONE_RECEIVED;
  return checked(length as number, validateSuffix(after, blocks, rules, received.hashes), received);
}

/**
 * The page's blocks, when the page is as this node serves it: its blocks all compact, nothing after them but
 * integers (so no later "blocks" member can replace them in what JSON.parse reads); null otherwise.
 */
function compactPage(text: string): CompactElements | null {
  const elements = text.startsWith(PAGE_START) ? compactArrayElements(text, PAGE_START.length) : null;
  return elements && PAGE_REST.test(text.slice(elements.end)) ? elements : null;
}

type PeerJson = { value: JsonValue } | { problem: 'too-deep' | 'not-json' };

/**
 * A peer's JSON text parsed, unless it nests deeper than `depthLimit` (measured before any parser sees it) or is
 * not JSON. Text a compact scan has read (`scanned`) is known to nest within the limit, and is read by JSON.parse
 * alone when its numbers are plain.
 */
function parsePeerJson(text: string, scanned: { plain: boolean } | null, depthLimit: number): PeerJson {
  if (!scanned && jsonTextExceedsDepth(text, depthLimit)) return { problem: 'too-deep' };
  try {
    return { value: scanned?.plain ? (JSON.parse(text) as JsonValue) : parseJson(text) };
  } catch {
    return { problem: 'not-json' };
  }
}

/**
 * Blocks of a chain read as a stream, a batch at a time: the text of each, and of the block before the first (null
 * when the batch starts at genesis). That block was checked with the batch before; its text here gives the hash and
 * proof the batch's first block must follow, so batches can be checked side by side.
 */
export interface BlockBatch {
  firstIndex: number;
  previousText: string | null;
  texts: string[];
}

/**
 * Checks a batch of a streamed chain by the very rules `readPeerAnswer` applies to a whole chain. A block that is not
 * JSON makes the answer a bad response; one that breaks a rule (nesting too deep included, measured before
 * parsing) makes it invalid. `length` is the height of the batch's last block.
 */
export function checkBlockBatch({ firstIndex, previousText, texts }: BlockBatch, rules: ChainRules): AnswerReading {
  const blocks: JsonValue[] = [];
  const received: ReceivedTexts = { compact: [], hashes: [] };
  for (const [position, text] of texts.entries()) {
    const index = firstIndex + position;
    const compact = readCompact(text);
    const read = parsePeerJson(text, compact, BLOCK_DEPTH_LIMIT);
    if ('problem' in read) {
      return read.problem === 'too-deep'
        ? { outcome: 'invalid', reason: `a block nests deeper than ${BLOCK_DEPTH_LIMIT} levels`, index }
        : { outcome: 'bad-response', reason: 'a block is not JSON', index };
    }
    blocks.push(read.value);
    received.compact.push(compact && text);
    received.hashes.push(compact && sha256Hex(compact.canonical));
  }
  let after: ChainTip | null = null;
  if (previousText !== null) {
    const previous = parseJson(previousText) as Block;
    after = { index: firstIndex - 1, hash: compactHash(previousText) ?? hashBlock(previous), proof: previous.proof };
  }
  return checked(firstIndex - 1 + texts.length, validateSuffix(after, blocks, rules, received.hashes), received);
}

/** The hash of a block taken of its text as received, when that text is what this node stores; else null. */
function compactHash(text: string): string | null {
  const canonical = canonicalOfCompact(text);
  return canonical === null ? null : sha256Hex(canonical);
}

function checked(length: number, verdict: ReturnType<typeof validateSuffix>, received: ReceivedTexts): AnswerReading {
  if (!verdict.valid) return { outcome: 'invalid', reason: verdict.reason, index: verdict.index };
  const bodies = verdict.blocks.map((block, position) => received.compact[position] ?? blockWireText(block));
  return { outcome: 'read', length, checked: storedBlocks(verdict.blocks, verdict.hashes, bodies) };
}

/** The tip a checked page ends with, as the next page is checked against it. */
export function tipText(tip: ChainTip): TipText {
  return { index: tip.index, hash: tip.hash, proofText: pythonNumberText(tip.proof) };
}
