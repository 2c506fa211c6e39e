import { Injectable } from '@nestjs/common';
import { MIGRATION_NAMES } from './data-source-options';
import { MIGRATIONS_TABLE } from './database-file';
import { Sqlite } from './sqlite';

/** TypeORM's record of the migrations it ran on the node's database. */
@Injectable()
export class MigrationsStore {
  constructor(private readonly sqlite: Sqlite) {}

  /** The node's migrations the database has not had, in order: none once the node has started. */
  missing(): string[] {
    const applied = new Set(
      this.sqlite
        .statement<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE}`)
        .all()
        .map((row) => row.name),
    );
    return MIGRATION_NAMES.filter((name) => !applied.has(name));
  }
}
