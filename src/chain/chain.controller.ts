import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChainResponseDto } from './dto/chain-response.dto';
import { ChainService } from './chain.service';

@ApiTags('chain')
@Controller()
export class ChainController {
  constructor(private readonly chain: ChainService) {}

  @Get('chain')
  @ApiOperation({ summary: 'The whole chain, genesis first' })
  @ApiOkResponse({ type: ChainResponseDto })
  async getChain() {
    const chain = await this.chain.wireBlocks();
    return { chain, length: chain.length };
  }
}
