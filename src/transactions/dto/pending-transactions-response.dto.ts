import { ApiProperty } from '@nestjs/swagger';
import { TransactionDto } from './transaction.dto';

export class PendingTransactionsResponseDto {
  @ApiProperty({ type: [TransactionDto], description: 'In arrival order: the order the next block takes them in' })
  transactions: TransactionDto[];

  @ApiProperty({ example: 1 })
  length: number;
}
