import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoLogger } from 'nestjs-pino';
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
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    abortOnError: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(PinoLogger));
  // Nest would hold the start's lines back until the server listens; a start that fails before must say why too.
  app.flushLogs();
  configureApp(app);
  stopOnSignals(app);
  await app.listen(config.port, config.host);
  const nodeId = app.get(NodeIdentityService).nodeId;
  const url = `http://${config.host}:${config.port}`;
  new Logger('Node').log({
    event: 'started',
    msg: `Node ${nodeId} listening on ${url}; database ${config.databasePath}; API docs at /docs`,
    nodeId,
    url,
    config: { ...config, apiToken: config.apiToken && '[redacted]' },
  });
}

bootstrap().catch((error: Error) => {
  // A failed write says what failed in its cause (the database's own words).
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  console.error(`The node could not start: ${error.message}${cause}`);
  process.exit(1);
});
