import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

const MAX_BLOCKS_PER_PAGE = 1000;

export class BlocksQueryDto {
  @ApiPropertyOptional({ type: 'integer', example: 1, minimum: 1, default: 1, description: 'Index of the first block' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  from: number = 1;

  @ApiPropertyOptional({ type: 'integer', example: 100, minimum: 1, maximum: MAX_BLOCKS_PER_PAGE, default: 100 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_BLOCKS_PER_PAGE)
  limit: number = 100;
}
