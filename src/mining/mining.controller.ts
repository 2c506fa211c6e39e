import { Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OperatorOnly } from '../common/operator-only.decorator';
import { MineResponseDto } from './dto/mine-response.dto';
import { MiningService } from './mining.service';

@ApiTags('mining')
@Controller('mine')
export class MiningController {
  constructor(private readonly mining: MiningService) {}

  @Get()
  @OperatorOnly()
  @ApiOperation({ summary: 'Forge a block with every pending transaction and this node’s reward' })
  @ApiOkResponse({ type: MineResponseDto })
  mineByGet() {
    return this.mine();
  }

  @Post()
  @OperatorOnly()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Same as GET /mine' })
  @ApiOkResponse({ type: MineResponseDto })
  mineByPost() {
    return this.mine();
  }

  private async mine() {
    const block = await this.mining.mine();
    return {
      message: 'New Block Forged',
      index: block.index,
      transactions: block.transactions,
      proof: block.proof,
      previous_hash: block.previous_hash,
    };
  }
}
