import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AddressesModule } from './addresses/addresses.module';
import { LoggerModule } from 'nestjs-pino';
import { ChainModule } from './chain/chain.module';
import { WeightedThrottlerGuard } from './common/weighted-throttler.guard';
import { NodeConfig } from './config/node-config';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { ExplorerModule } from './explorer/explorer.module';
import { HealthModule } from './health/health.module';
import { IdentityModule } from './identity/identity.module';
import { MetricsModule } from './metrics/metrics.module';
import { MiningModule } from './mining/mining.module';
import { NodesModule } from './nodes/nodes.module';
import { StatusModule } from './status/status.module';
import { TransactionsModule } from './transactions/transactions.module';

@Module({})
export class AppModule {
  /** The whole node, for one validated configuration. */
  static forRoot(config: NodeConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          // JSON lines for log collectors; readable lines when a person watches a terminal.
          pinoHttp: {
            level: config.logLevel,
            transport: process.stdout.isTTY ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
          },
          // No logger per request: the events worth logging are logged where they happen, and requests stay cheap.
          forRoutes: [],
        }),
        ThrottlerModule.forRoot({
          throttlers: [{ ttl: config.rateLimitWindowMs, limit: config.rateLimit }],
          skipIf: () => config.rateLimit === 0,
        }),
        DatabaseModule,
        IdentityModule,
        ChainModule,
        AddressesModule,
        TransactionsModule,
        MiningModule,
        NodesModule,
        EventsModule,
        MetricsModule,
        HealthModule,
        StatusModule,
        ExplorerModule,
      ],
      providers: [
        { provide: NodeConfig, useValue: config },
        { provide: APP_GUARD, useClass: WeightedThrottlerGuard },
      ],
      exports: [NodeConfig],
    };
  }
}
