import type { DataSourceOptions, EntitySchema, Logger as TypeOrmLogger, MixedList } from 'typeorm';
import { ALL_MIGRATIONS } from '../../../migrations/index.js';
import { DEFAULT_DATABASE_TIMEOUTS, guardedPoolOptions, type DatabaseTimeouts, type PoolActivity } from './pool-guard.js';
import { PostgresNamingStrategy } from './postgres-naming.strategy.js';

export interface DataSourceSettings {
  url: string;
  poolSize: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  logger?: TypeOrmLogger;
  applicationName?: string;
  /** Defaults to DEFAULT_DATABASE_TIMEOUTS with statements unlimited (what migrations and scripts need). */
  timeouts?: DatabaseTimeouts;
  poolActivity?: PoolActivity;
}

/**
 * The one place TypeORM is configured, shared by the app, the migration CLI
 * and the tests. Schema changes only ever come from `migrations/`.
 */
export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    applicationName: settings.applicationName ?? 'tandem',
    poolSize: settings.poolSize,
    extra: guardedPoolOptions(
      settings.timeouts ?? { ...DEFAULT_DATABASE_TIMEOUTS, statementMs: 0, idleInTransactionMs: 0 },
      settings.poolActivity,
    ),
    entities: settings.entities ?? [],
    namingStrategy: new PostgresNamingStrategy(),
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    maxQueryExecutionTime: 1000,
    // With Tandem's logger, 'query' feeds the per-request statement count (queries print only at trace level).
    logging: settings.logger ? ['query', 'error', 'warn', 'migration'] : ['error', 'warn'],
    ...(settings.logger ? { logger: settings.logger } : {}),
  };
}
