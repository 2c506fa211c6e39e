import { ConfigError, loadConfig } from './config/node-config';
import { backupDatabase } from './database/database-backup';

/** `npm run backup -- <file>`: a consistent copy of the node's database (DATABASE_PATH), while the node runs. */
async function main(): Promise<void> {
  const [target, ...rest] = process.argv.slice(2);
  if (!target || rest.length > 0) throw new ConfigError('usage: npm run backup -- <file>');
  const { databasePath } = loadConfig(process.env, []);
  const summary = await backupDatabase(databasePath, target);
  console.error(
    `Backed up ${databasePath} to ${target} in ${Math.round(summary.durationMs)} ms: ${summary.bytes} bytes, ` +
      `${summary.blocks} blocks, ${summary.pendingTransactions} pending transactions, ${summary.peers} peers`,
  );
}

main().catch((error: Error) => {
  console.error(`Backup failed: ${error.message}`);
  process.exit(1);
});
