import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One bad field of a request. */
export class FieldErrorDto {
  @ApiProperty({ example: 'amount', description: 'The field, e.g. `amount`, `nodes[1]` for a list entry' })
  field: string;

  @ApiProperty({
    example: 'isPositive',
    description:
      'The rule it broke: `required` (missing), a type rule (`isString`, `isNumber`, `isInt`, `isArray`), then ' +
      '`isNotEmpty`, `isWellFormedUnicode`, `matches`, `maxLength`, `arrayMaxSize`, `min`, `max`, `isPositive`, ' +
      '`peerAddress`',
  })
  rule: string;

  @ApiProperty({ example: 'amount must be above zero' })
  message: string;
}

/** Every error this node answers. */
export class ErrorResponseDto {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({
    example: 'amount must be above zero',
    description:
      'What was wrong, in one sentence. The tutorial\'s own words where it has some ("Missing values" for a ' +
      'transaction lacking a field); otherwise, for bad fields, their messages joined with "; "',
  })
  message: string;

  @ApiProperty({ example: 'Bad Request', description: 'The HTTP reason phrase' })
  error: string;

  @ApiPropertyOptional({
    type: [FieldErrorDto],
    description:
      'On a 400 for bad fields: each bad field, in the order the request declares them, with the first rule it ' +
      'broke in the order a person fixes them (present, of the right type, not empty, within its limits)',
  })
  errors?: FieldErrorDto[];
}
