import { ApiProperty } from '@nestjs/swagger';

export class BlockHashesResponseDto {
  @ApiProperty({
    type: [String],
    example: ['5ab70644af3a2a519a1d39ada3e321afee83671cf555f9d68c76b1e20a624ee7'],
    description:
      'The hashes of up to `limit` blocks from index `from`, in chain order (SHA-256, 64 lower-case hex digits)',
  })
  hashes: string[];

  @ApiProperty({ type: 'integer', example: 1 })
  from: number;

  @ApiProperty({ type: 'integer', example: 100 })
  limit: number;

  @ApiProperty({ type: 'integer', example: 22, description: 'Length of the whole chain' })
  length: number;
}
