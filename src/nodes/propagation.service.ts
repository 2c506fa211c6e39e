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
import { NodeIdentityService } from '../identity/node-identity.service';
import { TransactionsService } from '../transactions/transactions.service';
import { AnnouncedResolveGap } from './announced-resolve-gap';
import { ConsensusService } from './consensus.service';
import { NodesService } from './nodes.service';
import { heard, PeerClient } from './peer-client';
import { NODE_ID_PATTERN, PeerIds } from './peer-ids';

export const ANNOUNCE_PATH = '/nodes/announce';

export type AnnounceOutcome = 'added' | 'known' | 'resolving';

/**
 * How often a peer that our tip did not reach is offered it again. When a network split heals, nobody else tells the
 * two sides that they differ until the next block, seconds away: this does within a quarter of a second, at the cost
 * of at most four attempts a second per peer that is down (one at a time: an attempt that waits for its answer is
 * not repeated meanwhile).
 */
const CATCH_UP_EVERY_MS = 250;

/**
 * Spreads blocks without waiting for a resolve: every new tip goes to every peer (gossip; transactions have their own,
 * `TransactionRelay`). Peers that do not know the announce route, such as reference nodes, simply answer 404 and pick
 * the block up at their next resolve.
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
  /** The latest block a peer announced that we appended, and the node that announced it: it is not sent back. */
  private lastAppended?: { hash: string; from?: string };
  /** The peers (down, or cut off) that our tip did not reach; and those being offered it again now. */
  private readonly missedTip = new Set<string>();
  private readonly catchingUp = new Set<string>();
  private catchUpTimer?: NodeJS.Timeout;

  constructor(
    private readonly nodes: NodesService,
    private readonly peers: PeerClient,
    private readonly chain: ChainService,
    private readonly transactions: TransactionsService,
    private readonly consensus: ConsensusService,
    private readonly writer: DatabaseWriter,
    private readonly identity: NodeIdentityService,
    private readonly peerIds: PeerIds,
  ) {}

  onModuleInit(): void {
    this.subscriptions.push(
      this.chain.changes.subscribe((change) => this.announceNewTip(change)),
      this.consensus.resolutions.subscribe(({ replaced }) => replaced && this.announceAdoptedTip()),
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
   * first: an announcement costs its sender nothing, and must not cost us a resolve. The announcement may name the
   * node that sends it, which is then not sent the block back.
   */
  async receive(body: string): Promise<AnnounceOutcome> {
    let block: JsonValue | undefined;
    let from: JsonValue | undefined;
    try {
      const parsed = parseJson(body);
      if (isJsonObject(parsed)) ({ block, node: from } = parsed);
    } catch {
      throw new BadRequestException('The body is not JSON');
    }
    if (block === undefined) throw new BadRequestException('Expected {"block": {...}}');
    if (from !== undefined && (typeof from !== 'string' || !NODE_ID_PATTERN.test(from))) {
      throw new BadRequestException('node must be 1 to 64 letters, digits or hyphens');
    }
    const shape = validateBlockShape(block, this.chain.rules());
    if (!shape.valid) throw new BadRequestException(`The block is invalid: ${shape.reason}`);
    const offered = shape.block;
    const outcome = await this.writer.run((): AnnounceOutcome => {
      const tip = this.chain.tip();
      if (offered.index <= tip.index) return 'known';
      if (offered.index > tip.index + 1 || offered.previous_hash !== tip.hash) return 'resolving';
      const verdict = validateNextBlock(tip, offered, this.chain.rules());
      if (!verdict.valid) throw new BadRequestException(`The block is invalid: ${verdict.reason}`);
      this.lastAppended = { hash: verdict.hash, from };
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
    if (change.kind !== 'appended' || change.source === 'genesis') return;
    const from = this.lastAppended?.hash === change.hash ? this.lastAppended.from : undefined;
    this.announce(change.block.index, blockWireText(change.block), from);
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

  /**
   * To every peer but the node the block came from (`from`). Fire and forget: a peer that is down or slow delays
   * nobody; it is offered our tip again, or resolves itself.
   */
  private announce(index: number, blockText: string, from?: string): void {
    const announcement = dumpJson({ block: new RawJson(blockText), node: this.identity.nodeId });
    this.tipAnnouncement = announcement;
    let nodes: string[];
    try {
      nodes = this.nodes.list();
    } catch (error) {
      this.logger.warn(`Could not announce block ${index}: ${(error as Error).message}`);
      return;
    }
    for (const node of nodes.filter((peer) => !this.peerIds.is(peer, from))) {
      this.sendTip(node, announcement).catch((error: Error) =>
        this.logger.debug(`Could not announce block ${index} to ${node}: ${error.message}`),
      );
    }
  }

  /**
   * An answer means the peer heard it (a reference node's 404 included), unless it says to come back later (see
   * `heard`); no answer, or that one, and it is to hear it again.
   */
  private async sendTip(node: string, announcement: string): Promise<void> {
    try {
      const answer = heard(await this.peers.postJson(node, ANNOUNCE_PATH, announcement));
      this.peerIds.learn(node, answer.body);
      this.missedTip.delete(node);
    } catch (error) {
      this.missedTip.add(node);
      throw error;
    }
  }

  /** Each registered peer that missed our tip is offered it again, one attempt per peer at a time. */
  private catchUp(): void {
    const registered = this.missedTip.size > 0 ? this.nodes.registered() : undefined;
    if (!registered) return;
    for (const node of this.missedTip) {
      if (!registered.has(node)) this.missedTip.delete(node);
      else if (!this.catchingUp.has(node)) {
        this.catchingUp.add(node);
        this.sendTip(node, this.tipAnnouncement!)
          .catch((error: Error) => this.logger.debug(`${node} is still out of reach: ${error.message}`))
          .finally(() => this.catchingUp.delete(node));
      }
    }
  }
}
