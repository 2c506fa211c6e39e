import { Injectable, MessageEvent, OnModuleDestroy, OnModuleInit, ServiceUnavailableException } from '@nestjs/common';
import { EMPTY, interval, map, merge, Observable, ReplaySubject, share, Subject, Subscription, takeUntil } from 'rxjs';
import { ChainService } from '../chain/chain.service';
import { NodeConfig } from '../config/node-config';
import { dumpJson } from '../core';
import { ConsensusService } from '../nodes/consensus.service';
import { TransactionsService } from '../transactions/transactions.service';
import { chainEvent, NodeEvent, peerStatusEvent, transactionEvent } from './node-events';

const HEARTBEAT: MessageEvent = { comment: 'heartbeat' };

/**
 * The node's live events for GET /events: what its other modules publish once their writes have committed, each
 * numbered and written out once, then handed to every listener. Counts the listeners, and ends every stream when
 * the node stops.
 */
@Injectable()
export class EventsService implements OnModuleInit, OnModuleDestroy {
  private readonly events = new Subject<MessageEvent>();
  /** One timer for every listener; it runs only while someone listens. */
  private readonly heartbeats: Observable<MessageEvent>;
  /** Replays to late subscribers, so that a stream opened while the node stops ends at once too. */
  private readonly stopping = new ReplaySubject<void>(1);
  private readonly subscriptions: Subscription[] = [];
  private lastId = 0;
  private listeners = 0;

  constructor(
    private readonly config: NodeConfig,
    private readonly chain: ChainService,
    private readonly transactions: TransactionsService,
    private readonly consensus: ConsensusService,
  ) {
    this.heartbeats = interval(config.eventsHeartbeatMs).pipe(
      map(() => HEARTBEAT),
      share(),
    );
  }

  onModuleInit(): void {
    this.subscriptions.push(
      this.chain.changes.subscribe((change) => this.publish(chainEvent(change))),
      this.transactions.accepted.subscribe((accepted) => this.publish(transactionEvent(accepted))),
      this.consensus.peerStatusChanges.subscribe((change) => this.publish(peerStatusEvent(change))),
    );
  }

  /** First of the shutdown: every stream ends, so its connection is idle and closes like any other. */
  onModuleDestroy(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.stopping.next();
  }

  /** Streams connected now. */
  listenerCount(): number {
    return this.listeners;
  }

  /**
   * A new listener's stream, or a 503 when EVENTS_MAX_LISTENERS are connected. Its place is taken now and given
   * back once `ended` aborts, which happens however the stream ends (the client left, was too slow, the node stops).
   */
  listen(ended: AbortSignal): Observable<MessageEvent> {
    if (ended.aborted) return EMPTY;
    if (this.listeners >= this.config.eventsMaxListeners) {
      throw new ServiceUnavailableException(
        `Every place on /events is taken (EVENTS_MAX_LISTENERS is ${this.config.eventsMaxListeners}): retry later`,
      );
    }
    this.listeners++;
    ended.addEventListener('abort', () => this.listeners--, { once: true });
    return merge(this.events, this.heartbeats).pipe(takeUntil(this.stopping));
  }

  private publish(event: NodeEvent): void {
    if (!this.events.observed) return;
    // Python's JSON, as every answer of the node: numbers keep their kind, and it is ASCII on one line (escaped
    // line breaks), so no character of it can end the data line.
    this.events.next({ id: String(++this.lastId), type: event.kind, data: dumpJson(event.data) });
  }
}
