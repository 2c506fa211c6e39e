import { DataSource } from 'typeorm';
import { dataSourceOptions } from './src/database/data-source-options';

/** The DataSource the TypeORM CLI uses (`npm run migration:*`); the node itself runs migrations at boot. */
export default new DataSource(dataSourceOptions(process.env.DATABASE_PATH ?? 'data/blockchain.sqlite'));
