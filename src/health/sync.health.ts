import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ChainService } from '../chain/chain.service';
import { ConsensusService, PeerReport } from '../nodes/consensus.service';
import { NodesService } from '../nodes/nodes.service';

/** A peer that answered at all, whatever it served. */
const reachable = (report: PeerReport) => report.status !== 'unreachable' && report.status !== 'timeout';

/**
 * Where the node stands with its peers, from the last resolve (background sync, announced blocks, GET
 * /nodes/resolve): how many answered, the longest chain a peer served that was not refused, and how far behind it
 * our chain is now. Always `up`: a node its peers cannot reach still serves its own chain and takes transactions,
 * so taking it out of a load balancer would only make things worse; the figures are for the operator to watch.
 */
@Injectable()
export class SyncHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly nodes: NodesService,
    private readonly consensus: ConsensusService,
    private readonly chain: ChainService,
  ) {}

  check(key: string) {
    const indicator = this.indicators.check(key);
    const peers = this.nodes.list().length;
    const length = this.chain.length();
    const last = this.consensus.lastResolution();
    if (!last) return indicator.up({ peers, length, lastResolve: null });
    const bestPeerLength = Math.max(
      0,
      ...last.peers.filter((report) => report.status === 'ok').map((report) => report.length ?? 0),
    );
    return indicator.up({
      peers,
      length,
      lastResolve: new Date(last.at).toISOString(),
      reachable: last.peers.filter(reachable).length,
      unreachable: last.peers.filter((report) => !reachable(report)).length,
      bestPeerLength,
      behind: Math.max(0, bestPeerLength - length),
    });
  }
}
