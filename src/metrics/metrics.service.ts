import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { RequestHandler } from 'express';
import { statSync } from 'node:fs';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Subscription } from 'rxjs';
import { ChainChange, ChainService } from '../chain/chain.service';
import { NodeConfig } from '../config/node-config';
import { EventsService } from '../events/events.service';
import { ProofSearchService } from '../mining/proof-search.service';
import { ConsensusService, PEER_STATUSES, ResolveRecord } from '../nodes/consensus.service';
import { TransactionsService } from '../transactions/transactions.service';

/**
 * The node's Prometheus metrics, named as Prometheus' guide asks (`blockchain_` prefix, base units, `_total` for
 * counters). What the database knows (height, pending, size) is read when scraped; what happens (blocks, resolves,
 * commits, requests) is counted as it happens, from the events the other modules publish.
 */
@Injectable()
export class MetricsService implements OnModuleInit, OnModuleDestroy {
  readonly registry = new Registry();
  private readonly subscriptions: Subscription[] = [];

  private readonly blocksAdded = new Counter({
    name: 'blockchain_blocks_added_total',
    help: 'Blocks added to the chain since start, by where they came from (mined here, announced, adopted)',
    labelNames: ['source'],
    registers: [this.registry],
  });
  private readonly blocksDropped = new Counter({
    name: 'blockchain_blocks_dropped_total',
    help: 'Blocks of ours dropped by chain replacements since start',
    registers: [this.registry],
  });
  private readonly reorgDepth = new Histogram({
    name: 'blockchain_reorg_depth_blocks',
    help: 'Blocks dropped by each chain replacement (0: the new chain extended ours)',
    buckets: [0, 1, 2, 4, 8, 16, 64, 256, 1024],
    registers: [this.registry],
  });
  private readonly proofHashes = new Counter({
    name: 'blockchain_proof_search_hashes_total',
    help: 'Hashes tried by the proof-of-work searches that found a proof (about the proof + 1 each)',
    registers: [this.registry],
  });
  private readonly proofSeconds = new Histogram({
    name: 'blockchain_proof_search_duration_seconds',
    help: 'Time to find each proof of work; rate(hashes_total) / rate(duration_seconds_sum) is the hashrate',
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });
  private readonly resolveSeconds = new Histogram({
    name: 'blockchain_resolve_duration_seconds',
    help: 'Time each resolve against the peers took, validation and adoption included',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly resolveBytes = new Counter({
    name: 'blockchain_resolve_received_bytes_total',
    help: "Bytes of peers' chains read by resolves",
    registers: [this.registry],
  });
  private readonly commitGroupSize = new Histogram({
    name: 'blockchain_transaction_commit_group_size',
    help: 'Transactions committed together in each group commit',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000],
    registers: [this.registry],
  });
  private readonly httpRequestSeconds = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer each HTTP request, by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor(
    private readonly config: NodeConfig,
    private readonly chain: ChainService,
    private readonly transactions: TransactionsService,
    private readonly consensus: ConsensusService,
    private readonly proofSearch: ProofSearchService,
    private readonly events: EventsService,
  ) {
    collectDefaultMetrics({ register: this.registry });
    this.scraped('blockchain_chain_height', 'Blocks in the chain, genesis included', () => this.chain.length());
    this.scraped('blockchain_tip_age_seconds', 'Seconds since the last block was made (its timestamp)', () =>
      Math.max(0, Date.now() / 1000 - this.chain.tipTimestamp()),
    );
    this.scraped('blockchain_pending_transactions', 'Transactions waiting for a block', () =>
      this.transactions.pendingCount(),
    );
    this.scraped('blockchain_event_listeners', 'Clients connected to GET /events', () => this.events.listenerCount());
    this.scraped('blockchain_database_size_bytes', 'Size of the SQLite database and its write-ahead log', () =>
      this.databaseBytes(),
    );
    const lastStatuses = () => this.consensus.lastResolution()?.peers.map((peer) => peer.status) ?? [];
    new Gauge({
      name: 'blockchain_peers',
      help: 'Peers by what they answered at the last resolve',
      labelNames: ['status'],
      registers: [this.registry],
      collect() {
        for (const status of PEER_STATUSES) {
          this.set({ status }, lastStatuses().filter((answered) => answered === status).length);
        }
      },
    });
  }

  onModuleInit(): void {
    this.subscriptions.push(
      this.chain.changes.subscribe((change) => this.countChange(change)),
      this.consensus.resolutions.subscribe((record) => this.countResolve(record)),
      this.proofSearch.found.subscribe(({ seconds, hashes }) => {
        this.proofSeconds.observe(seconds);
        this.proofHashes.inc(hashes);
      }),
      this.transactions.committedGroups.subscribe((size) => this.commitGroupSize.observe(size)),
    );
  }

  onModuleDestroy(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }

  /** Express middleware timing every request to its answer; a request no route matched counts as `unmatched`. */
  readonly timeRequests: RequestHandler = (request, response, next) => {
    const stop = this.httpRequestSeconds.startTimer();
    response.once('finish', () => {
      const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
      stop({ method: request.method, route, status_code: response.statusCode });
    });
    next();
  };

  /** The Prometheus text exposition of every metric. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  private scraped(name: string, help: string, read: () => number): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.set(read());
      },
    });
  }

  private countChange(change: ChainChange): void {
    if (change.kind === 'appended') {
      if (change.source !== 'genesis') this.blocksAdded.inc({ source: change.source });
      return;
    }
    this.blocksAdded.inc({ source: 'adopted' }, change.added.length);
    // An adoption written in several writes is one reorganization: its first write dropped what it dropped.
    if (change.continues) return;
    this.blocksDropped.inc(change.dropped.length);
    this.reorgDepth.observe(change.dropped.length);
  }

  private countResolve({ durationSeconds, receivedBytes }: ResolveRecord): void {
    this.resolveSeconds.observe(durationSeconds);
    this.resolveBytes.inc(receivedBytes);
  }

  private databaseBytes(): number {
    if (this.config.databasePath === ':memory:') return 0;
    return [this.config.databasePath, `${this.config.databasePath}-wal`]
      .map((path) => statSync(path, { throwIfNoEntry: false })?.size ?? 0)
      .reduce((total, size) => total + size, 0);
  }
}
