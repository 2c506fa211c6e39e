import { Injectable } from '@nestjs/common';
import { AxiosError } from 'axios';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { ChainService } from '../chain/chain.service';
import { NodeConfig } from '../config/node-config';
import { ChainAnswerError, ChainAnswerSplitter } from '../core';
import { AnswerCheckPool } from './answer-check/answer-check-pool';
import { CheckedPage, pagePart } from './peer-chains';
import { PeerClient } from './peer-client';
import { PeerFailure, readAnswer } from './peer-failure';

/**
 * Blocks read from the stream before they are sent to be checked together: few enough that checking starts soon
 * after the answer does and that little is held in flight, many enough that handing a batch over costs little
 * beside checking it.
 */
const STREAM_BATCH_BLOCKS = 500;
/** Batches checked at once: one per answer-check thread, while the next is read. */
const BATCHES_IN_FLIGHT = 2;
/**
 * Blocks a peer must send within each `PEER_TIMEOUT_MS` of waiting, whatever the batches: one that trickles more
 * slowly is cut off, so that it cannot hold a resolve for long however big an answer `MAX_CHAIN_BYTES` lets it send.
 */
const BLOCKS_PER_TIMEOUT = 1000;

/** Where a reference-style peer's streamed chain stands, for the peer's report. */
export interface StreamedChain {
  /** Bytes of the answer read so far. */
  bytes: number;
  /** The `length` the answer told, once it has ended. */
  length?: number;
}

/**
 * A reference-style peer's chain, read from its `GET /chain` as it streams, never whole: its blocks split from the
 * answer's text (`ChainAnswerSplitter`), checked a batch at a time on the answer-check threads against the block
 * before each batch, and compared with ours as they come. The pages given are the checked blocks above the height
 * where the peer's chain forks from ours: blocks it shares with ours are dropped as they are read.
 *
 * Bounded: the answer's bytes by `MAX_CHAIN_BYTES` (too-large past it); the wait for the answer's first bytes, and
 * then for each `BLOCKS_PER_TIMEOUT` blocks, by `PEER_TIMEOUT_MS`, time spent checking and writing left out; what is
 * held at once by two batches in flight and the one being read.
 */
@Injectable()
export class ReferenceChainPages {
  constructor(
    private readonly config: NodeConfig,
    private readonly peers: PeerClient,
    private readonly chain: ChainService,
    private readonly pool: AnswerCheckPool,
  ) {}

  /** The checked pages of `node`'s chain above its fork from ours, read from its `GET /chain` to the answer's end. */
  async *pages(node: string, streamed: StreamedChain): AsyncGenerator<CheckedPage, void, undefined> {
    const deadline = new WaitDeadline(this.config.peerTimeoutMs);
    const rules = this.chain.rules();
    const splitter = new ChainAnswerSplitter();
    const decoder = new StringDecoder('utf8');
    const inFlight: Promise<CheckedPage>[] = [];
    let batch: string[] = [];
    let previousText: string | null = null;
    let read = 0;
    let readWhenTimed = 0;
    let forkFound = false;
    const send = (texts: string[]) => {
      const check = this.check(read + 1, previousText, texts, rules);
      // Handled here too: a batch refused while the stream is read must not count as an unhandled rejection.
      check.catch(() => undefined);
      inFlight.push(check);
      previousText = texts[texts.length - 1];
      read += texts.length;
      if (read - readWhenTimed >= BLOCKS_PER_TIMEOUT) {
        deadline.restart();
        readWhenTimed = read;
      }
    };
    const aboveFork = (page: CheckedPage): CheckedPage | undefined => {
      if (forkFound) return page;
      const shared = this.sharedCount(page);
      if (shared === page.hashes.length) return undefined;
      forkFound = true;
      return pagePart(page, shared);
    };
    let stream: Readable | undefined;
    try {
      stream = await deadline.bound((signal) => this.open(node, signal));
      const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
      for (;;) {
        const next = await deadline.bound(() => chunks.next());
        if (next.done) break;
        streamed.bytes += next.value.length;
        if (streamed.bytes > this.config.maxChainBytes) {
          throw new PeerFailure('too-large', `its chain is over MAX_CHAIN_BYTES (${this.config.maxChainBytes} bytes)`);
        }
        for (const text of splitter.push(decoder.write(next.value))) {
          batch.push(text);
          if (batch.length < STREAM_BATCH_BLOCKS) continue;
          send(batch);
          batch = [];
          if (inFlight.length >= BATCHES_IN_FLIGHT) {
            const page = aboveFork(await inFlight.shift()!);
            if (page) yield page;
          }
        }
      }
      splitter.push(decoder.end());
      streamed.length = splitter.end();
      if (batch.length > 0) send(batch);
      while (inFlight.length > 0) {
        const page = aboveFork(await inFlight.shift()!);
        if (page) yield page;
      }
    } catch (error) {
      throw streamFailure(error, deadline);
    } finally {
      deadline.stop();
      // Whatever is left unread is not wanted: the connection closes.
      stream?.destroy();
    }
  }

  private async open(node: string, signal: AbortSignal): Promise<Readable> {
    const response = await this.peers.getStream(node, '/chain', signal);
    if (response.status !== 200) {
      response.data.destroy();
      throw new PeerFailure('bad-response', `/chain: answered ${response.status}`);
    }
    if (Number(response.headers['content-length']) > this.config.maxChainBytes) {
      response.data.destroy();
      throw new PeerFailure('too-large', `its chain is over MAX_CHAIN_BYTES (${this.config.maxChainBytes} bytes)`);
    }
    return response.data;
  }

  private async check(
    firstIndex: number,
    previousText: string | null,
    texts: string[],
    rules: ReturnType<ChainService['rules']>,
  ): Promise<CheckedPage> {
    const reading = await readAnswer(this.pool.checkBatch({ firstIndex, previousText, texts }, rules));
    return { firstHeight: firstIndex, ...reading.checked };
  }

  /** How many of the page's blocks, from its first, are ours. */
  private sharedCount({ firstHeight, hashes }: CheckedPage): number {
    const ours = this.chain.hashesFrom(firstHeight, hashes.length).hashes;
    let shared = 0;
    while (shared < ours.length && ours[shared] === hashes[shared]) shared++;
    return shared;
  }
}

/**
 * The time a peer gets to deliver what is waited for: the answer's first bytes, then each `BLOCKS_PER_TIMEOUT`
 * blocks. Waiting on the peer counts; checking and writing what it sent does not. Past it, the request is aborted.
 */
class WaitDeadline {
  private readonly controller = new AbortController();
  private timer?: NodeJS.Timeout;
  private remainingMs: number;
  expired = false;

  constructor(private readonly timeoutMs: number) {
    this.remainingMs = timeoutMs;
  }

  /** Runs `wait`, counting its time against what is left of the deadline. */
  async bound<T>(wait: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const started = performance.now();
    this.timer = setTimeout(() => {
      this.expired = true;
      this.controller.abort();
    }, this.remainingMs);
    try {
      return await wait(this.controller.signal);
    } finally {
      clearTimeout(this.timer);
      this.remainingMs -= performance.now() - started;
    }
  }

  /** The next blocks are waited for: the whole timeout again. */
  restart(): void {
    this.remainingMs = this.timeoutMs;
  }

  /** The answer is done with: the request is aborted, should it still be under way. */
  stop(): void {
    clearTimeout(this.timer);
    this.controller.abort();
  }
}

function streamFailure(error: unknown, deadline: WaitDeadline): unknown {
  if (deadline.expired) return new PeerFailure('timeout', 'it sent its chain too slowly');
  if (error instanceof ChainAnswerError) return new PeerFailure(error.outcome, error.message);
  // Cut off mid-answer: a stream error that is not axios's own (those, before the answer, keep their meaning).
  if (!(error instanceof PeerFailure) && !(error instanceof AxiosError)) {
    return new PeerFailure('bad-response', `its answer broke off: ${(error as Error).message}`);
  }
  return error;
}
