import { Module } from '@nestjs/common';
import { ChainModule } from '../chain/chain.module';
import { IdentityModule } from '../identity/identity.module';
import { TransactionsModule } from '../transactions/transactions.module';
import { MiningController } from './mining.controller';
import { MiningService } from './mining.service';
import { ProofSearchService } from './proof-search.service';

@Module({
  imports: [ChainModule, TransactionsModule, IdentityModule],
  controllers: [MiningController],
  providers: [MiningService, ProofSearchService],
  exports: [MiningService, ProofSearchService],
})
export class MiningModule {}
