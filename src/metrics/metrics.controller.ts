import { Controller, Get, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { MetricsService } from './metrics.service';

/** Prometheus' text exposition format. */
const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics (an addition to the tutorial API): chain, peers, mining, sync, requests, process',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: "Prometheus' text exposition format, version 0.0.4", type: String })
  async metricsText(): Promise<StreamableFile> {
    return new StreamableFile(Buffer.from(await this.metrics.text()), { type: PROMETHEUS_TEXT });
  }
}
