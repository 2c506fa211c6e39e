import { Injectable, Logger } from '@nestjs/common';
import { Subject } from 'rxjs';
import { ChainService } from '../chain/chain.service';
import { DatabaseWriter } from '../database/database-writer';
import { TransactionsService } from '../transactions/transactions.service';
import { NodesService } from './nodes.service';
import { PeerBlocks, PeerChains } from './peer-chains';

export const PEER_STATUSES = ['ok', 'invalid', 'unreachable', 'timeout', 'too-large', 'bad-response'] as const;
export type PeerStatus = (typeof PEER_STATUSES)[number];

/** What one peer answered to a resolve. `length` is the length of its chain, when it told it. */
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

/** The tutorial's consensus: the longest valid chain among the peers wins, asked of all peers at once. */
@Injectable()
export class ConsensusService {
  private readonly logger = new Logger(ConsensusService.name);

  constructor(
    private readonly peerChains: PeerChains,
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
    const surveys = await Promise.all(this.nodes.list().map((node) => this.peerChains.survey(node, ourLength)));
    // Only a longer chain can win, so only those are fetched and checked, longest first; a tie keeps ours.
    const contenders = surveys
      .filter((survey) => survey.contender !== undefined)
      .sort((a, b) => b.report.length! - a.report.length!);
    let replaced = false;
    for (const contender of contenders) {
      const download = await this.peerChains.download(contender, ourLength);
      if (!download.ok) {
        contender.report.status = download.status;
        this.logger.warn(`${contender.report.node}: ${download.status}: ${download.reason}`);
        continue;
      }
      replaced = await this.adopt(contender.report.node, download);
      break;
    }
    const peers = surveys.map((survey) => survey.report);
    this.reportStatusChanges(peers);
    this.last = { at: Date.now(), peers };
    this.resolutions.next({
      replaced,
      peers,
      durationSeconds: (performance.now() - started) / 1000,
      receivedBytes: surveys.reduce((total, survey) => total + survey.bytes, 0),
    });
    return { replaced, peers };
  }

  /**
   * Replaces our chain above the fork in one write, unless ours grew at least as long while the peer's blocks were
   * checked, or changed below them.
   */
  private async adopt(node: string, { firstHeight, blocks, hashes }: PeerBlocks): Promise<boolean> {
    const length = firstHeight - 1 + blocks.length;
    const adoption = await this.writer.run(() => {
      if (this.chain.length() >= length) return null;
      if (firstHeight > 1 && this.chain.tipAt(firstHeight - 1)?.hash !== blocks[0].previous_hash) return null;
      const replacement = this.chain.replace(blocks, hashes, firstHeight);
      return { ...replacement, restored: this.transactions.reconcile(replacement) };
    });
    if (!adoption) return false;
    const { dropped, added, restored } = adoption;
    this.logger.log({
      event: 'chain adopted',
      msg: `Adopted ${node}'s chain of ${length} blocks`,
      from: node,
      forkHeight: length - added.length,
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
}
