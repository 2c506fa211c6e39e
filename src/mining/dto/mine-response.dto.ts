import { ApiProperty } from '@nestjs/swagger';
import { TransactionDto } from '../../transactions/dto/transaction.dto';

export class MineResponseDto {
  @ApiProperty({ example: 'New Block Forged' })
  message: string;

  @ApiProperty({ example: 2 })
  index: number;

  @ApiProperty({ type: [TransactionDto], description: 'The pending transactions in arrival order, then the reward' })
  transactions: TransactionDto[];

  @ApiProperty({ example: 38478 })
  proof: number;

  @ApiProperty({ example: '1cc7ba8dc68dd1beaec179ab7bd3895fd6e30f34f24c98df625f0c47d0a6efec' })
  previous_hash: string;
}
