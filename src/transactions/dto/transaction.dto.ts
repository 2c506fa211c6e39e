import { ApiProperty } from '@nestjs/swagger';

export class TransactionDto {
  @ApiProperty({ example: 'alice', description: 'Who pays; "0" for a mining reward' })
  sender: string;

  @ApiProperty({ example: 'bob' })
  recipient: string;

  @ApiProperty({ example: 5, description: 'A finite number above zero; its JSON kind (5 or 5.0) is kept' })
  amount: number;
}
