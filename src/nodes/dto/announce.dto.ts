import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BlockDto } from '../../chain/dto/block.dto';

export class AnnounceBlockDto {
  @ApiProperty({ type: BlockDto, description: 'The block, exactly as its miner serves it' })
  block: BlockDto;

  @ApiPropertyOptional({
    example: '0f8d3c5b6a7e4d2c9b1a0f8e7d6c5b4a',
    description: "The announcing node's id (1 to 64 letters, digits or hyphens): it is not sent the block back",
  })
  node?: string;
}

export class AnnounceResponseDto {
  @ApiProperty({ enum: ['Block added', 'Block already known', 'Resolving against peers'] })
  message: string;

  @ApiProperty({ example: '9a8b7c6d5e4f30211a2b3c4d5e6f7a8b', description: 'The id of the node that answers' })
  node: string;
}
