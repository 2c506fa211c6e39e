import { ApiProperty } from '@nestjs/swagger';

export class MessageResponseDto {
  @ApiProperty({ example: 'Transaction will be added to Block 2' })
  message: string;
}
