import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BlockEntity } from './block.entity';
import { ChainController } from './chain.controller';
import { ChainService } from './chain.service';

@Module({
  imports: [TypeOrmModule.forFeature([BlockEntity])],
  controllers: [ChainController],
  providers: [ChainService],
  exports: [ChainService],
})
export class ChainModule {}
