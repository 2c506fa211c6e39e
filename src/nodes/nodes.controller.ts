import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  RawBodyRequest,
  Req,
  StreamableFile,
} from '@nestjs/common';
import type { Request } from 'express';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { OperatorOnly } from '../common/operator-only.decorator';
import { CountsAs } from '../common/weighted-throttler.guard';
import type { JsonObject, JsonValue } from '../core';
import { ChainService } from '../chain/chain.service';
import { ErrorResponseDto } from '../common/dto/error-response.dto';
import { streamedJson } from '../common/streamed-json';
import { NodeIdentityService } from '../identity/node-identity.service';
import { exactRelayedAmounts } from '../transactions/exact-amount';
import { ConsensusService } from './consensus.service';
import { AnnounceBlockDto, AnnounceResponseDto } from './dto/announce.dto';
import { NodesResponseDto, RegisterNodesResponseDto, ResolveResponseDto } from './dto/nodes-response.dto';
import { RegisterNodesDto } from './dto/register-nodes.dto';
import { MAX_RELAY_BATCH, RelayResponseDto, RelayTransactionsDto } from './dto/relay.dto';
import { NodesService } from './nodes.service';
import { AnnounceOutcome, PropagationService } from './propagation.service';
import { TransactionRelay } from './transaction-relay.service';

const ANNOUNCE_MESSAGES: Record<AnnounceOutcome, string> = {
  added: 'Block added',
  known: 'Block already known',
  resolving: 'Resolving against peers',
};

@ApiTags('nodes')
@Controller('nodes')
export class NodesController {
  constructor(
    private readonly nodes: NodesService,
    private readonly consensus: ConsensusService,
    private readonly chain: ChainService,
    private readonly propagation: PropagationService,
    private readonly relay: TransactionRelay,
    private readonly identity: NodeIdentityService,
  ) {}

  @Post('register')
  @OperatorOnly()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Add peers (all of them, or none when an entry is refused)' })
  @ApiBody({
    type: RegisterNodesDto,
    examples: { peers: { summary: 'Two local peers', value: { nodes: ['http://127.0.0.1:5001', '127.0.0.1:5002'] } } },
  })
  @ApiCreatedResponse({ type: RegisterNodesResponseDto, description: 'Every entry stored (known peers once)' })
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
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Not a peer address' })
  async remove(@Param('node') node: string) {
    return { message: 'Node removed', total_nodes: await this.nodes.remove(node) };
  }

  @Get()
  @ApiOperation({ summary: 'The registered peers' })
  @ApiOkResponse({ type: NodesResponseDto })
  list() {
    const nodes = this.nodes.list();
    return { nodes, length: nodes.length };
  }

  @Post('announce')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'A peer offers a block it mined (an addition to the tutorial API, used between nodes of this project)',
    description:
      'Added when it extends our tip and is valid; known when our chain is as long; otherwise this node resolves. ' +
      'A block added is announced on to every peer but the sender.',
  })
  @ApiBody({
    type: AnnounceBlockDto,
    examples: {
      genesis: {
        summary: 'A block this node already has (answered "Block already known")',
        value: { block: { index: 1, timestamp: 1795484559.8234725, transactions: [], proof: 100, previous_hash: '1' } },
      },
    },
  })
  @ApiOkResponse({ type: AnnounceResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Not a block, or an invalid one' })
  async announce(@Req() request: RawBodyRequest<Request>) {
    if (!request.rawBody) throw new BadRequestException('Expected a JSON body');
    const outcome = await this.propagation.receive(request.rawBody.toString('utf8'));
    return { message: ANNOUNCE_MESSAGES[outcome], node: this.identity.nodeId };
  }

  @Post('relay')
  @HttpCode(HttpStatus.OK)
  // Each transaction counts against RATE_LIMIT, as it would sent alone to POST /transactions/new.
  @CountsAs((request) => relayedCount(request.body))
  @ApiOperation({
    summary: 'A peer relays transactions (an addition to the tutorial API, used between nodes of this project)',
    description:
      'Each transaction is stored once per relay id, all in one commit before the answer, and passed on to every ' +
      'peer but the sender. A node without this route is sent each transaction to POST /transactions/new instead.',
  })
  @ApiBody({
    type: RelayTransactionsDto,
    examples: {
      payment: {
        summary: 'One payment, as the node that took it from a client relays it',
        value: {
          node: '0f8d3c5b6a7e4d2c9b1a0f8e7d6c5b4a',
          transactions: [
            {
              relay_id: '4f1c2e7a-9b3d-4c5e-8f6a-0b1c2d3e4f5a',
              transaction: { sender: 'alice', recipient: 'bob', amount: 5 },
            },
          ],
        },
      },
    },
  })
  @ApiOkResponse({ type: RelayResponseDto, description: 'Stored on disk (or known already); the answer names us' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Not a batch of valid relayed transactions' })
  @ApiServiceUnavailableResponse({
    type: ErrorResponseDto,
    description: 'The database write failed (a full disk, a held lock): nothing was stored. Retry.',
  })
  async relayTransactions(@Body() body: RelayTransactionsDto, @Req() request: RawBodyRequest<Request>) {
    const parsed = body.transactions.map((item) => item.transaction.amount);
    const index = await this.relay.receive(body, exactRelayedAmounts(request.rawBody, parsed));
    return { message: `Transactions will be added to Block ${index}`, node: this.identity.nodeId };
  }

  @Get('resolve')
  @OperatorOnly()
  @ApiOperation({ summary: 'Consensus: adopt the longest valid chain among the peers' })
  @ApiOkResponse({ type: ResolveResponseDto })
  async resolve(): Promise<StreamableFile> {
    const { replaced, peers } = await this.consensus.resolve();
    // Reports are plain JSON; their optional length is left out when absent.
    const reports = peers as unknown as JsonValue;
    const answer = this.chain.streamChainInside((chain): JsonObject =>
      replaced
        ? { message: 'Our chain was replaced', new_chain: chain, peers: reports }
        : { message: 'Our chain is authoritative', chain, peers: reports },
    );
    return streamedJson(answer);
  }
}

/** How many transactions a relay request carries, as far as its body (not yet validated) says; 1 for anything else. */
function relayedCount(body: unknown): number {
  const transactions = (body as { transactions?: unknown } | undefined)?.transactions;
  return Array.isArray(transactions) ? Math.min(transactions.length, MAX_RELAY_BATCH) : 1;
}
