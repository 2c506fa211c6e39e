import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  ValidateNested,
} from 'class-validator';
import { CreateTransactionDto } from '../../transactions/dto/create-transaction.dto';
import { RELAY_ID_PATTERN } from '../../transactions/relay-header';
import { NODE_ID_PATTERN } from '../peer-ids';

/**
 * The most transactions one relay request carries: some 20 KB for the usual payments, at most about 320 KB (names of
 * 256 characters, every one escaped), below the default MAX_BODY_BYTES of 1 MiB. A peer that takes less answers 413
 * and is sent one transaction a request.
 */
export const MAX_RELAY_BATCH = 100;

export class RelayedTransactionDto {
  @ApiProperty({
    example: '4f1c2e7a-9b3d-4c5e-8f6a-0b1c2d3e4f5a',
    description: 'The id the first node gave the transaction; each node takes an id once',
  })
  @IsString()
  @Matches(RELAY_ID_PATTERN, { message: '$property must be 1 to 64 letters, digits or hyphens' })
  relay_id: string;

  @ApiProperty({ type: CreateTransactionDto })
  @IsObject({ message: '$property must be an object' })
  @ValidateNested()
  @Type(() => CreateTransactionDto)
  transaction: CreateTransactionDto;
}

export class RelayTransactionsDto {
  @ApiPropertyOptional({
    example: '0f8d3c5b6a7e4d2c9b1a0f8e7d6c5b4a',
    description: "The relaying node's id: it is not sent these transactions back",
  })
  @IsOptional()
  @IsString()
  @Matches(NODE_ID_PATTERN, { message: '$property must be 1 to 64 letters, digits or hyphens' })
  node?: string;

  @ApiProperty({ type: [RelayedTransactionDto], minItems: 1, maxItems: MAX_RELAY_BATCH })
  @IsArray({ message: '$property must be a list of relayed transactions' })
  @ArrayNotEmpty({ message: '$property must hold at least one transaction' })
  @ArrayMaxSize(MAX_RELAY_BATCH, { message: `$property must hold at most ${MAX_RELAY_BATCH} transactions` })
  @ValidateNested({ each: true })
  @Type(() => RelayedTransactionDto)
  transactions: RelayedTransactionDto[];
}

export class RelayResponseDto {
  @ApiProperty({ example: 'Transactions will be added to Block 12' })
  message: string;

  @ApiProperty({ example: '9a8b7c6d5e4f30211a2b3c4d5e6f7a8b', description: 'The id of the node that answers' })
  node: string;
}
