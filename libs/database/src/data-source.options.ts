import type { DataSourceOptions, EntitySchema, MigrationInterface, Logger as TypeOrmLogger, MixedList } from 'typeorm';
import { DEFAULT_DATABASE_TIMEOUTS, guardedPoolOptions, type DatabaseTimeouts, type PoolActivity } from './pool-guard.js';
import { PostgresNamingStrategy } from './postgres-naming.strategy.js';

/** The release's migrations, oldest first: `migrations/index.ts` in the app, handed down to this library (which cannot import it). */
export type MigrationList = ReadonlyArray<new () => MigrationInterface>;

export interface DataSourceSettings {
  url: string;
  poolSize: number;
  /** Entity classes (or names, or schemas). */
  entities?: MixedList<(abstract new (...args: never[]) => unknown) | string | EntitySchema>;
  logger?: TypeOrmLogger;
  applicationName?: string;
  /** Defaults to DEFAULT_DATABASE_TIMEOUTS with statements unlimited (what migrations and scripts need). */
  timeouts?: DatabaseTimeouts;
  poolActivity?: PoolActivity;
  /** What `runMigrations` applies and the readiness check compares with; none when omitted (a script that only reads and writes rows). */
  migrations?: MigrationList;
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
    migrations: [...(settings.migrations ?? [])],
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
