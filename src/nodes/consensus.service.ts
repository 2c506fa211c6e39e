import { Injectable, Logger } from '@nestjs/common';
import { Subject } from 'rxjs';
import { AxiosError } from 'axios';
import { ChainService } from '../chain/chain.service';
import { NodeConfig } from '../config/node-config';
import { setImmediate } from 'node:timers/promises';
import {
  Block,
  BLOCK_DEPTH_LIMIT,
  ChainRules,
  ChainVerdict,
  isJsonObject,
  jsonTextExceedsDepth,
  parseJson,
  sha256Hex,
  validateChainInSteps,
} from '../core';
import { DatabaseWriter } from '../database/database-writer';
import { TransactionsService } from '../transactions/transactions.service';
import { NodesService } from './nodes.service';
import { PeerClient } from './peer-client';

export const PEER_STATUSES = ['ok', 'invalid', 'unreachable', 'timeout', 'too-large', 'bad-response'] as const;
export type PeerStatus = (typeof PEER_STATUSES)[number];

/** What one peer answered to a resolve. `length` is the length of the chain it served, when it served one. */
export interface PeerReport {
  node: string;
  status: PeerStatus;
  length?: number;
}

export interface Resolution {
  replaced: boolean;
  peers: PeerReport[];
}

/** A finished resolve, as the node's metrics see it. */
export interface ResolveRecord extends Resolution {
  durationSeconds: number;
  /** Bytes of every peer's answer read. */
  receivedBytes: number;
}

/** A peer whose answer to a resolve changed kind since the last resolve: `previous` is null for a new peer. */
export interface PeerStatusChange extends PeerReport {
  previous: PeerStatus | null;
}

/** The last resolve that ended: when, and what each peer answered. */
export interface LastResolution {
  /** Date.now() when it ended. */
  at: number;
  peers: PeerReport[];
}

interface PeerChain {
  report: PeerReport;
  /** Kept only when it is longer than ours: only such a chain can win. */
  chain?: unknown[];
  /** SHA-256 of the answer, to recognize an invalid chain served again without checking it again. */
  digest?: string;
  /** The size of the answer read, when one was. */
  bytes?: number;
}

// Enough to remember every peer's last few invalid answers; the oldest are forgotten first.
const REMEMBERED_INVALID_CHAINS = 1024;

/** The tutorial's consensus: the longest valid chain among the peers wins, asked of all peers at once. */
@Injectable()
export class ConsensusService {
  private readonly logger = new Logger(ConsensusService.name);

  constructor(
    private readonly config: NodeConfig,
    private readonly peers: PeerClient,
    private readonly nodes: NodesService,
    private readonly chain: ChainService,
    private readonly transactions: TransactionsService,
    private readonly writer: DatabaseWriter,
  ) {}

  /** Every resolve that finished, once it has (its chain adopted, when it won). */
  readonly resolutions = new Subject<ResolveRecord>();
  /** Every change of a peer's status, once the resolve that found it has ended (its chain adopted, when it won). */
  readonly peerStatusChanges = new Subject<PeerStatusChange>();
  private inFlight?: Promise<Resolution>;
  private last?: LastResolution;
  /** Answers already found invalid: a peer serving the same bytes again is not parsed and checked again. */
  private readonly knownInvalid = new Set<string>();

  /** The last resolve that ended, background syncs and announced blocks' included; undefined before the first. */
  lastResolution(): LastResolution | undefined {
    return this.last;
  }

  /** Asks every peer; a resolve asked for while one runs shares its answer rather than asking again. */
  resolve(): Promise<Resolution> {
    this.inFlight ??= this.resolveNow().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async resolveNow(): Promise<Resolution> {
    const started = performance.now();
    const ourLength = this.chain.length();
    const answers = await Promise.all(this.nodes.list().map((node) => this.fetchChain(node, ourLength)));
    // Only a longer chain can win, so only those are validated, longest first; a tie keeps ours.
    const contenders = answers
      .filter((answer) => answer.chain !== undefined)
      .sort((a, b) => b.chain!.length - a.chain!.length);
    let replaced = false;
    for (const contender of contenders) {
      const verdict = await validateWhileServing(contender.chain!, this.chain.rules());
      if (!verdict.valid) {
        contender.report.status = 'invalid';
        this.rememberInvalid(contender.digest!);
        this.logger.warn(`${contender.report.node} served an invalid chain: block ${verdict.index}: ${verdict.reason}`);
        continue;
      }
      replaced = await this.adopt(contender.report.node, verdict.blocks, verdict.hashes);
      break;
    }
    const peers = answers.map((answer) => answer.report);
    this.reportStatusChanges(peers);
    this.last = { at: Date.now(), peers };
    this.resolutions.next({
      replaced,
      peers,
      durationSeconds: (performance.now() - started) / 1000,
      receivedBytes: answers.reduce((total, answer) => total + (answer.bytes ?? 0), 0),
    });
    return { replaced, peers };
  }

  /** Replaces our chain in one write, unless ours grew at least as long while the peer's was checked. */
  private async adopt(node: string, blocks: Block[], hashes: string[]): Promise<boolean> {
    const adoption = await this.writer.run(() => {
      if (this.chain.length() >= blocks.length) return null;
      const replacement = this.chain.replace(blocks, hashes);
      return { ...replacement, restored: this.transactions.reconcile(replacement) };
    });
    if (!adoption) return false;
    const { dropped, added, restored } = adoption;
    this.logger.log({
      event: 'chain adopted',
      msg: `Adopted ${node}'s chain of ${blocks.length} blocks`,
      from: node,
      forkHeight: blocks.length - added.length,
      dropped: dropped.length,
      added: added.length,
      restored,
    });
    return true;
  }

  /** Logs and publishes each peer whose answer changed kind since the last resolve (new peers included). */
  private reportStatusChanges(peers: PeerReport[]): void {
    const before = new Map(this.last?.peers.map((report) => [report.node, report.status]));
    for (const report of peers) {
      const { node, status } = report;
      const previous = before.get(node) ?? null;
      if (previous === status) continue;
      this.logger.log({
        event: 'peer status changed',
        msg: `${node}: ${previous ?? 'new'} → ${status}`,
        node,
        from: previous,
        to: status,
      });
      this.peerStatusChanges.next({ ...report, previous });
    }
  }

  private rememberInvalid(digest: string): void {
    this.knownInvalid.add(digest);
    if (this.knownInvalid.size > REMEMBERED_INVALID_CHAINS)
      this.knownInvalid.delete(this.knownInvalid.values().next().value!);
  }

  private async fetchChain(node: string, ourLength: number): Promise<PeerChain> {
    let body: string;
    try {
      const response = await this.peers.getText(node, '/chain', this.config.maxChainBytes);
      if (response.status !== 200 || typeof response.data !== 'string') {
        return { report: { node, status: 'bad-response' } };
      }
      body = response.data;
    } catch (error) {
      return { report: { node, status: failureStatus(error) } };
    }
    const bytes = Buffer.byteLength(body);
    const digest = sha256Hex(body);
    if (this.knownInvalid.has(digest)) return { report: { node, status: 'invalid' }, bytes };
    const answer = readChain(node, body);
    // A chain no longer than ours cannot win: let it go now rather than hold every peer's chain to the end.
    if (answer.chain && answer.chain.length <= ourLength) return { report: answer.report, bytes };
    return { ...answer, digest, bytes };
  }
}

/** Checks a peer's chain a step at a time, letting requests in between: a long chain takes seconds to check. */
async function validateWhileServing(chain: unknown[], rules: ChainRules): Promise<ChainVerdict> {
  const steps = validateChainInSteps(chain, rules);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await setImmediate();
  }
}

function failureStatus(error: unknown): PeerStatus {
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

/** Blocks sit two levels down in a `GET /chain` answer, `{"chain": [...]}`. */
const CHAIN_ANSWER_DEPTH_LIMIT = BLOCK_DEPTH_LIMIT + 2;

/** A `GET /chain` answer is `{"chain": [...], "length": n}`; a peer whose length disagrees with its chain lies. */
function readChain(node: string, body: string): PeerChain {
  // Measured before parsing, so that no parser recurses through hostile nesting. Deeper than this, the answer holds
  // a block that breaks the depth rule (or nothing a node could read): no node may adopt it.
  if (jsonTextExceedsDepth(body, CHAIN_ANSWER_DEPTH_LIMIT)) return { report: { node, status: 'invalid' } };
  let parsed;
  try {
    parsed = parseJson(body);
  } catch {
    return { report: { node, status: 'bad-response' } };
  }
  if (!isJsonObject(parsed) || !Array.isArray(parsed.chain) || parsed.length !== parsed.chain.length) {
    return { report: { node, status: 'bad-response' } };
  }
  return { report: { node, status: 'ok', length: parsed.chain.length }, chain: parsed.chain };
}
