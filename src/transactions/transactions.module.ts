import { Module } from '@nestjs/common';
import { ChainModule } from '../chain/chain.module';
import { PendingTransactionStore } from './pending-transaction.store';
import { TransactionsController } from './transactions.controller';
import { TransactionsService } from './transactions.service';

@Module({
  imports: [ChainModule],
  controllers: [TransactionsController],
  providers: [TransactionsService, PendingTransactionStore],
  exports: [TransactionsService],
})
export class TransactionsModule {}
