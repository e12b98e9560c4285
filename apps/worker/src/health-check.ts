import 'reflect-metadata';
import pg from 'pg';
import { Redis } from 'ioredis';
import { loadConfig } from '#tandem/config';

/**
 * Exit 0 when the worker's dependencies answer, 1 otherwise; used as the
 * container health check of a process that serves no HTTP.
 */
async function main(): Promise<number> {
  const config = loadConfig(process.env);
  if (config.database.kind !== 'external') return 0;
  const client = new pg.Client({ connectionString: config.database.url, connectionTimeoutMillis: 3000 });
  await client.connect();
  await client.query('SELECT 1');
  await client.end();
  if (config.queue.kind === 'redis') {
    const redis = new Redis(config.queue.url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3000 });
    await redis.connect();
    await redis.ping();
    redis.disconnect();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`unhealthy: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
