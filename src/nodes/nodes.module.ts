import { HttpModule } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChainModule } from '../chain/chain.module';
import { TransactionsModule } from '../transactions/transactions.module';
import { ConsensusService } from './consensus.service';
import { NodesController } from './nodes.controller';
import { NodesService } from './nodes.service';
import { PeerEntity } from './peer.entity';

@Module({
  imports: [TypeOrmModule.forFeature([PeerEntity]), HttpModule, ChainModule, TransactionsModule],
  controllers: [NodesController],
  providers: [NodesService, ConsensusService],
  exports: [NodesService, ConsensusService],
})
export class NodesModule {}
