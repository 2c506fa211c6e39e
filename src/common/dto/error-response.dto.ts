import { ApiProperty } from '@nestjs/swagger';

/** Every error this node answers: Nest's JSON error shape. */
export class ErrorResponseDto {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['amount must be a positive number'],
    description: 'What was wrong; for validation errors, one entry per bad field',
  })
  message: string | string[];

  @ApiProperty({ example: 'Bad Request' })
  error: string;
}
