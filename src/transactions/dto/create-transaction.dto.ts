import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsNumber, IsPositive, IsString, MaxLength } from 'class-validator';
import { IsWellFormedUnicode } from '../../common/is-well-formed-unicode';

export const MAX_ADDRESS_LENGTH = 256;

export class CreateTransactionDto {
  @ApiProperty({ example: 'alice', maxLength: MAX_ADDRESS_LENGTH })
  @IsString()
  @IsNotEmpty({ message: '$property must not be empty' })
  @MaxLength(MAX_ADDRESS_LENGTH, { message: '$property must be at most $constraint1 characters long' })
  @IsWellFormedUnicode()
  sender: string;

  @ApiProperty({ example: 'bob', maxLength: MAX_ADDRESS_LENGTH })
  @IsString()
  @IsNotEmpty({ message: '$property must not be empty' })
  @MaxLength(MAX_ADDRESS_LENGTH, { message: '$property must be at most $constraint1 characters long' })
  @IsWellFormedUnicode()
  recipient: string;

  @ApiProperty({ example: 5, minimum: 0, exclusiveMinimum: true })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '$property must be a finite number' })
  @IsPositive({ message: '$property must be above zero' })
  amount: number;
}
