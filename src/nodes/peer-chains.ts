import { Injectable } from '@nestjs/common';
import { AxiosError, AxiosResponse } from 'axios';
import { ChainService } from '../chain/chain.service';
import { NodeConfig } from '../config/node-config';
import {
  AnswerQuestion,
  AnswerReading,
  Block,
  ChainRules,
  CheckedBlocks,
  isJsonObject,
  parseJson,
  TipText,
  tipText,
} from '../core';
import { AnswerCheckPool } from './answer-check/answer-check-pool';
import type { PeerReport, PeerStatus } from './consensus.service';
import { PeerClient } from './peer-client';
import { PeerFailure } from './peer-failure';
import { CheckedPage, ReferenceChainPages, StreamedChain } from './reference-chain-pages';

/** A hashes answer is about 100 bytes for the tip probe and 4 KB for a window: anything bigger is not honest. */
const HASHES_ANSWER_MAX_BYTES = 64 * 1024;
/** Heights just below our tip compared in one request: a fork shallower than this costs one request to find. */
const FORK_WINDOW = 64;
/** Blocks asked for at a time: the most `GET /blocks` serves. */
const PAGE_BLOCKS = 1000;

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
  /** A reference-style peer, which only serves its chain whole: its blocks above the fork, read and checked. */
  | { kind: 'streamed'; pages: CheckedPage[] };

/** A peer's blocks from `firstHeight` up to its tip, checked: the blocks below are ours. */
export interface PeerBlocks {
  firstHeight: number;
  blocks: Block[];
  hashes: string[];
}

export type Download = ({ ok: true } & PeerBlocks) | { ok: false; status: PeerStatus; reason: string };

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
      const probe = hashPage(okText(answer, path), ourLength, 1, path);
      survey.report.length = probe.length;
      if (probe.length > ourLength) survey.contender = { kind: 'paged', hashAtOurLength: probe.hashes[0] };
    } catch (error) {
      survey.report.status = failureStatus(error);
    }
    return survey;
  }

  /** The contender's blocks that differ from ours, checked; or why there are none to adopt. */
  async download(survey: PeerSurvey, ourLength: number): Promise<Download> {
    const contender = survey.contender!;
    try {
      const blocks =
        contender.kind === 'streamed'
          ? joinedPages(contender.pages)
          : await this.fetchAboveFork(survey, ourLength, contender.hashAtOurLength);
      return { ok: true, ...blocks };
    } catch (error) {
      const status = failureStatus(error);
      return { ok: false, status, reason: (error as Error).message };
    }
  }

  /**
   * A reference-style peer's chain, read and checked as it streams; its blocks above the fork with ours are kept
   * until the resolve picks a chain (blocks it shares with ours are not).
   */
  private async surveyReference(survey: PeerSurvey, ourLength: number): Promise<PeerSurvey> {
    const streamed: StreamedChain = { bytes: 0 };
    const pages: CheckedPage[] = [];
    try {
      for await (const page of this.referencePages.pages(survey.report.node, streamed)) pages.push(page);
    } finally {
      survey.bytes += streamed.bytes;
      // Known once the answer has ended (or told first): a chain refused before then has none to report.
      survey.report.length = streamed.length;
    }
    if (streamed.length! > ourLength && pages.length > 0) survey.contender = { kind: 'streamed', pages };
    return survey;
  }

  private async fetchAboveFork(
    survey: PeerSurvey,
    ourLength: number,
    hashAtOurLength: string | undefined,
  ): Promise<PeerBlocks> {
    const peerLength = survey.report.length!;
    const fork = await this.forkHeight(survey, ourLength, hashAtOurLength);
    const rules = this.chain.rules();
    if (fork === 0 && rules.genesisHash !== undefined) {
      throw new PeerFailure('invalid', 'its chain does not start with our pinned genesis block');
    }
    const blocks: Block[] = [];
    const hashes: string[] = [];
    let after: TipText | null = fork === 0 ? null : tipText(this.chain.tipAt(fork)!);
    const fetchPage = (from: number) => {
      const limit = Math.min(PAGE_BLOCKS, peerLength - from + 1);
      const text = this.text(survey, `/blocks?from=${from}&limit=${limit}`, this.config.maxChainBytes);
      // A page fetched ahead may be given up unread when the one before it fails: its failure is nobody's then.
      text.catch(() => undefined);
      return { from, limit, text };
    };
    let page = fetchPage(fork + 1);
    for (;;) {
      const text = await page.text;
      // The next page travels while this one is checked; it starts right unless this one holds fewer than asked.
      const nextFrom = page.from + page.limit;
      const next = nextFrom <= peerLength ? fetchPage(nextFrom) : undefined;
      const reading = read(await this.read(text, { envelope: 'page', after }, rules));
      if (reading.length < peerLength) throw new PeerFailure('bad-response', 'it serves less than the length it told');
      const checked = parsed(reading.checked);
      if (checked.blocks.length > page.limit)
        throw new PeerFailure('bad-response', 'a page holds more blocks than asked');
      blocks.push(...checked.blocks);
      hashes.push(...checked.hashes);
      const last = blocks[blocks.length - 1];
      after = tipText({ index: last.index, hash: hashes[hashes.length - 1], proof: last.proof });
      const from = fork + blocks.length + 1;
      if (from > peerLength) break;
      page = next?.from === from ? next : fetchPage(from);
    }
    return { firstHeight: fork + 1, blocks, hashes };
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
    return hashPage(okText(await this.get(survey, path, HASHES_ANSWER_MAX_BYTES), path), from, limit, path);
  }

  private async text(survey: PeerSurvey, path: string, maxBytes: number): Promise<string> {
    return okText(await this.get(survey, path, maxBytes), path);
  }

  /** Any answer of the peer's, its bytes counted. */
  private async get(survey: PeerSurvey, path: string, maxBytes: number): Promise<AxiosResponse<string>> {
    const response = await this.peers.getText(survey.report.node, path, maxBytes);
    if (typeof response.data === 'string') survey.bytes += Buffer.byteLength(response.data);
    return response;
  }

  private async read(text: string, question: AnswerQuestion, rules: ChainRules): Promise<AnswerReading> {
    try {
      return await this.pool.read(text, question, rules);
    } catch (error) {
      // The worker died on it (out of memory on a hostile answer, say): the answer cannot be adopted.
      throw new PeerFailure('invalid', `its answer cannot be checked: ${(error as Error).message}`);
    }
  }
}

function hashesPath(from: number, limit: number): string {
  return `/blocks/hashes?from=${from}&limit=${limit}`;
}

function okText(response: AxiosResponse<string>, path: string): string {
  if (response.status !== 200 || typeof response.data !== 'string') {
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

/** A reading that is not a refusal, or the refusal thrown. */
function read(reading: AnswerReading): Extract<AnswerReading, { outcome: 'read' }> {
  if (reading.outcome === 'read') return reading;
  const at = reading.index === undefined ? '' : `block ${reading.index}: `;
  throw new PeerFailure(reading.outcome, `${at}${reading.reason}`);
}

/** A streamed chain's checked pages above the fork, as one download. */
function joinedPages(pages: CheckedPage[]): PeerBlocks {
  const hashes = pages.flatMap((page) => page.checked.hashes);
  const bodies = pages.flatMap((page) => page.checked.bodies);
  return { firstHeight: pages[0].firstHeight, ...parsed({ hashes, bodies }) };
}

/** Checked blocks as this thread needs them: parsed again from their text, numbers with their Python kinds. */
function parsed({ hashes, bodies }: CheckedBlocks): { blocks: Block[]; hashes: string[] } {
  return { blocks: bodies.map((body) => parseJson(body) as Block), hashes };
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
