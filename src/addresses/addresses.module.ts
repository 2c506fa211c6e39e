import { Module } from '@nestjs/common';
import { ChainModule } from '../chain/chain.module';
import { AddressesController } from './addresses.controller';
import { AddressesService } from './addresses.service';
import { IndexedTransactionStore } from './indexed-transaction.store';

@Module({
  imports: [ChainModule],
  controllers: [AddressesController],
  providers: [AddressesService, IndexedTransactionStore],
})
export class AddressesModule {}
