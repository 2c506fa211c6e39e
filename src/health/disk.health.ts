import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { statfs } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { NodeConfig } from '../config/node-config';

/**
 * Free space on the database's file system, against HEALTH_MIN_FREE_DISK_BYTES: a full disk fails every write.
 * One statfs call (terminus' own disk check runs `df` in a child process, too dear to poll every second).
 */
@Injectable()
export class DiskHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly config: NodeConfig,
  ) {}

  async check(key: string) {
    const indicator = this.indicators.check(key);
    const minimum = this.config.healthMinFreeDiskBytes;
    let freeBytes: number;
    try {
      const stats = await statfs(dirname(resolve(this.config.databasePath)));
      freeBytes = stats.bavail * stats.bsize;
    } catch (error) {
      return indicator.down({ message: `Free space unknown: ${(error as Error).message}` });
    }
    if (freeBytes < minimum) {
      return indicator.down({ message: `Less free space than HEALTH_MIN_FREE_DISK_BYTES`, freeBytes, minimum });
    }
    return indicator.up({ freeBytes, minimum });
  }
}
