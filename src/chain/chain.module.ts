import { Module } from '@nestjs/common';
import { BlockStore } from './block.store';
import { ChainController } from './chain.controller';
import { ChainService } from './chain.service';

@Module({
  controllers: [ChainController],
  providers: [ChainService, BlockStore],
  exports: [ChainService, BlockStore],
})
export class ChainModule {}
