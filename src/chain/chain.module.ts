import { Module } from '@nestjs/common';
import { storeProvider } from '../database/sqlite';
import { BlockStore } from './block.store';
import { ChainController } from './chain.controller';
import { ChainService } from './chain.service';

@Module({
  controllers: [ChainController],
  providers: [ChainService, storeProvider(BlockStore)],
  exports: [ChainService, BlockStore],
})
export class ChainModule {}
