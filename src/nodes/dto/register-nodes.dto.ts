import { ApiProperty } from '@nestjs/swagger';
import { IsArray, IsString, MaxLength } from 'class-validator';
import { tutorialMessage } from '../../common/field-errors';

const MAX_PEER_ENTRY_LENGTH = 2048;

export class RegisterNodesDto {
  @ApiProperty({
    type: [String],
    example: ['http://127.0.0.1:5001', '127.0.0.1:5002'],
    description: 'Peers as http://host:port, https://host:port or host:port; at most MAX_PEERS of them',
  })
  @IsArray({
    message: '$property must be a list of peer addresses',
    context: tutorialMessage('Error: Please supply a valid list of nodes'),
  })
  @IsString({ each: true })
  @MaxLength(MAX_PEER_ENTRY_LENGTH, {
    each: true,
    message: 'each value in $property must be at most $constraint1 characters long',
  })
  nodes: string[];
}
