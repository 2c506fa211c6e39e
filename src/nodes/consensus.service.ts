import { Injectable, Logger } from '@nestjs/common';
import { setImmediate as letRequestsIn } from 'node:timers/promises';
import { Subject } from 'rxjs';
import { ChainService } from '../chain/chain.service';
import { DatabaseWriter } from '../database/database-writer';
import { TransactionsService } from '../transactions/transactions.service';
import { NodesService } from './nodes.service';
import {
  CheckedPage,
  joinedPages,
  knownLength,
  PageSource,
  pagePart,
  PeerChains,
  PeerSurvey,
  syncFailure,
} from './peer-chains';

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

/**
 * Blocks written at most in one write once a contender's chain is longer than ours: a write holds the event loop
 * (and the address index's share of it grows with the chain), so requests wait at most one such write.
 */
const WRITE_BLOCKS = 250;

/** What adopting a contender's pages came to: whether any was written, and why the peer stopped, if it failed. */
interface Adoption {
  replaced: boolean;
  failure?: { status: PeerStatus; reason: string };
}

/** What the writes of one adoption did so far, summed: where our chain now ends, and what its log line tells. */
interface AdoptionTotals {
  forkHeight: number;
  length: number;
  tipHash: string;
  dropped: number;
  added: number;
  restored: number;
  writes: number;
}

/** An adoption's totals once its first write has committed. */
interface Written {
  totals?: AdoptionTotals;
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
    const surveying = this.nodes.list().map((node) => this.peerChains.survey(node, ourLength));
    const surveys = new Array<PeerSurvey>(surveying.length);
    const unanswered = new Map(
      surveying.map((survey, position) => [
        position,
        survey.then((answer) => ((surveys[position] = answer), position)),
      ]),
    );
    // Positions of peers whose chain is longer than ours, not tried yet.
    const contenders: number[] = [];
    let replaced = false;
    while (unanswered.size > 0 || contenders.length > 0) {
      // A longer chain is adopted as soon as a peer shows one: the slowest peer's answer does not hold up the rest.
      if (contenders.length === 0) {
        const position = await Promise.race(unanswered.values());
        unanswered.delete(position);
        if (surveys[position].contender) contenders.push(position);
        continue;
      }
      // The longest first among those known (a tie keeps ours, so only longer chains are contenders).
      contenders.sort((a, b) => knownLength(surveys[b]) - knownLength(surveys[a]));
      const position = contenders.shift()!;
      const { node, length } = surveys[position].report;
      // After an adoption, a contender is tried only if it may still be longer: one whose length was not known when
      // it was surveyed (a reference-style peer's answer, read as it is adopted), or a longer one.
      if (length !== undefined && length <= this.chain.length()) continue;
      let surveyedAt = ourLength;
      if (replaced && surveys[position].contender!.kind === 'paged') {
        // Surveyed against the chain we had: asked again against ours now, so that only what is new is fetched.
        surveyedAt = this.chain.length();
        const again = await this.peerChains.survey(node, surveyedAt);
        again.bytes += surveys[position].bytes;
        surveys[position] = again;
        if (!again.contender) continue;
      }
      const contender = surveys[position];
      const adoption = await this.adopt(node, this.peerChains.pages(contender, surveyedAt));
      if (adoption.failure) {
        contender.report.status = adoption.failure.status;
        this.logger.warn(`${node}: ${adoption.failure.status}: ${adoption.failure.reason}`);
      }
      replaced ||= adoption.replaced;
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
   * Adopts a contender's chain as its checked pages come, by the longest-chain rule applied at every write. Pages are
   * held (as text) until the blocks they bring make a chain longer than ours; then that chain replaces ours above
   * the fork in one write, and every later page extends it in writes of their own, each adopting a valid chain
   * longer than the one before. So a node joining a long chain holds a page or two, not the chain, and a peer that
   * fails midway leaves us with the valid, longer part it served. Each write first checks that our chain is still
   * the one the pages follow (ours may have changed meanwhile: then the adoption stops, changing nothing more).
   */
  private async adopt(node: string, pages: PageSource): Promise<Adoption> {
    const held: CheckedPage[] = [];
    const adoption: Written = {};
    try {
      for await (const page of pages) {
        held.push(page);
        const heldLength = page.firstHeight - 1 + page.hashes.length;
        if (!adoption.totals && heldLength <= this.chain.length()) continue;
        if (!(await this.write(joinedPages(held.splice(0)), adoption))) break;
      }
    } catch (error) {
      return { replaced: this.adopted(node, adoption.totals), failure: syncFailure(error) };
    }
    return { replaced: this.adopted(node, adoption.totals) };
  }

  /**
   * Writes checked blocks that follow our chain: the first write of an adoption replaces ours above the fork (with
   * enough blocks at once to make a longer chain), later ones extend the tip the one before left, at most
   * WRITE_BLOCKS each, letting requests in between. `written` keeps the adoption's totals as each write commits.
   * Returns false when our chain is no longer one the blocks follow (or, before the first write, grew as long).
   */
  private async write(page: CheckedPage, written: Written): Promise<boolean> {
    const longerThanOurs = this.chain.length() - page.firstHeight + 2;
    for (let start = 0; start < page.hashes.length;) {
      const end = start + (written.totals ? WRITE_BLOCKS : Math.max(WRITE_BLOCKS, longerThanOurs));
      const part = pagePart(page, start, end);
      const before = written.totals;
      // Not fsynced: an adoption acknowledges nothing, and a power cut that undoes it leaves our chain as it was.
      const totals = await this.writer.run(() => this.writePart(part, before), { durable: false });
      if (!totals) return false;
      written.totals = totals;
      start = end;
      await letRequestsIn();
    }
    return true;
  }

  private writePart(part: CheckedPage, totals: AdoptionTotals | undefined): AdoptionTotals | undefined {
    const { firstHeight, hashes, previousHashes } = part;
    const length = firstHeight - 1 + hashes.length;
    if (totals) {
      const tip = this.chain.tip();
      if (tip.index !== firstHeight - 1 || tip.hash !== totals.tipHash) return undefined;
    } else {
      if (this.chain.length() >= length) return undefined;
      if (firstHeight > 1 && this.chain.tipAt(firstHeight - 1)?.hash !== previousHashes[0]) return undefined;
    }
    const replacement = this.chain.replace(part, firstHeight, totals !== undefined);
    const restored = this.transactions.reconcile(replacement);
    return {
      forkHeight: totals?.forkHeight ?? length - replacement.added.length,
      length,
      tipHash: hashes[hashes.length - 1],
      dropped: (totals?.dropped ?? 0) + replacement.dropped.length,
      added: (totals?.added ?? 0) + replacement.added.length,
      restored: (totals?.restored ?? 0) + restored,
      writes: (totals?.writes ?? 0) + 1,
    };
  }

  /** Logs what an adoption wrote, once; whether it wrote anything. */
  private adopted(node: string, totals: AdoptionTotals | undefined): boolean {
    if (!totals) return false;
    const { length, forkHeight, dropped, added, restored, writes } = totals;
    this.logger.log({
      event: 'chain adopted',
      msg: `Adopted ${node}'s chain of ${length} blocks`,
      from: node,
      forkHeight,
      dropped,
      added,
      restored,
      writes,
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
