import { NodeDataSource } from './src/database/node-data-source';

/** The DataSource the TypeORM CLI uses (`npm run migration:*`); the node itself runs migrations at boot. */
export default new NodeDataSource(process.env.DATABASE_PATH ?? 'data/blockchain.sqlite');
