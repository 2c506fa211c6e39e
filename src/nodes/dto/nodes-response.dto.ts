import { ApiProperty } from '@nestjs/swagger';
import { BlockDto } from '../../chain/dto/block.dto';
import { PEER_STATUSES, PeerStatus } from '../consensus.service';

export class RegisterNodesResponseDto {
  @ApiProperty({ example: 'New nodes have been added' })
  message: string;

  @ApiProperty({ type: [String], example: ['127.0.0.1:5001', '127.0.0.1:5002'] })
  total_nodes: string[];
}

export class NodesResponseDto {
  @ApiProperty({ type: [String], example: ['127.0.0.1:5001'] })
  nodes: string[];

  @ApiProperty({ example: 1 })
  length: number;
}

export class PeerReportDto {
  @ApiProperty({ example: '127.0.0.1:5001' })
  node: string;

  @ApiProperty({ enum: PEER_STATUSES })
  status: PeerStatus;

  @ApiProperty({ required: false, example: 3, description: 'Length of the chain the peer served' })
  length?: number;
}

export class ResolveResponseDto {
  @ApiProperty({ enum: ['Our chain was replaced', 'Our chain is authoritative'] })
  message: string;

  @ApiProperty({ type: [BlockDto], required: false, description: 'Present when our chain was replaced' })
  new_chain?: BlockDto[];

  @ApiProperty({ type: [BlockDto], required: false, description: 'Present when our chain stayed' })
  chain?: BlockDto[];

  @ApiProperty({ type: [PeerReportDto], description: 'What each peer answered (an addition to the tutorial API)' })
  peers: PeerReportDto[];
}
