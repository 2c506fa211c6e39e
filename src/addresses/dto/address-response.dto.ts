import { ApiProperty } from '@nestjs/swagger';
import { TransactionDto } from '../../transactions/dto/transaction.dto';

export class AddressTransactionDto extends TransactionDto {
  @ApiProperty({ type: 'integer', example: 2, description: 'The index of the block that holds it' })
  index: number;

  @ApiProperty({ type: 'integer', example: 0, description: "Its place among the block's transactions, from 0" })
  position: number;
}

export class AddressResponseDto {
  @ApiProperty({ example: 'alice' })
  address: string;

  @ApiProperty({ example: 12.5, description: 'Sum of the amounts it received (for "0": nothing)' })
  received: number;

  @ApiProperty({ example: 3, description: 'Sum of the amounts it sent (for "0": every coin minted)' })
  sent: number;

  @ApiProperty({ example: 9.5, description: 'received − sent' })
  balance: number;

  @ApiProperty({ type: 'integer', example: 4, description: 'How many transactions of the chain name it' })
  length: number;

  @ApiProperty({ type: 'integer', example: 0 })
  offset: number;

  @ApiProperty({ type: 'integer', example: 50 })
  limit: number;

  @ApiProperty({ type: [AddressTransactionDto], description: 'Up to `limit` of them, newest first, after `offset`' })
  transactions: AddressTransactionDto[];

  @ApiProperty({
    type: 'integer',
    example: 4,
    description:
      "The chain's blocks the answer covers, from 1: the chain's length, except while the address index catches up " +
      'after a long sync (or at the first start on a database from before the index)',
  })
  height: number;
}
