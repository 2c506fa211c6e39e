import { Injectable } from '@nestjs/common';
import { AxiosError, AxiosResponse } from 'axios';
import { ChainService } from '../chain/chain.service';
import { NodeConfig } from '../config/node-config';
import { ChainRules, isJsonObject, parseJson, StoredBlocks, storedSlice, TipText, tipText } from '../core';
import { AnswerCheckPool } from './answer-check/answer-check-pool';
import { FetchedPage, PageFetches } from './page-fetches';
import type { PeerReport, PeerStatus } from './consensus.service';
import { PeerClient } from './peer-client';
import { PeerFailure, readAnswer } from './peer-failure';
import { ReferenceChainPages, StreamedChain } from './reference-chain-pages';

/** A hashes answer is about 100 bytes for the tip probe and 4 KB for a window: anything bigger is not honest. */
const HASHES_ANSWER_MAX_BYTES = 64 * 1024;
/** Heights just below our tip compared in one request: a fork shallower than this costs one request to find. */
const FORK_WINDOW = 64;
/**
 * Pages asked for ahead of the one being checked: enough for the network to stay ahead of checking and writing,
 * few enough that their answers (some 700 KB each at five payments a block) hold little memory.
 */
const PAGES_AHEAD = 3;

/** What a peer's chain looked like when a resolve first asked, and whether it may win. */
export interface PeerSurvey {
  report: PeerReport;
  /** Bytes of every answer read from the peer during this resolve. */
  bytes: number;
  /** Set when the peer's chain is longer than ours: how to get its blocks. */
  contender?: Contender;
}

type Contender =
  /** A node of this project: blocks are fetched above the fork, a page at a time. */
  | { kind: 'paged'; hashAtOurLength: string | undefined }
  /**
   * A reference-style peer, which only serves its chain whole: its answer, read and checked until its blocks above
   * the fork made a chain longer than ours (reaching height `reached`), the rest to be read as it is adopted.
   */
  | { kind: 'streamed'; reached: number; pages: AsyncGenerator<CheckedPage> };

/** Checked blocks of a peer's chain, as this node stores them, from height `firstHeight` on. */
export interface CheckedPage extends StoredBlocks {
  firstHeight: number;
}

/** The page's blocks from position `start` to `end` (excluded). */
export function pagePart(page: CheckedPage, start: number, end?: number): CheckedPage {
  return { firstHeight: page.firstHeight + start, ...storedSlice(page, start, end) };
}

/** Pages that follow one another, as one. */
export function joinedPages(pages: CheckedPage[]): CheckedPage {
  if (pages.length === 1) return pages[0];
  return {
    firstHeight: pages[0].firstHeight,
    hashes: pages.flatMap((page) => page.hashes),
    bodies: pages.flatMap((page) => page.bodies),
    previousHashes: pages.flatMap((page) => page.previousHashes),
    proofs: pages.flatMap((page) => page.proofs),
  };
}

/**
 * A contender's chain above its fork with ours, a checked page at a time: the first page follows our block at its
 * `firstHeight - 1`, each next one the page before. Iterating fetches and checks; a peer that fails makes the
 * iteration throw (`syncFailure` tells the status). Whoever consumes it may stop at any page: nothing more is asked.
 */
export type PageSource = AsyncIterable<CheckedPage>;

interface HashPage {
  hashes: string[];
  length: number;
}

/**
 * Reads peers' chains for consensus at the cost of what is new. A node of this project is asked for its length and
 * the hash at our height first (`GET /blocks/hashes`, about 100 bytes): a peer at our tip costs nothing more. A longer
 * peer's fork with ours is found with a few hashes (one window below our tip, then a binary search), and only its
 * blocks above it are fetched, a page at a time, each page checked against the block before it. A peer answering 404
 * to the probe is a reference-style node: its whole chain is read, as the tutorial does, but as a stream
 * (`ReferenceChainPages`). Parsing and checking runs on worker threads (`AnswerCheckPool`).
 */
@Injectable()
export class PeerChains {
  constructor(
    private readonly config: NodeConfig,
    private readonly peers: PeerClient,
    private readonly chain: ChainService,
    private readonly pool: AnswerCheckPool,
    private readonly referencePages: ReferenceChainPages,
  ) {}

  /** The peer's length, and whether its chain may win over ours of `ourLength` blocks. */
  async survey(node: string, ourLength: number): Promise<PeerSurvey> {
    const survey: PeerSurvey = { report: { node, status: 'ok' }, bytes: 0 };
    try {
      const path = hashesPath(ourLength, 1);
      const answer = await this.get(survey, path, HASHES_ANSWER_MAX_BYTES);
      if (answer.status === 404) return await this.surveyReference(survey, ourLength);
      const probe = hashPage(okBody(answer, path), ourLength, 1, path);
      survey.report.length = probe.length;
      if (probe.length > ourLength) survey.contender = { kind: 'paged', hashAtOurLength: probe.hashes[0] };
    } catch (error) {
      survey.report.status = failureStatus(error);
    }
    return survey;
  }

  /** The contender's blocks that differ from ours, checked, as they come. */
  pages(survey: PeerSurvey, ourLength: number): PageSource {
    const contender = survey.contender!;
    return contender.kind === 'streamed'
      ? contender.pages
      : this.pagesAboveFork(survey, ourLength, contender.hashAtOurLength);
  }

  /**
   * A reference-style peer's chain, read and checked as it streams (blocks it shares with ours dropped as they come).
   * Only until its blocks make a chain longer than ours: from there on it is a contender whatever the rest of its
   * answer holds, and the rest is read as it is adopted, so that what is held stays a few batches, however long the
   * chain. Its length and bytes are told as far as the answer was read.
   */
  private async surveyReference(survey: PeerSurvey, ourLength: number): Promise<PeerSurvey> {
    const streamed: StreamedChain = { bytes: 0 };
    const bytesBefore = survey.bytes;
    // Known once the answer has ended (or told first): a chain refused before then has none to report.
    const tell = () => {
      survey.bytes = bytesBefore + streamed.bytes;
      survey.report.length = streamed.length;
    };
    const unread = this.referencePages.pages(survey.report.node, streamed);
    const held: CheckedPage[] = [];
    try {
      for (let next = await unread.next(); !next.done; next = await unread.next()) {
        held.push(next.value);
        const reached = lastHeight(next.value);
        if (reached > ourLength) {
          survey.contender = { kind: 'streamed', reached, pages: heldThenUnread(held, unread, tell) };
          break;
        }
      }
    } finally {
      tell();
    }
    return survey;
  }

  /**
   * A peer of this project's blocks above the fork. Pages are fetched a few ahead, and each is checked as soon as
   * the one before it is (it is checked against that page's last block), so while the consumer writes one page the
   * next is already being checked.
   */
  private async *pagesAboveFork(
    survey: PeerSurvey,
    ourLength: number,
    hashAtOurLength: string | undefined,
  ): PageSource {
    const peerLength = survey.report.length!;
    const fork = await this.forkHeight(survey, ourLength, hashAtOurLength);
    const rules = this.chain.rules();
    if (fork === 0 && rules.genesisHash !== undefined) {
      throw new PeerFailure('invalid', 'its chain does not start with our pinned genesis block');
    }
    const fetches = new PageFetches(fork + 1, peerLength, PAGES_AHEAD, (from, limit) =>
      this.pageBytes(survey, `/blocks?from=${from}&limit=${limit}`),
    );
    const checkNext = (after: TipText | null) => {
      const checking = this.checkPage(fetches.next(), after, peerLength, rules);
      // Checked ahead, it may be given up unread when the consumer stops: its failure is nobody's then.
      checking.catch(() => undefined);
      return checking;
    };
    let checking = checkNext(fork === 0 ? null : tipText(this.chain.tipAt(fork)!));
    for (;;) {
      const page = await checking;
      const end = page.firstHeight + page.hashes.length;
      if (end > peerLength) {
        yield page;
        return;
      }
      // A page holding fewer blocks than asked moves the next one: the pages fetched ahead start elsewhere.
      if (fetches.from !== end) fetches.restart(end);
      checking = checkNext(lastTip(page));
      yield page;
    }
  }

  private async checkPage(
    fetched: FetchedPage<Buffer>,
    after: TipText | null,
    peerLength: number,
    rules: ChainRules,
  ): Promise<CheckedPage> {
    const reading = await readAnswer(this.pool.read(await fetched.body, { envelope: 'page', after }, rules));
    if (reading.length < peerLength) throw new PeerFailure('bad-response', 'it serves less than the length it told');
    if (reading.checked.hashes.length > fetched.limit) {
      throw new PeerFailure('bad-response', 'a page holds more blocks than asked');
    }
    return { firstHeight: fetched.from, ...reading.checked };
  }

  /**
   * The height up to which the peer's chain is ours (0: not even genesis). The probe settles the common case, the
   * peer extending our tip; a window of hashes below our tip, a shallow fork; a binary search (a block's hash covers
   * every block before it, so the chains agree up to some height and differ above it), any other.
   */
  private async forkHeight(survey: PeerSurvey, ourLength: number, hashAtOurLength: string | undefined) {
    if (hashAtOurLength === this.chain.tipAt(ourLength)?.hash) return ourLength;
    const windowStart = Math.max(1, ourLength - FORK_WINDOW + 1);
    if (windowStart < ourLength) {
      const theirs = (await this.hashes(survey, windowStart, ourLength - windowStart)).hashes;
      const ours = this.chain.hashesFrom(windowStart, ourLength - windowStart).hashes;
      for (let position = theirs.length - 1; position >= 0; position--) {
        if (theirs[position] === ours[position]) return windowStart + position;
      }
    }
    let shared = 0;
    let differs = windowStart;
    while (shared + 1 < differs) {
      const middle = Math.floor((shared + differs) / 2);
      const [theirs] = (await this.hashes(survey, middle, 1)).hashes;
      if (theirs === this.chain.tipAt(middle)?.hash) shared = middle;
      else differs = middle;
    }
    return shared;
  }

  /** `GET /blocks/hashes`, checked for shape. */
  private async hashes(survey: PeerSurvey, from: number, limit: number): Promise<HashPage> {
    const path = hashesPath(from, limit);
    return hashPage(okBody(await this.get(survey, path, HASHES_ANSWER_MAX_BYTES), path), from, limit, path);
  }

  /** A page of blocks, as bytes (it is read on a worker thread), its bytes counted. */
  private async pageBytes(survey: PeerSurvey, path: string): Promise<Buffer> {
    const response = await this.peers.getBytes(survey.report.node, path, this.config.maxChainBytes);
    return okBody(counted(survey, response), path);
  }

  /** Any other answer of the peer's, as text, its bytes counted. */
  private async get(survey: PeerSurvey, path: string, maxBytes: number): Promise<AxiosResponse<string>> {
    return counted(survey, await this.peers.getText(survey.report.node, path, maxBytes));
  }
}

/** Whether an answer's body is what was asked for: its text, or its bytes. */
function isBody(data: unknown): data is string | Buffer {
  return typeof data === 'string' || Buffer.isBuffer(data);
}

/** The answer, its body's bytes added to what the resolve read from the peer. */
function counted<Body>(survey: PeerSurvey, response: AxiosResponse<Body>): AxiosResponse<Body> {
  if (isBody(response.data)) survey.bytes += Buffer.byteLength(response.data);
  return response;
}

function hashesPath(from: number, limit: number): string {
  return `/blocks/hashes?from=${from}&limit=${limit}`;
}

/** The body of a 200 answer, as text or bytes as it was asked for. */
function okBody<Body extends string | Buffer>(response: AxiosResponse<Body>, path: string): Body {
  if (response.status !== 200 || !isBody(response.data)) {
    throw new PeerFailure('bad-response', `${path}: answered ${response.status}`);
  }
  return response.data;
}

/** A `GET /blocks/hashes` answer, which must hold as many hashes as the length it claims leaves from `from`. */
function hashPage(text: string, from: number, limit: number, path: string): HashPage {
  let answer;
  try {
    answer = parseJson(text);
  } catch {
    throw new PeerFailure('bad-response', `${path}: not JSON`);
  }
  const hashes = isJsonObject(answer) ? answer.hashes : undefined;
  const length = isJsonObject(answer) ? answer.length : undefined;
  if (
    !isJsonObject(answer) ||
    answer.from !== from ||
    !Number.isSafeInteger(length) ||
    !Array.isArray(hashes) ||
    !hashes.every((hash) => typeof hash === 'string') ||
    hashes.length !== Math.max(0, Math.min(limit, (length as number) - from + 1))
  ) {
    throw new PeerFailure('bad-response', `${path}: not the hashes of the chain it claims`);
  }
  return { hashes, length: length as number };
}

/** The last block of a checked page, as the next page is checked against it. */
function lastTip(page: CheckedPage): TipText {
  return {
    index: lastHeight(page),
    hash: page.hashes[page.hashes.length - 1],
    proofText: page.proofs[page.proofs.length - 1],
  };
}

/** The height of a checked page's last block. */
function lastHeight({ firstHeight, hashes }: CheckedPage): number {
  return firstHeight + hashes.length - 1;
}

/**
 * A streamed contender's pages: those its survey read, then the rest of its answer as it is read. The answer's length
 * and bytes are told again once it has ended, or was left, however.
 */
async function* heldThenUnread(
  held: CheckedPage[],
  unread: AsyncIterator<CheckedPage>,
  tell: () => void,
): AsyncGenerator<CheckedPage> {
  try {
    yield* held.splice(0);
    for (let next = await unread.next(); !next.done; next = await unread.next()) yield next.value;
  } finally {
    tell();
    await unread.return?.();
  }
}

/** How long a contender's chain is at least: its length, or as far as its answer was read. */
export function knownLength(survey: PeerSurvey): number {
  const { contender, report } = survey;
  return report.length ?? (contender?.kind === 'streamed' ? contender.reached : 0);
}

/** Why iterating a page source failed, as the resolve reports it. */
export function syncFailure(error: unknown): { status: PeerStatus; reason: string } {
  return { status: failureStatus(error), reason: (error as Error).message };
}

function failureStatus(error: unknown): PeerStatus {
  if (error instanceof PeerFailure) return error.status;
  if (!(error instanceof AxiosError)) return 'unreachable';
  if (
    error.code === AxiosError.ECONNABORTED ||
    error.code === AxiosError.ETIMEDOUT ||
    error.code === AxiosError.ERR_CANCELED
  ) {
    return 'timeout';
  }
  if (error.message.includes('maxContentLength')) return 'too-large';
  if (error.response || error.code === AxiosError.ERR_BAD_RESPONSE) return 'bad-response';
  return 'unreachable';
}
