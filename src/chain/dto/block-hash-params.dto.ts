import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class BlockHashParamsDto {
  @ApiProperty({
    example: '5ab70644af3a2a519a1d39ada3e321afee83671cf555f9d68c76b1e20a624ee7',
    description: 'SHA-256 of the block, as 64 hex digits',
  })
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'hash must be 64 hex digits' })
  hash: string;
}
