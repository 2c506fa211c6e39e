import { ApiProperty } from '@nestjs/swagger';
import { TransactionDto } from '../../transactions/dto/transaction.dto';

/** A block as the reference serves it (documentation of the wire format). */
export class BlockDto {
  @ApiProperty({ example: 2, description: 'Position in the chain; genesis is 1' })
  index: number;

  @ApiProperty({ example: 1795484561.6487405, description: 'Unix time in seconds (a float)' })
  timestamp: number;

  @ApiProperty({ type: [TransactionDto], description: 'The transactions, the mining reward last' })
  transactions: TransactionDto[];

  @ApiProperty({ example: 297012, description: 'Proof of work over the previous proof and hash' })
  proof: number;

  @ApiProperty({
    example: '5ab70644af3a2a519a1d39ada3e321afee83671cf555f9d68c76b1e20a624ee7',
    description: 'SHA-256 of the previous block; "1" for genesis',
  })
  previous_hash: string;
}
