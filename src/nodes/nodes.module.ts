import { HttpModule } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { ChainModule } from '../chain/chain.module';
import { TransactionsModule } from '../transactions/transactions.module';
import { IdentityModule } from '../identity/identity.module';
import { MiningModule } from '../mining/mining.module';
import { ChainSyncService } from './chain-sync.service';
import { ConsensusService } from './consensus.service';
import { NodeConfig } from '../config/node-config';
import { AnswerCheckPool } from './answer-check/answer-check-pool';
import { PeerChains } from './peer-chains';
import { PeerClient } from './peer-client';
import { PeerIds } from './peer-ids';
import { PeerPolicy } from './peer-policy';
import { PropagationService } from './propagation.service';
import { ReferenceChainPages } from './reference-chain-pages';
import { TransactionRelay } from './transaction-relay.service';
import { NodesController } from './nodes.controller';
import { NodesService } from './nodes.service';
import { PeerStore } from './peer.store';

@Module({
  imports: [HttpModule, ChainModule, TransactionsModule, MiningModule, IdentityModule],
  controllers: [NodesController],
  providers: [
    NodesService,
    PeerStore,
    ConsensusService,
    PeerClient,
    PeerIds,
    PeerChains,
    ReferenceChainPages,
    AnswerCheckPool,
    PropagationService,
    TransactionRelay,
    ChainSyncService,
    {
      provide: PeerPolicy,
      inject: [NodeConfig],
      useFactory: (config: NodeConfig) => new PeerPolicy(config.peerAllowlist),
    },
  ],
  exports: [NodesService, ConsensusService],
})
export class NodesModule {}
