import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NodeConfig } from '../config/node-config';
import { dataSourceOptions } from './data-source-options';
import { DatabaseWriter } from './database-writer';
import { Sqlite } from './sqlite';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [NodeConfig],
      useFactory: (config: NodeConfig) => dataSourceOptions(config.databasePath),
    }),
  ],
  providers: [DatabaseWriter, Sqlite],
  exports: [DatabaseWriter, Sqlite],
})
export class DatabaseModule {}
