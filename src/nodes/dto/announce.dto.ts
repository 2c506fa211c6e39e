import { ApiProperty } from '@nestjs/swagger';
import { BlockDto } from '../../chain/dto/block.dto';

export class AnnounceBlockDto {
  @ApiProperty({ type: BlockDto, description: 'The block, exactly as its miner serves it' })
  block: BlockDto;
}

export class AnnounceResponseDto {
  @ApiProperty({ enum: ['Block added', 'Block already known', 'Resolving against peers'] })
  message: string;
}
