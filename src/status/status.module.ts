import { Module } from '@nestjs/common';
import { ChainModule } from '../chain/chain.module';
import { NodesModule } from '../nodes/nodes.module';
import { TransactionsModule } from '../transactions/transactions.module';
import { StatusController } from './status.controller';

@Module({
  imports: [ChainModule, TransactionsModule, NodesModule],
  controllers: [StatusController],
})
export class StatusModule {}
