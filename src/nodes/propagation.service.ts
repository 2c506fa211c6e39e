import { BadRequestException, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Subscription } from 'rxjs';
import { ChainChange, ChainService } from '../chain/chain.service';
import {
  BlockTexts,
  blockWireText,
  dumpJson,
  isJsonObject,
  JsonValue,
  parseJson,
  RawJson,
  validateBlockShape,
  validateNextBlock,
} from '../core';
import { DatabaseWriter } from '../database/database-writer';
import { RELAY_HEADER } from '../transactions/relay-header';
import { RelayedTransaction, TransactionsService } from '../transactions/transactions.service';
import { AnnouncedResolveGap } from './announced-resolve-gap';
import { ConsensusService } from './consensus.service';
import { NodesService } from './nodes.service';
import { PeerClient } from './peer-client';

export const ANNOUNCE_PATH = '/nodes/announce';

export type AnnounceOutcome = 'added' | 'known' | 'resolving';

/**
 * How often a peer that something did not reach (our tip, transactions) is offered it again. When a network split
 * heals, nobody else tells the two sides that they differ until the next block, seconds away, nor passes on what was
 * sent to one side meanwhile: this does within a second, at the cost of one failed connection a second per peer
 * that is down.
 */
const CATCH_UP_EVERY_MS = 1000;
/** Half as long as nodes remember the relay ids they took: a copy sent later might be taken twice. */
const MISSED_TRANSACTION_KEEP_MS = 5 * 60_000;
const MISSED_TRANSACTIONS_PER_PEER = 10_000;

/** What did not reach a peer: the announcement of our tip, transactions (oldest first, with when they missed it). */
interface Missed {
  tip: boolean;
  transactions: { relayed: RelayedTransaction; at: number }[];
}

/**
 * Spreads news without waiting for a resolve: every new tip goes to every peer, and every transaction this node takes
 * goes on to every peer, each node taking it once (gossip). Peers that do not know the announce route, such as
 * reference nodes, simply answer 404 and pick the block up at their next resolve; they store a relayed transaction
 * and pass it no further.
 */
@Injectable()
export class PropagationService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PropagationService.name);
  private readonly subscriptions: Subscription[] = [];
  private readonly resolveGap = new AnnouncedResolveGap();
  /** An announced resolve waiting for the gap to pass. */
  private resolveTimer?: NodeJS.Timeout;
  private resolving = false;
  /** The height of the furthest block announced that was not ours: no resolve is needed once our chain reaches it. */
  private announcedHeight = 0;
  /** A block was announced while the resolve ran, so its answers may predate it. */
  private announcedWhileResolving = false;
  /** The announcement of our latest tip. */
  private tipAnnouncement?: string;
  /** By peer (down, or cut off): what did not reach it; and the peers being caught up now. */
  private readonly missed = new Map<string, Missed>();
  private readonly catchingUp = new Set<string>();
  private catchUpTimer?: NodeJS.Timeout;

  constructor(
    private readonly nodes: NodesService,
    private readonly peers: PeerClient,
    private readonly chain: ChainService,
    private readonly transactions: TransactionsService,
    private readonly consensus: ConsensusService,
    private readonly writer: DatabaseWriter,
  ) {}

  onModuleInit(): void {
    this.subscriptions.push(
      this.chain.changes.subscribe((change) => this.announceNewTip(change)),
      this.consensus.resolutions.subscribe(({ replaced }) => replaced && this.announceAdoptedTip()),
      this.transactions.accepted.subscribe((accepted) => this.forward(accepted)),
      this.transactions.restored.subscribe((restored) => this.forward(restored)),
    );
    this.catchUpTimer = setInterval(() => this.catchUp(), CATCH_UP_EVERY_MS);
    this.catchUpTimer.unref();
  }

  onModuleDestroy(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    clearTimeout(this.resolveTimer);
    clearInterval(this.catchUpTimer);
  }

  /**
   * A peer's block: appended when it extends our tip, ignored when our chain is as long, and a reason to resolve
   * when the peer is further ahead or on another branch. Anything but a complete, well-formed block is refused
   * first: an announcement costs its sender nothing, and must not cost us a resolve.
   */
  async receive(body: string): Promise<AnnounceOutcome> {
    let block: JsonValue | undefined;
    try {
      const parsed = parseJson(body);
      block = isJsonObject(parsed) ? parsed.block : undefined;
    } catch {
      throw new BadRequestException('The body is not JSON');
    }
    if (block === undefined) throw new BadRequestException('Expected {"block": {...}}');
    const shape = validateBlockShape(block, this.chain.rules());
    if (!shape.valid) throw new BadRequestException(`The block is invalid: ${shape.reason}`);
    const offered = shape.block;
    const outcome = await this.writer.run((): AnnounceOutcome => {
      const tip = this.chain.tip();
      if (offered.index <= tip.index) return 'known';
      if (offered.index > tip.index + 1 || offered.previous_hash !== tip.hash) return 'resolving';
      const verdict = validateNextBlock(tip, offered, this.chain.rules());
      if (!verdict.valid) throw new BadRequestException(`The block is invalid: ${verdict.reason}`);
      this.chain.append(verdict.block, 'announced', verdict.hash);
      this.transactions.reconcile({ dropped: [], added: BlockTexts.of([verdict.block]) });
      return 'added';
    });
    if (outcome === 'resolving') {
      this.announcedHeight = Math.max(this.announcedHeight, offered.index);
      this.resolveSoon();
    }
    return outcome;
  }

  /**
   * A resolve for announced blocks: at once, or when the gap since the last one has passed. An announcement that
   * comes during the gap or during a resolve is not dropped but answered by the next resolve, so every announced
   * block is looked for by a resolve that started after it came, unless our chain has reached its height by then.
   */
  private resolveSoon(): void {
    if (this.resolving) {
      this.announcedWhileResolving = true;
      return;
    }
    if (this.resolveTimer || this.chain.length() >= this.announcedHeight) return;
    const waitMs = this.resolveGap.waitMs(Date.now());
    if (waitMs === 0) return this.startResolve();
    this.resolveTimer = setTimeout(() => {
      this.resolveTimer = undefined;
      this.resolveSoon();
    }, waitMs);
    this.resolveTimer.unref();
  }

  private startResolve(): void {
    this.resolving = true;
    this.announcedWhileResolving = false;
    this.resolveGap.started(Date.now());
    this.consensus
      .resolve()
      .then((resolution) => this.resolveGap.finished(resolution, this.chain.length() >= this.announcedHeight))
      .catch((error: Error) => this.logger.warn(`Resolve failed: ${error.message}`))
      .finally(() => {
        this.resolving = false;
        if (this.announcedWhileResolving) this.resolveSoon();
      });
  }

  /**
   * Every new tip goes to every peer, however it came: mined here, announced by a peer, or adopted by a resolve. A
   * peer that has it answers "known" and the relay ends there; one that is behind appends it or resolves, and
   * announces on in turn, so a block crosses a network of any shape without waiting for a sync tick.
   */
  private announceNewTip(change: ChainChange): void {
    if (change.kind === 'appended' && change.source !== 'genesis')
      this.announce(change.block.index, blockWireText(change.block));
  }

  /**
   * An adoption may take many writes (a page of a long chain each): its tip is announced once, when the resolve that
   * adopted it ends, not at every write.
   */
  private announceAdoptedTip(): void {
    const length = this.chain.length();
    const tip = this.chain.blockAt(length);
    if (tip) this.announce(length, tip.text);
  }

  private announce(index: number, blockText: string): void {
    const announcement = dumpJson({ block: new RawJson(blockText) });
    this.tipAnnouncement = announcement;
    this.toEveryPeer(`block ${index}`, (node) => this.sendTip(node, announcement));
  }

  /**
   * An answer means the peer heard it (a reference node's 404 included), unless it says to come back later (see
   * `heard`); no answer, or that one, and it is to hear it again.
   */
  private async sendTip(node: string, announcement: string): Promise<number> {
    try {
      const status = heard(await this.peers.postJson(node, ANNOUNCE_PATH, announcement));
      const missed = this.missed.get(node);
      if (missed) missed.tip = false;
      return status;
    } catch (error) {
      this.missedBy(node).tip = true;
      throw error;
    }
  }

  /**
   * Every transaction taken, from a client or relayed, goes on with its relay id: each node takes it once. So does
   * one a reorganization restored, with the id it first came with: only nodes that never had it take it.
   */
  private forward(relayed: RelayedTransaction): void {
    this.toEveryPeer('a transaction', (node) =>
      this.sendTransaction(node, relayed).catch((error: Error) => {
        const { transactions } = this.missedBy(node);
        if (transactions.length >= MISSED_TRANSACTIONS_PER_PEER) transactions.shift();
        transactions.push({ relayed, at: Date.now() });
        throw error;
      }),
    );
  }

  private async sendTransaction(node: string, { transaction, relayId }: RelayedTransaction): Promise<number> {
    const headers = { [RELAY_HEADER]: relayId };
    return heard(await this.peers.postJson(node, '/transactions/new', dumpJson(transaction), headers));
  }

  private missedBy(node: string): Missed {
    let missed = this.missed.get(node);
    if (!missed) this.missed.set(node, (missed = { tip: false, transactions: [] }));
    return missed;
  }

  /** Each registered peer that missed something is sent it again, one peer's catching up at a time. */
  private catchUp(): void {
    if (this.missed.size === 0) return;
    let registered: Set<string>;
    try {
      registered = new Set(this.nodes.list());
    } catch {
      return;
    }
    for (const node of this.missed.keys()) {
      if (!registered.has(node)) this.missed.delete(node);
      else if (!this.catchingUp.has(node)) {
        this.catchingUp.add(node);
        this.catchUpWith(node)
          .catch((error: Error) => this.logger.debug(`${node} is still out of reach: ${error.message}`))
          .finally(() => this.catchingUp.delete(node));
      }
    }
  }

  /** Our tip first, then the transactions in order; the first that does not reach the peer ends this attempt. */
  private async catchUpWith(node: string): Promise<void> {
    const missed = this.missed.get(node)!;
    if (missed.tip) await this.sendTip(node, this.tipAnnouncement!);
    while (missed.transactions.length > 0) {
      const { relayed, at } = missed.transactions[0];
      if (at > Date.now() - MISSED_TRANSACTION_KEEP_MS) await this.sendTransaction(node, relayed);
      missed.transactions.shift();
    }
    if (!missed.tip) this.missed.delete(node);
  }

  /** Fire and forget: a peer that is down or slow delays nobody; it is offered our tip again, or resolves itself. */
  private toEveryPeer(what: string, send: (node: string) => Promise<number>): void {
    let nodes: string[];
    try {
      nodes = this.nodes.list();
    } catch (error) {
      this.logger.warn(`Could not send ${what}: ${(error as Error).message}`);
      return;
    }
    for (const node of nodes) {
      send(node).catch((error: Error) => this.logger.debug(`Could not send ${what} to ${node}: ${error.message}`));
    }
  }
}

/**
 * A peer's answer to what was sent to it, unless the answer says it was not taken for now (a 429 of its rate limit,
 * a 503 of its database, any 5xx): that throws, and it is offered again. A refusal (4xx) is final.
 */
function heard(status: number): number {
  if (status === 429 || status >= 500) throw new Error(`it answered ${status}`);
  return status;
}
