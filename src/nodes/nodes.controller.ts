import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChainService } from '../chain/chain.service';
import { ErrorResponseDto } from '../common/dto/error-response.dto';
import { ConsensusService } from './consensus.service';
import { NodesResponseDto, RegisterNodesResponseDto, ResolveResponseDto } from './dto/nodes-response.dto';
import { RegisterNodesDto } from './dto/register-nodes.dto';
import { NodesService } from './nodes.service';

@ApiTags('nodes')
@Controller('nodes')
export class NodesController {
  constructor(
    private readonly nodes: NodesService,
    private readonly consensus: ConsensusService,
    private readonly chain: ChainService,
  ) {}

  @Post('register')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Add peers (all of them, or none when an entry is refused)' })
  @ApiCreatedResponse({ type: RegisterNodesResponseDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'No list of nodes, or an entry that is not a peer address',
  })
  async register(@Body() body: RegisterNodesDto) {
    return { message: 'New nodes have been added', total_nodes: await this.nodes.register(body.nodes) };
  }

  @Get()
  @ApiOperation({ summary: 'The registered peers' })
  @ApiOkResponse({ type: NodesResponseDto })
  async list() {
    const nodes = await this.nodes.list();
    return { nodes, length: nodes.length };
  }

  @Get('resolve')
  @ApiOperation({ summary: 'Consensus: adopt the longest valid chain among the peers' })
  @ApiOkResponse({ type: ResolveResponseDto })
  async resolve() {
    const { replaced, peers } = await this.consensus.resolve();
    const chain = await this.chain.wireBlocks();
    return replaced
      ? { message: 'Our chain was replaced', new_chain: chain, peers: peers }
      : { message: 'Our chain is authoritative', chain, peers: peers };
  }
}
