import path from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { loadConfig, redactUrl, type AppConfig } from '#tandem/config';
import { EmbeddedPostgresServer, TypeOrmPinoLogger, dataSourceOptions, runPendingMigrations, type MigrationList } from '#tandem/database';
import { createLogger } from '#tandem/logging';
import { StartupError } from './startup-error.js';

export const EMBEDDED_DATABASE_NAME = 'tandem';

/** What a process needs before Nest starts: validated config, a logger and a reachable, migrated database. */
export interface Runtime {
  config: AppConfig;
  logger: Logger;
  databaseUrl: string;
  /** Human description of the database, for the banner. */
  databaseLabel: string;
  /** The release's migrations, oldest first (the app passes `migrations/index.ts`). */
  migrations: MigrationList;
  /** Stops what startRuntime started (the embedded server). Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartRuntimeOptions {
  name: string;
  /** Apply pending migrations before returning. */
  migrate: boolean;
  /** The release's migrations, oldest first: what `migrate` applies and the readiness check expects. */
  migrations: MigrationList;
  env?: NodeJS.ProcessEnv;
  /** An already-loaded config (tests); otherwise read from env. */
  config?: AppConfig;
}

export async function startRuntime(options: StartRuntimeOptions): Promise<Runtime> {
  const config = options.config ?? loadConfig(options.env ?? process.env, { isTty: Boolean(process.stdout.isTTY) });
  const logger = createLogger(config, options.name);
  let embedded: EmbeddedPostgresServer | undefined;
  let databaseUrl: string;
  let databaseLabel: string;

  if (config.database.kind === 'embedded') {
    const pgLog = logger.child({ context: 'EmbeddedPostgres' });
    embedded = new EmbeddedPostgresServer({
      dataDir: config.database.dataDir,
      port: config.database.port,
      database: EMBEDDED_DATABASE_NAME,
      onLog: (line) => line && pgLog.debug(line),
    });
    logger.info({ dataDir: config.database.dataDir, port: config.database.port }, 'starting embedded PostgreSQL');
    try {
      await embedded.start();
    } catch (error) {
      await embedded.stop().catch(() => undefined);
      throw new StartupError(error instanceof Error ? error.message : String(error));
    }
    databaseUrl = embedded.url;
    databaseLabel = `embedded PostgreSQL on 127.0.0.1:${config.database.port}, data in ${path.relative(process.cwd(), config.database.dataDir) || '.'}`;
  } else {
    databaseUrl = config.database.url;
    databaseLabel = `PostgreSQL at ${redactUrl(databaseUrl)}`;
    await assertReachable(databaseUrl);
  }

  const runtime: Runtime = {
    config,
    logger,
    databaseUrl,
    databaseLabel,
    migrations: options.migrations,
    async stop() {
      const server = embedded;
      embedded = undefined;
      await server?.stop();
    },
  };

  if (options.migrate) {
    try {
      await migrate(runtime);
    } catch (error) {
      await runtime.stop();
      throw error;
    }
  }
  return runtime;
}

/** Applies pending migrations with a short-lived DataSource of its own. */
export async function migrate(runtime: Pick<Runtime, 'databaseUrl' | 'logger' | 'migrations'>): Promise<string[]> {
  const dataSource = new DataSource(
    dataSourceOptions({
      url: runtime.databaseUrl,
      poolSize: 2,
      logger: new TypeOrmPinoLogger(runtime.logger),
      applicationName: 'tandem-migrations',
      migrations: runtime.migrations,
    }),
  );
  await dataSource.initialize();
  try {
    const applied = await runPendingMigrations(dataSource, runtime.databaseUrl);
    if (applied.length) runtime.logger.info({ migrations: applied.map((m) => m.name) }, `applied ${applied.length} migration(s)`);
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

async function assertReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new StartupError(
      `cannot reach the database at ${redactUrl(url)} (DATABASE_URL): ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
