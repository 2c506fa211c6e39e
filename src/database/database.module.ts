import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NodeConfig } from '../config/node-config';
import { dataSourceOptions } from './data-source-options';
import { DatabaseWriter } from './database-writer';
import { MigrationsStore } from './migrations.store';
import { NodeDataSource } from './node-data-source';
import { Sqlite } from './sqlite';
import { WalCheckpointer } from './wal-checkpointer';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [NodeConfig],
      // A database that cannot be opened (in use, foreign, corrupt) stops the start at once: no retries.
      useFactory: (config: NodeConfig) => ({ ...dataSourceOptions(config.databasePath), toRetry: () => false }),
      dataSourceFactory: async (options) => new NodeDataSource(options!.database as string),
    }),
  ],
  providers: [DatabaseWriter, Sqlite, MigrationsStore, WalCheckpointer],
  exports: [DatabaseWriter, Sqlite, MigrationsStore],
})
export class DatabaseModule {}
