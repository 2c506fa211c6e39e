import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Subscription } from 'rxjs';
import { dumpJson, JsonNumber } from '../core';
import { NodeIdentityService } from '../identity/node-identity.service';
import { RELAY_HEADER } from '../transactions/relay-header';
import { RelayedTransaction, TransactionsService } from '../transactions/transactions.service';
import { MAX_RELAY_BATCH, RelayTransactionsDto } from './dto/relay.dto';
import { NodesService } from './nodes.service';
import { heard, PeerClient } from './peer-client';
import { PeerIds } from './peer-ids';

export const RELAY_PATH = '/nodes/relay';

/**
 * At most one relay request per peer in this time, carrying every transaction that came meanwhile. A lone transaction
 * goes at once; under load, each request carries many, so the cost of gossip grows with the transactions' bytes
 * rather than with one HTTP exchange per transaction, per node, per peer.
 */
const RELAY_INTERVAL_MS = 500;
/** How often a peer that something did not reach (down, cut off, or answering "not now") is offered it again. */
const RETRY_EVERY_MS = 1000;
/** Half as long as nodes remember the relay ids they took: a copy sent later might be taken twice. */
const KEEP_MS = 5 * 60_000;
const QUEUED_PER_PEER = 10_000;
/**
 * A peer that lacks the relay route (a reference node, or one of ours from before it: 404, 405) or takes smaller
 * bodies than a batch (413, its MAX_BODY_BYTES) is sent one transaction a request, as a client would, for this long;
 * then it is asked again, in case it changed.
 */
const ONE_BY_ONE_MS = 10 * 60_000;
const ONE_BY_ONE_ANSWERS = new Set([404, 405, 413]);

interface Queued {
  relayed: RelayedTransaction;
  at: number;
}

/** The transactions on their way to one peer, oldest first. */
interface Outbox {
  queue: Queued[];
  /** When its latest request started. */
  lastSentAt: number;
  sending: boolean;
  /** Its latest request got no answer, or "not now": it waits for the next retry. */
  failed: boolean;
  timer?: NodeJS.Timeout;
}

/**
 * Gossip of transactions: every transaction this node takes, from a client or from a peer, goes on to every peer
 * (but the one that sent it), each node taking it once by its relay id. A reorganization's restored payments go to
 * every peer again, with the ids they first came with: only nodes that never had them take them.
 */
@Injectable()
export class TransactionRelay implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(TransactionRelay.name);
  private readonly subscriptions: Subscription[] = [];
  private readonly outboxes = new Map<string, Outbox>();
  /** Peers without the relay route, and until when they are sent one transaction a request. */
  private readonly oneByOneUntil = new Map<string, number>();
  private retryTimer?: NodeJS.Timeout;

  constructor(
    private readonly nodes: NodesService,
    private readonly peers: PeerClient,
    private readonly transactions: TransactionsService,
    private readonly identity: NodeIdentityService,
    private readonly peerIds: PeerIds,
  ) {}

  onModuleInit(): void {
    this.subscriptions.push(
      this.transactions.accepted.subscribe((accepted) => this.forward(accepted, accepted.from)),
      this.transactions.restored.subscribe((restored) => this.forward(restored)),
    );
    this.retryTimer = setInterval(() => this.retry(), RETRY_EVERY_MS);
    this.retryTimer.unref();
  }

  onModuleDestroy(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    clearInterval(this.retryTimer);
    for (const outbox of this.outboxes.values()) clearTimeout(outbox.timer);
  }

  /**
   * A peer's batch, each transaction with the amount as it was written: stored once per relay id, all in one commit.
   * Resolves to the index of the block that will hold them.
   */
  async receive({ node, transactions }: RelayTransactionsDto, amounts: JsonNumber[]): Promise<number> {
    const indexes = await Promise.all(
      transactions.map(({ relay_id: relayId, transaction: { sender, recipient } }, position) =>
        this.transactions.add({ sender, recipient, amount: amounts[position] }, { relayId, from: node }),
      ),
    );
    return Math.max(...indexes);
  }

  private forward({ transaction, relayId }: RelayedTransaction, from?: string): void {
    let nodes: string[];
    try {
      nodes = this.nodes.list();
    } catch (error) {
      this.logger.warn(`Could not relay a transaction: ${(error as Error).message}`);
      return;
    }
    const queued = { relayed: { transaction, relayId }, at: Date.now() };
    for (const node of nodes) {
      if (this.peerIds.is(node, from)) continue;
      let outbox = this.outboxes.get(node);
      if (!outbox) this.outboxes.set(node, (outbox = { queue: [], lastSentAt: 0, sending: false, failed: false }));
      if (outbox.queue.length >= QUEUED_PER_PEER) outbox.queue.shift();
      outbox.queue.push(queued);
      this.schedule(node, outbox);
    }
  }

  /** The next request to the peer: once the interval since the last one has passed, or at once for a full batch. */
  private schedule(node: string, outbox: Outbox): void {
    if (outbox.sending || outbox.failed || outbox.timer || outbox.queue.length === 0) return;
    const waitMs =
      outbox.queue.length >= MAX_RELAY_BATCH ? 0 : Math.max(0, outbox.lastSentAt + RELAY_INTERVAL_MS - Date.now());
    outbox.timer = setTimeout(() => {
      outbox.timer = undefined;
      void this.send(node, outbox);
    }, waitMs);
    outbox.timer.unref();
  }

  private async send(node: string, outbox: Outbox): Promise<void> {
    // A peer removed meanwhile is sent nothing more.
    if (this.outboxes.get(node) !== outbox) return;
    outbox.sending = true;
    outbox.lastSentAt = Date.now();
    try {
      while (outbox.queue.length > 0 && outbox.queue[0].at <= outbox.lastSentAt - KEEP_MS) outbox.queue.shift();
      if ((this.oneByOneUntil.get(node) ?? 0) > Date.now()) await this.sendOneByOne(node, outbox.queue);
      else await this.sendBatch(node, outbox.queue);
    } catch (error) {
      outbox.failed = true;
      this.logger.debug(`Could not relay transactions to ${node}: ${(error as Error).message}`);
    } finally {
      outbox.sending = false;
      this.schedule(node, outbox);
    }
  }

  private async sendBatch(node: string, queue: Queued[]): Promise<void> {
    const batch = queue.slice(0, MAX_RELAY_BATCH);
    if (batch.length === 0) return;
    const body = dumpJson({
      node: this.identity.nodeId,
      transactions: batch.map(({ relayed }) => ({ relay_id: relayed.relayId, transaction: relayed.transaction })),
    });
    const answer = heard(await this.peers.postJson(node, RELAY_PATH, body));
    if (ONE_BY_ONE_ANSWERS.has(answer.status)) {
      this.oneByOneUntil.set(node, Date.now() + ONE_BY_ONE_MS);
      return this.sendOneByOne(node, queue);
    }
    this.peerIds.learn(node, answer.body);
    // What was sent is still at the front, unless a full queue dropped some of it meanwhile.
    const sent = new Set(batch);
    let count = 0;
    while (count < queue.length && sent.has(queue[count])) count++;
    queue.splice(0, count);
  }

  /** Each transaction as a client sends it, with its relay id in a header, which a reference node ignores. */
  private async sendOneByOne(node: string, queue: Queued[]): Promise<void> {
    while (queue.length > 0) {
      const first = queue[0];
      const { transaction, relayId } = first.relayed;
      heard(await this.peers.postJson(node, '/transactions/new', dumpJson(transaction), { [RELAY_HEADER]: relayId }));
      if (queue[0] === first) queue.shift();
    }
  }

  /** Each registered peer that something did not reach is offered it again; a removed peer is forgotten. */
  private retry(): void {
    const registered = this.outboxes.size > 0 ? this.nodes.registered() : undefined;
    if (!registered) return;
    for (const [node, outbox] of this.outboxes) {
      if (!registered.has(node)) {
        clearTimeout(outbox.timer);
        this.outboxes.delete(node);
        this.oneByOneUntil.delete(node);
      } else if (outbox.failed) {
        outbox.failed = false;
        this.schedule(node, outbox);
      }
    }
  }
}
