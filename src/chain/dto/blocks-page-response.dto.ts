import { ApiProperty } from '@nestjs/swagger';
import { BlockDto } from './block.dto';

export class BlocksPageResponseDto {
  @ApiProperty({ type: [BlockDto], description: 'Up to `limit` blocks from index `from`, in chain order' })
  blocks: BlockDto[];

  @ApiProperty({ type: 'integer', example: 1 })
  from: number;

  @ApiProperty({ type: 'integer', example: 100 })
  limit: number;

  @ApiProperty({ type: 'integer', example: 22, description: 'Length of the whole chain' })
  length: number;
}
