import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DatabaseWriter } from '../database/database-writer';
import { MigrationsStore } from '../database/migrations.store';
import { errorReason } from '../database/sqlite-error';

/** A write older than this is checked again by a probe, so that a fault arising while nothing writes shows. */
const PROBE_AFTER_IDLE_MS = 30_000;

/**
 * The database answers a query, has every migration, and takes writes. Whether it takes writes is what the last
 * write did (the writer records it): a check writes nothing while writes succeed. After a failed write, or once the
 * last write is 30 s old, a check starts a probe write (at most one at a time, never awaited) whose outcome the next
 * check reports: a node whose fault has ended turns healthy again without a client having to write.
 */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly migrations: MigrationsStore,
    private readonly writer: DatabaseWriter,
  ) {}

  check(key: string) {
    const indicator = this.indicators.check(key);
    let missingMigrations: string[];
    try {
      missingMigrations = this.migrations.missing();
    } catch (error) {
      return indicator.down({ message: `The database does not answer: ${errorReason(error)}` });
    }
    const last = this.writer.lastOutcome();
    if (!last?.ok || Date.now() - last.at > PROBE_AFTER_IDLE_MS) this.writer.probe();
    const writes = last && { ok: last.ok, at: new Date(last.at).toISOString(), failure: last.failure };
    if (missingMigrations.length > 0) {
      return indicator.down({ message: `Migrations not applied: ${missingMigrations.join(', ')}`, writes });
    }
    if (last && !last.ok) return indicator.down({ message: `The last write failed (${last.failure})`, writes });
    return indicator.up({ writes });
  }
}
