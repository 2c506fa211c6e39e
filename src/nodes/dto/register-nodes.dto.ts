import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';

export class RegisterNodesDto {
  @ApiProperty({
    type: [String],
    example: ['http://127.0.0.1:5001', '127.0.0.1:5002'],
    description: 'Peers as http://host:port, https://host:port or host:port',
  })
  @IsArray({ message: 'Error: Please supply a valid list of nodes' })
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(2048, { each: true })
  nodes: string[];
}
