import { Module } from '@nestjs/common';
import { ChainModule } from '../chain/chain.module';
import { EventsModule } from '../events/events.module';
import { MiningModule } from '../mining/mining.module';
import { NodesModule } from '../nodes/nodes.module';
import { TransactionsModule } from '../transactions/transactions.module';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Module({
  imports: [ChainModule, TransactionsModule, MiningModule, NodesModule, EventsModule],
  controllers: [MetricsController],
  providers: [MetricsService],
  exports: [MetricsService],
})
export class MetricsModule {}
