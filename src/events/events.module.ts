import { Module } from '@nestjs/common';
import { ChainModule } from '../chain/chain.module';
import { NodesModule } from '../nodes/nodes.module';
import { TransactionsModule } from '../transactions/transactions.module';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

@Module({
  imports: [ChainModule, TransactionsModule, NodesModule],
  controllers: [EventsController],
  providers: [EventsService],
  exports: [EventsService],
})
export class EventsModule {}
