import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { AppConfig } from '#tandem/config';
import { ROOT_LOGGER } from '#tandem/logging';
import { dataSourceOptions, type MigrationList } from './data-source.options.js';
import { PoolActivity } from './pool-guard.js';
import { TypeOrmPinoLogger } from './typeorm-pino.logger.js';

export interface DatabaseModuleOptions {
  /** The resolved connection URL (the embedded server's, or DATABASE_URL). */
  url: string;
  applicationName?: string;
  /** The release's migrations (the readiness check compares the database with them); none when omitted. */
  migrations?: MigrationList;
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    const poolActivity = new PoolActivity();
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig, ROOT_LOGGER],
          useFactory: (config: AppConfig, logger: Logger) => ({
            ...dataSourceOptions({
              url: options.url,
              poolSize: config.database.poolSize,
              timeouts: config.database.timeouts,
              poolActivity,
              logger: new TypeOrmPinoLogger(logger),
              ...(options.applicationName ? { applicationName: options.applicationName } : {}),
              ...(options.migrations ? { migrations: options.migrations } : {}),
            }),
            // Entities come from each domain module's TypeOrmModule.forFeature.
            autoLoadEntities: true,
            retryAttempts: 3,
            retryDelay: 1000,
          }),
        }),
      ],
      providers: [{ provide: PoolActivity, useValue: poolActivity }],
      exports: [TypeOrmModule, PoolActivity],
    };
  }
}
