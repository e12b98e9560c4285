import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig, type AppConfig } from '#tandem/config';
import type { Runtime } from '#tandem/runtime';
import { ALL_MIGRATIONS } from '../../migrations/index.js';
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
export async function createTestRuntime(
  options: { redisUrl?: string; env?: Record<string, string | undefined> } = {},
): Promise<TestRuntime> {
  const database = await createTestDatabase();
  // Outbox mail and any other files go to a directory of this test's own.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-test-'));
  const config = testConfig({
    DATA_DIR: dataDir,
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
    migrations: ALL_MIGRATIONS,
    database,
    stop: async () => undefined,
    dispose: async () => {
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
