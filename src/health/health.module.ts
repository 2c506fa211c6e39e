import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ChainModule } from '../chain/chain.module';
import { NodesModule } from '../nodes/nodes.module';
import { DatabaseHealthIndicator } from './database.health';
import { DiskHealthIndicator } from './disk.health';
import { EventLoopHealthIndicator } from './event-loop.health';
import { HealthController } from './health.controller';
import { SyncHealthIndicator } from './sync.health';

@Module({
  // The report is the answer; logging every failed poll (one a second) would drown the log.
  imports: [TerminusModule.forRoot({ logger: false }), ChainModule, NodesModule],
  controllers: [HealthController],
  providers: [DatabaseHealthIndicator, DiskHealthIndicator, EventLoopHealthIndicator, SyncHealthIndicator],
})
export class HealthModule {}
