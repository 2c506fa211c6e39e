import { Module } from '@nestjs/common';
import { ChainModule } from '../chain/chain.module';
import { storeProvider } from '../database/sqlite';
import { AddressesController } from './addresses.controller';
import { AddressIndexCatchUp } from './address-index-catch-up';
import { AddressesService } from './addresses.service';
import { IndexedTransactionStore } from './indexed-transaction.store';

@Module({
  imports: [ChainModule],
  controllers: [AddressesController],
  providers: [AddressesService, AddressIndexCatchUp, storeProvider(IndexedTransactionStore)],
})
export class AddressesModule {}
