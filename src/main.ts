import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { ConfigError, loadConfig, NodeConfig } from './config/node-config';
import { configureApp } from './configure-app';
import { NodeIdentityService } from './identity/node-identity.service';
import { stopOnSignals } from './shutdown';

function readConfig(): NodeConfig {
  try {
    return loadConfig(process.env, process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Invalid configuration: ${error.message}`);
    process.exit(1);
  }
}

async function bootstrap(): Promise<void> {
  const config = readConfig();
  // A failed start (a database in use, or not ours) ends in the one clear line below rather than an abort.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { abortOnError: false });
  configureApp(app);
  stopOnSignals(app);
  await app.listen(config.port, config.host);
  const logger = new Logger('Node');
  logger.log(`Node ${app.get(NodeIdentityService).nodeId} listening on http://${config.host}:${config.port}`);
  logger.log(`Database ${config.databasePath}, difficulty ${config.difficulty}; API docs at /docs`);
}

bootstrap().catch((error: Error) => {
  console.error(`The node could not start: ${error.message}`);
  process.exit(1);
});
