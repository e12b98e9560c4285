import { Module, type DynamicModule } from '@nestjs/common';
import { Clock, ClockModule } from '#tandem/clock';
import { ConfigModule } from '#tandem/config';
import { DatabaseModule } from '#tandem/database';
import { LoggingModule } from '#tandem/logging';
import { MailModule } from '#tandem/mail';
import { QueueModule, queueConnection } from '#tandem/queue';
import { PlatformMetrics } from './platform-metrics.js';
import { ProcessLifecycleModule } from './process-lifecycle.js';
import type { Runtime } from './runtime.js';

export interface CoreModuleOptions {
  /** Whether this process consumes jobs (the worker, or the all-in-one start). */
  runWorker: boolean;
  applicationName: string;
  /** The clock services read (tests pass a TestClock); default the system's. */
  clock?: Clock;
}

/** Config, logging, database, queue and mail: what the API and the worker both stand on. */
@Module({})
export class CoreModule {
  static forRoot(runtime: Runtime, options: CoreModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ProcessLifecycleModule,
        ClockModule.forRoot(options.clock),
        ConfigModule.forRoot(runtime.config),
        LoggingModule.forRoot(runtime.logger),
        DatabaseModule.forRoot({ url: runtime.databaseUrl, applicationName: options.applicationName, migrations: runtime.migrations }),
        QueueModule.forRoot({
          connection: queueConnection(runtime.config, runtime.databaseUrl),
          runWorker: options.runWorker,
          concurrency: runtime.config.queue.concurrency,
          lockSeconds: runtime.config.queue.lockSeconds,
        }),
        MailModule,
      ],
      providers: [PlatformMetrics],
    };
  }
}
