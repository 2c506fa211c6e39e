import { ApiProperty } from '@nestjs/swagger';
import type { PeerStatus } from '../../nodes/consensus.service';

export class PeerStateDto {
  @ApiProperty({ example: '127.0.0.1:5001' })
  node: string;

  @ApiProperty({
    enum: ['ok', 'invalid', 'unreachable', 'timeout', 'too-large', 'bad-response'],
    nullable: true,
    description: 'What the peer answered at the last resolve; null while no resolve has asked it',
  })
  status: PeerStatus | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 3,
    description: 'Length of the chain it served then; null when it served none',
  })
  length: number | null;
}

export class StatusResponseDto {
  @ApiProperty({ type: 'integer', example: 22, description: "Blocks in the chain, genesis included: the tip's index" })
  length: number;

  @ApiProperty({
    example: '0000c5d7a1f3b0e6d2c9a84f1e7b3d5c6a2f9e8d7c6b5a4f3e2d1c0b9a8f7e6d',
    description: 'SHA-256 of the tip block',
  })
  hash: string;

  @ApiProperty({ type: 'integer', example: 4, description: "Leading hex zeros a proof's hash needs (DIFFICULTY)" })
  difficulty: number;

  @ApiProperty({ type: 'integer', example: 3, description: 'Transactions waiting for a block' })
  pending: number;

  @ApiProperty({
    type: [PeerStateDto],
    description:
      'Every registered peer, in the order of GET /nodes, with what it answered at the last resolve (background ' +
      'sync, announced blocks, GET /nodes/resolve)',
  })
  peers: PeerStateDto[];
}
