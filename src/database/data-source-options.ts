import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from 'better-sqlite3';
import { getMetadataArgsStorage, type DataSourceOptions } from 'typeorm';
import { Init1795606704465 } from '../../migrations/1795606704465-Init';

import { BlockEntity } from '../chain/block.entity';
import { NodeIdentityEntity } from '../identity/node-identity.entity';
import { PeerEntity } from '../nodes/peer.entity';
import { PendingTransactionEntity } from '../transactions/pending-transaction.entity';
import { assertNodeDatabase, MIGRATIONS_TABLE, NodeSchema } from './database-file';

export const ENTITIES = [BlockEntity, PendingTransactionEntity, PeerEntity, NodeIdentityEntity];
export const MIGRATIONS = [Init1795606704465];
/** The names TypeORM records in the migrations table. */
export const MIGRATION_NAMES = MIGRATIONS.map((Migration) => new Migration().name);

/** What this version of the node expects to find in a database it opens. */
export const NODE_SCHEMA: NodeSchema = {
  tables: [
    ...getMetadataArgsStorage()
      .tables.filter((table) => (ENTITIES as unknown[]).includes(table.target))
      .map((table) => table.name!),
    MIGRATIONS_TABLE,
    // SQLite's own table for AUTOINCREMENT.
    'sqlite_sequence',
  ],
  migrations: MIGRATION_NAMES,
};

/**
 * One SQLite file in WAL mode, fsynced on every commit, its schema from migrations only. A file that is not this
 * node's database is refused before anything is written to it.
 */
export function dataSourceOptions(databasePath: string): DataSourceOptions {
  if (databasePath !== ':memory:') mkdirSync(dirname(databasePath), { recursive: true });
  return {
    type: 'better-sqlite3',
    database: databasePath,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    migrationsTableName: MIGRATIONS_TABLE,
    synchronize: false,
    enableWAL: true,
    // Never wait for a lock inside SQLite, which would block the event loop: DatabaseWriter retries instead.
    timeout: 0,
    // Runs right after the file is opened, before TypeORM switches it to WAL or migrates it.
    prepareDatabase: (db: Database) => {
      try {
        assertNodeDatabase(db, databasePath, NODE_SCHEMA);
      } catch (error) {
        // TypeORM forgets a connection it could not prepare: close it, so it leaves nothing beside the file.
        db.close();
        throw error;
      }
      // A commit is acknowledged only once it is on disk: fsync the WAL at every commit (power-loss safe).
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
    },
  };
}
