import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsNumber, IsPositive, IsString, MaxLength } from 'class-validator';
import { IsWellFormedUnicode } from '../../common/is-well-formed-unicode';

export const MAX_ADDRESS_LENGTH = 256;

export class CreateTransactionDto {
  @ApiProperty({ example: 'alice', maxLength: MAX_ADDRESS_LENGTH })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_ADDRESS_LENGTH)
  @IsWellFormedUnicode()
  sender: string;

  @ApiProperty({ example: 'bob', maxLength: MAX_ADDRESS_LENGTH })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_ADDRESS_LENGTH)
  @IsWellFormedUnicode()
  recipient: string;

  @ApiProperty({ example: 5, minimum: 0, exclusiveMinimum: true })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  amount: number;
}
