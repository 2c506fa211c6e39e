import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

const MAX_TRANSACTIONS_PER_PAGE = 1000;

export class AddressQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    example: 0,
    minimum: 0,
    default: 0,
    description: 'How many of the newest transactions to skip',
  })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  offset: number = 0;

  @ApiPropertyOptional({ type: 'integer', example: 50, minimum: 1, maximum: MAX_TRANSACTIONS_PER_PAGE, default: 50 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_TRANSACTIONS_PER_PAGE)
  limit: number = 50;
}
