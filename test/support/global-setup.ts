import path from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { EmbeddedPostgresServer } from '#tandem/database';
import { migrate } from '#tandem/runtime';
import net from 'node:net';

/**
 * Once per `npm test`: find a PostgreSQL (TEST_DATABASE_URL, else an embedded
 * one under ./var/test-pg), build a migrated template database that every test
 * file clones, and find out whether Redis answers.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    // A server of this run's own (data dir and port), so two test runs on one machine never meet.
    const server = new EmbeddedPostgresServer({
      dataDir: path.resolve(`var/test-pg/${runId}`),
      port: await freePort(),
      database: 'postgres',
      ephemeral: true,
    });
    await server.start();
    (globalThis as { __tandemTestPg?: EmbeddedPostgresServer }).__tandemTestPg = server;
    adminUrl = server.adminUrl;
  }

  const template = `tandem_test_${runId}_template`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await dropLeftoverDatabases(admin);
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  // Global setup runs outside Jest's module mapping (#tandem/* is the build in dist/), so the migrations come from the build too.
  const { ALL_MIGRATIONS } = (await import(path.resolve('dist/migrations/index.js'))) as typeof import('../../migrations/index.js');
  await migrate({ databaseUrl: withDatabase(adminUrl, template), logger: pino({ level: 'silent' }), migrations: ALL_MIGRATIONS });

  process.env.TANDEM_TEST_ADMIN_URL = adminUrl;
  process.env.TANDEM_TEST_TEMPLATE = template;
  process.env.TANDEM_TEST_RUN_ID = runId;

  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisProblem = await pingRedis(redisUrl);
  if (redisProblem) {
    if (process.env.CI === 'true') throw new Error(`CI=true and Redis does not answer at ${redisUrl}: ${redisProblem}`);
    process.env.TANDEM_TEST_REDIS_SKIP_REASON = `no Redis at ${redisUrl} (${redisProblem})`;
    process.stderr.write(`\nRedis-backed tests will be skipped: no Redis at ${redisUrl} (${redisProblem})\n`);
  } else {
    process.env.TANDEM_TEST_REDIS_URL = redisUrl;
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Databases left by a run that was killed before its teardown (older than an hour). */
async function dropLeftoverDatabases(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'tandem\\_test\\_%'`);
  const hourAgo = Date.now() - 3600_000;
  for (const { datname } of rows) {
    const stamp = /^tandem_test_\d+_([0-9a-z]+)_/.exec(datname)?.[1];
    if (stamp && Number.parseInt(stamp, 36) < hourAgo) {
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  }
}

async function pingRedis(url: string): Promise<string | undefined> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    client.disconnect();
  }
}

// Global setup is loaded outside Jest's module mapper, so it keeps its helpers to itself.
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
