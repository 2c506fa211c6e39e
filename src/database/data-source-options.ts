import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { Init1795606704465 } from '../../migrations/1795606704465-Init';

import { BlockEntity } from '../chain/block.entity';
import { NodeIdentityEntity } from '../identity/node-identity.entity';
import { PeerEntity } from '../nodes/peer.entity';
import { PendingTransactionEntity } from '../transactions/pending-transaction.entity';

export const ENTITIES = [BlockEntity, PendingTransactionEntity, PeerEntity, NodeIdentityEntity];
export const MIGRATIONS = [Init1795606704465];

/** One SQLite file in WAL mode, fsynced on every commit, its schema from migrations only. */
export function dataSourceOptions(databasePath: string): DataSourceOptions {
  if (databasePath !== ':memory:') mkdirSync(dirname(databasePath), { recursive: true });
  return {
    type: 'better-sqlite3',
    database: databasePath,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    enableWAL: true,
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      // A 201 promises the transaction is on disk: fsync the WAL at every commit.
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
    },
  };
}
