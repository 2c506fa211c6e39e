import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MAX_ADDRESS_LENGTH } from '../../transactions/dto/create-transaction.dto';

export class AddressParamsDto {
  @ApiProperty({
    example: 'alice',
    maxLength: MAX_ADDRESS_LENGTH,
    description: 'A sender or recipient, percent-encoded; "0" is the sender of mining rewards',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_ADDRESS_LENGTH)
  address: string;
}
