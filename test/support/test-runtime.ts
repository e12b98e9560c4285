import { pino } from 'pino';
import { loadConfig, type AppConfig } from '#tandem/config';
import type { Runtime } from '#tandem/runtime';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestRuntime extends Runtime {
  database: TestDatabase;
  /** Stops everything the runtime holds and drops the database. */
  dispose(): Promise<void>;
}

/** A config as production would parse it, pointed at the test's own services. */
export function testConfig(env: Record<string, string | undefined> = {}): AppConfig {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', LOG_FORMAT: 'json', ...env });
}

/**
 * A runtime on a fresh migrated database. `redisUrl` puts the queue on Redis
 * (with a prefix of its own, so parallel files never share jobs); otherwise it
 * uses the PostgreSQL backend in the test database.
 */
export async function createTestRuntime(options: { redisUrl?: string; env?: Record<string, string | undefined> } = {}): Promise<TestRuntime> {
  const database = await createTestDatabase();
  const config = testConfig({
    DATABASE_URL: database.url,
    REDIS_URL: options.redisUrl,
    QUEUE_PREFIX: `t_${database.name.slice(-8)}`,
    ...options.env,
  });
  return {
    config,
    logger: pino({ level: 'silent' }),
    databaseUrl: database.url,
    databaseLabel: `test database ${database.name}`,
    database,
    stop: async () => undefined,
    dispose: () => database.drop(),
  };
}
