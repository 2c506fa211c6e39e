import { ApiProperty } from '@nestjs/swagger';
import { BlockDto } from './block.dto';

export class ChainResponseDto {
  @ApiProperty({ type: [BlockDto] })
  chain: BlockDto[];

  @ApiProperty({ example: 1 })
  length: number;
}
