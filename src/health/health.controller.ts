import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database.health';
import { DiskHealthIndicator } from './disk.health';
import { EventLoopHealthIndicator } from './event-loop.health';
import { SyncHealthIndicator } from './sync.health';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly disk: DiskHealthIndicator,
    private readonly eventLoop: EventLoopHealthIndicator,
    private readonly sync: SyncHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({
    summary: 'Is the node healthy? (added)',
    description:
      '200 when the database answers, has every migration and takes writes, the disk has at least ' +
      'HEALTH_MIN_FREE_DISK_BYTES free and the event loop is not late past HEALTH_MAX_EVENT_LOOP_DELAY_MS; 503 ' +
      'otherwise, with the same report: what failed is under `error`. `sync` reports the peers as of the last ' +
      'resolve and never fails the check. Cheap enough to poll every second.',
  })
  check() {
    return this.health.check([
      () => this.database.check('database'),
      () => this.disk.check('disk'),
      () => this.eventLoop.check('eventLoop'),
      () => this.sync.check('sync'),
    ]);
  }
}
