import { BadRequestException, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Subscription } from 'rxjs';
import { ChainChange, ChainService } from '../chain/chain.service';
import {
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
import { AcceptedTransaction, TransactionsService } from '../transactions/transactions.service';
import { ConsensusService } from './consensus.service';
import { NodesService } from './nodes.service';
import { PeerClient } from './peer-client';

export const ANNOUNCE_PATH = '/nodes/announce';

export type AnnounceOutcome = 'added' | 'known' | 'resolving';

/**
 * Announcements cost the sender nothing and a resolve asks every peer: announcements trigger one a second at most,
 * and, while those resolves find nothing better, ever more rarely (down to one a minute).
 */
const FIRST_ANNOUNCED_RESOLVE_GAP_MS = 1000;
const LONGEST_ANNOUNCED_RESOLVE_GAP_MS = 60_000;

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
  private lastAnnouncedResolve = 0;
  private announcedResolveGapMs = FIRST_ANNOUNCED_RESOLVE_GAP_MS;

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
    );
  }

  onModuleDestroy(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
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
      this.transactions.reconcile({ dropped: [], added: [verdict.block] });
      return 'added';
    });
    if (outcome === 'resolving') this.resolveSoon();
    return outcome;
  }

  private resolveSoon(): void {
    if (Date.now() - this.lastAnnouncedResolve < this.announcedResolveGapMs) return;
    this.lastAnnouncedResolve = Date.now();
    this.consensus
      .resolve()
      .then(({ replaced }) => {
        this.announcedResolveGapMs = replaced
          ? FIRST_ANNOUNCED_RESOLVE_GAP_MS
          : Math.min(2 * this.announcedResolveGapMs, LONGEST_ANNOUNCED_RESOLVE_GAP_MS);
      })
      .catch((error: Error) => this.logger.warn(`Resolve failed: ${error.message}`));
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
    const body = dumpJson({ block: new RawJson(blockText) });
    this.toEveryPeer(`block ${index}`, (node) => this.peers.postJson(node, ANNOUNCE_PATH, body));
  }

  /** Every transaction taken, from a client or relayed, goes on with its relay id: each node takes it once. */
  private forward({ transaction, relayId }: AcceptedTransaction): void {
    const body = dumpJson(transaction);
    const headers = { [RELAY_HEADER]: relayId };
    this.toEveryPeer('a transaction', (node) => this.peers.postJson(node, '/transactions/new', body, headers));
  }

  /** Fire and forget: a peer that is down or slow delays nobody and is caught up by its next resolve. */
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
