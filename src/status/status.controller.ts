import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChainService } from '../chain/chain.service';
import { NodeConfig } from '../config/node-config';
import { ConsensusService } from '../nodes/consensus.service';
import { NodesService } from '../nodes/nodes.service';
import { TransactionsService } from '../transactions/transactions.service';
import { StatusResponseDto } from './dto/status-response.dto';

@ApiTags('chain')
@Controller('status')
export class StatusController {
  constructor(
    private readonly chain: ChainService,
    private readonly transactions: TransactionsService,
    private readonly nodes: NodesService,
    private readonly consensus: ConsensusService,
    private readonly config: NodeConfig,
  ) {}

  @Get()
  @ApiOperation({
    summary: "The node at a glance: its chain's length and tip, difficulty, pending transactions, peers (added)",
    description: 'Read in one synchronous stretch, so the figures agree with each other. What a dashboard shows.',
  })
  @ApiOkResponse({ type: StatusResponseDto })
  status(): StatusResponseDto {
    const tip = this.chain.tip();
    const answered = new Map(this.consensus.lastResolution()?.peers.map((report) => [report.node, report]));
    const peers = this.nodes.list().map((node) => {
      const report = answered.get(node);
      return { node, status: report?.status ?? null, length: report?.length ?? null };
    });
    return {
      length: tip.index,
      hash: tip.hash,
      difficulty: this.config.difficulty,
      pending: this.transactions.pendingCount(),
      peers,
    };
  }
}
