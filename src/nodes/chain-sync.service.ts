import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { NodeConfig } from '../config/node-config';
import { ConsensusService } from './consensus.service';

/** Resolves against the peers every SYNC_INTERVAL_MS, so a node catches up even when no one tells it anything. */
@Injectable()
export class ChainSyncService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ChainSyncService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly config: NodeConfig,
    private readonly consensus: ConsensusService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.syncIntervalMs === 0) return;
    this.timer = setInterval(() => void this.sync(), this.config.syncIntervalMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  private async sync(): Promise<void> {
    try {
      await this.consensus.resolve();
    } catch (error) {
      const reason = (error as Error).message;
      this.logger.warn({ event: 'sync failed', msg: `Background sync failed: ${reason}`, reason });
    }
  }
}
