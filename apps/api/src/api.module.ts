import { Module, type DynamicModule } from '@nestjs/common';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import {
  ArgumentCheckGuard,
  AuthGuard,
  CoachingModule,
  createValidationPipe,
  LoaderFactory,
  TransactionInterceptor,
} from '#tandem/coaching';
import { CheckInLinkModule, NotificationsModule, UnsubscribeModule } from '#tandem/notifications';
import type { Clock } from '#tandem/clock';
import { CoreModule, type Runtime } from '#tandem/runtime';
import { graphqlOptions } from './graphql/graphql.options.js';
import { SystemResolver } from './graphql/system.resolver.js';
import { QueueDashboardModule } from './admin/queue-dashboard.module.js';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';

export interface ApiModuleOptions {
  /** Also consume jobs in this process (the all-in-one start). */
  runWorker: boolean;
  /** Where to write the SDL: a path, or false to keep it in memory (tests). Default depends on NODE_ENV. */
  schemaFile?: string | false;
  /** The built web app to serve at `/` (default dist/web; WEB_APP_DIR overrides), or false for none. */
  webAppDir?: string | false;
  /** The clock (tests move a TestClock); default the system's. */
  clock?: Clock;
}

@Module({})
export class ApiModule {
  static forRoot(runtime: Runtime, options: ApiModuleOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        CoreModule.forRoot(runtime, { runWorker: options.runWorker, applicationName: 'tandem-api', clock: options.clock }),
        NotificationsModule,
        UnsubscribeModule,
        CheckInLinkModule,
        CoachingModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [CoachingModule],
          inject: [LoaderFactory],
          useFactory: (loaders: LoaderFactory) => graphqlOptions(runtime.config, runtime.logger, loaders, options.schemaFile),
        }),
        HealthModule,
        MetricsModule,
        QueueDashboardModule,
      ],
      providers: [
        SystemResolver,
        // Every request of this app, GraphQL and HTTP alike. Guards run in this order: who is
        // calling (and with which role), then whether the arguments are well-formed; a
        // resolver's own guards (rate limits) come after both.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: ArgumentCheckGuard },
        { provide: APP_INTERCEPTOR, useClass: TransactionInterceptor },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
