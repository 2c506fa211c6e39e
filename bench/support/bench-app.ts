import { Body, Controller, HttpCode, HttpStatus, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/node-config';
import { configureApp } from '../../src/configure-app';
import { CreateTransactionDto } from '../../src/transactions/dto/create-transaction.dto';

/** The yardstick for ingestion: the same validation and the same answer as POST /transactions/new, no storage. */
@Controller('bench')
class NoopController {
  @Post('noop')
  @HttpCode(HttpStatus.CREATED)
  noop(@Body() _transaction: CreateTransactionDto) {
    return { message: 'Transaction will be added to Block 2' };
  }
}

/**
 * The whole node plus the no-op route, configured like main.ts from the environment. Benchmarks only: the product
 * never serves this route.
 */
async function serve(): Promise<void> {
  const config = loadConfig(process.env, process.argv.slice(2));
  @Module({ imports: [AppModule.forRoot(config)], controllers: [NoopController] })
  class BenchAppModule {}
  const app = await NestFactory.create<NestExpressApplication>(BenchAppModule, { logger: ['error', 'warn'] });
  configureApp(app);
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
}

void serve();
