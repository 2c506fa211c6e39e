import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from 'better-sqlite3';
import { getMetadataArgsStorage, type DataSourceOptions } from 'typeorm';
import { Init1795606704465 } from '../../migrations/1795606704465-Init';
import { AddressIndex1795629227878 } from '../../migrations/1795629227878-AddressIndex';
import { HashesUnindexed1795661027988 } from '../../migrations/1795661027988-HashesUnindexed';

import { AddressIndexStateEntity } from '../addresses/address-index-state.entity';
import { AddressTotalsEntity } from '../addresses/address-totals.entity';
import { IndexedTransactionEntity } from '../addresses/indexed-transaction.entity';
import { BlockEntity } from '../chain/block.entity';
import { NodeIdentityEntity } from '../identity/node-identity.entity';
import { PeerEntity } from '../nodes/peer.entity';
import { PendingTransactionEntity } from '../transactions/pending-transaction.entity';
import { MIGRATIONS_TABLE, NodeSchema } from './database-file';

export const ENTITIES = [
  BlockEntity,
  PendingTransactionEntity,
  PeerEntity,
  NodeIdentityEntity,
  IndexedTransactionEntity,
  AddressIndexStateEntity,
  AddressTotalsEntity,
];
export const MIGRATIONS = [Init1795606704465, AddressIndex1795629227878, HashesUnindexed1795661027988];
/** The names TypeORM records in the migrations table. */
export const MIGRATION_NAMES = MIGRATIONS.map((Migration) => new Migration().name);

/** What this version of the node expects to find in a database it opens. */
export const NODE_SCHEMA: NodeSchema = {
  tables: [
    ...getMetadataArgsStorage()
      .tables.filter((table) => (ENTITIES as unknown[]).includes(table.target))
      .map((table) => table.name!),
    MIGRATIONS_TABLE,
  ],
  migrations: MIGRATION_NAMES,
};

/** The node's writes are fsynced at every commit (but those `DatabaseWriter` is told need not be). */
export const DURABLE_SYNCHRONOUS = 'FULL';

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
    migrationsTableName: MIGRATIONS_TABLE,
    synchronize: false,
    enableWAL: true,
    // Never wait for a lock inside SQLite, which would block the event loop: DatabaseWriter retries instead.
    timeout: 0,
    prepareDatabase: (db: Database) => {
      // A commit is acknowledged only once it is on disk: fsync the WAL at every commit (power-loss safe).
      db.pragma(`synchronous = ${DURABLE_SYNCHRONOUS}`);
      db.pragma('foreign_keys = ON');
    },
  };
}
