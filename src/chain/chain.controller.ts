import {
  BadRequestException,
  Controller,
  Get,
  NotFoundException,
  Param,
  ParseIntPipe,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '../common/dto/error-response.dto';
import { QUERY_PIPE } from '../common/query-pipe';
import { streamedJson } from '../common/streamed-json';
import { RawJson } from '../core';
import { ChainService } from './chain.service';
import { BlockHashParamsDto } from './dto/block-hash-params.dto';
import { BlockDto } from './dto/block.dto';
import { BlockHashesResponseDto } from './dto/block-hashes-response.dto';
import { BlocksPageResponseDto } from './dto/blocks-page-response.dto';
import { BlocksQueryDto } from './dto/blocks-query.dto';
import { ChainResponseDto } from './dto/chain-response.dto';

const INDEX_PIPE = new ParseIntPipe({ exceptionFactory: () => new BadRequestException('index must be an integer') });

@ApiTags('chain')
@Controller()
export class ChainController {
  constructor(private readonly chain: ChainService) {}

  @Get('chain')
  @ApiOperation({ summary: 'The whole chain, genesis first (streamed: memory stays flat however long it is)' })
  @ApiOkResponse({ type: ChainResponseDto })
  getChain(): StreamableFile {
    return streamedJson(this.chain.servedChain());
  }

  @Get('blocks')
  @ApiOperation({ summary: 'A page of blocks, in chain order' })
  @ApiOkResponse({ type: BlocksPageResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: '`from` or `limit` is not a whole number in range' })
  blocks(@Query(QUERY_PIPE) { from, limit }: BlocksQueryDto) {
    const { blocks, length } = this.chain.blocksFrom(from, limit);
    return { blocks, from, limit, length };
  }

  @Get('blocks/hashes')
  @ApiOperation({
    summary: 'The hashes of a page of blocks, in chain order',
    description:
      'What a node of this project asks a peer first when it syncs: with `from` at its own length and `limit=1`, the ' +
      'answer (about 100 bytes) tells whether the peer has anything new, and whether it extends our chain.',
  })
  @ApiOkResponse({ type: BlockHashesResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: '`from` or `limit` is not a whole number in range' })
  blockHashes(@Query(QUERY_PIPE) { from, limit }: BlocksQueryDto) {
    const { hashes, length } = this.chain.hashesFrom(from, limit);
    return { hashes, from, limit, length };
  }

  @Get('blocks/hash/:hash')
  @ApiOperation({ summary: 'The block with this hash' })
  @ApiOkResponse({ type: BlockDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Not 64 hex digits' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No block of the chain has this hash' })
  blockWithHash(@Param() { hash }: BlockHashParamsDto) {
    return found(this.chain.blockWithHash(hash.toLowerCase()), `No block has hash ${hash}`);
  }

  @Get('blocks/:index')
  @ApiOperation({ summary: 'The block at this index (genesis is 1)' })
  @ApiParam({ name: 'index', type: 'integer', example: 1 })
  @ApiOkResponse({ type: BlockDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Not an integer' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'The chain has no block at this index' })
  blockAt(@Param('index', INDEX_PIPE) index: number) {
    return found(this.chain.blockAt(index), `No block at index ${index}`);
  }
}

function found(block: RawJson | null, message: string): RawJson {
  if (!block) throw new NotFoundException(message);
  return block;
}
