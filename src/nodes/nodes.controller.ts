import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { OperatorOnly } from '../common/operator-only.decorator';
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
  @OperatorOnly()
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

  @Delete(':node')
  @OperatorOnly()
  @ApiOperation({ summary: 'Remove a peer' })
  @ApiParam({ name: 'node', example: '127.0.0.1:5001', description: 'The peer as registered (URL-encoded)' })
  @ApiOkResponse({ type: RegisterNodesResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such peer' })
  async remove(@Param('node') node: string) {
    return { message: 'Node removed', total_nodes: await this.nodes.remove(node) };
  }

  @Get()
  @ApiOperation({ summary: 'The registered peers' })
  @ApiOkResponse({ type: NodesResponseDto })
  async list() {
    const nodes = await this.nodes.list();
    return { nodes, length: nodes.length };
  }

  @Get('resolve')
  @OperatorOnly()
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
