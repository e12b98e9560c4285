import { readFileSync, unlinkSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { EmbeddedPostgresServer } from '#tandem/database';
import { migrate } from '#tandem/runtime';
import { ALL_MIGRATIONS } from '../../migrations/index.js';

/** What every benchmark section gets. */
export interface BenchContext {
  /** A PostgreSQL URL whose user may create databases (the maintenance database). */
  adminUrl: string;
  /** 1 = the full data set of the issue (50 coaches × 200 clients); 0.01 for a smoke run. */
  scale: number;
  /** Redis to compare the queue backends, or null (Redis variants are then reported as skipped). */
  redisUrl: string | null;
  /** Where scratch files go (var/bench). */
  dataDir: string;
  /** One progress line on stderr. */
  progress: (message: string) => void;
}

/** One part of the report: rows for the printed table plus anything worth keeping in the JSON. */
export interface BenchSection {
  name: string;
  rows: Array<Record<string, string | number | null>>;
  details?: Record<string, unknown>;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function adminQuery<T extends pg.QueryResultRow = Record<string, unknown>>(
  url: string,
  sql: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * A migrated database named `name`, created when missing (kept between runs so a
 * seeded data set can be reused). `fresh` drops it first.
 */
export async function benchDatabase(ctx: BenchContext, name: string, options: { fresh?: boolean } = {}): Promise<string> {
  const exists = (await adminQuery(ctx.adminUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [name])).length > 0;
  if (exists && options.fresh) await adminQuery(ctx.adminUrl, `DROP DATABASE ${name} WITH (FORCE)`);
  if (!exists || options.fresh) await adminQuery(ctx.adminUrl, `CREATE DATABASE ${name}`);
  const url = withDatabase(ctx.adminUrl, name);
  await migrate({ databaseUrl: url, logger: pino({ level: 'silent' }), migrations: ALL_MIGRATIONS });
  return url;
}

/**
 * PostgreSQL for one part of the benchmark: BENCH_DATABASE_URL, else an embedded
 * server of that part's own (data in `dataDir`, kept between runs), so the API and
 * the worker benchmarks can run at the same time without one stopping the other's
 * server (starting an embedded server stops whatever server still holds its data
 * directory).
 */
export async function benchPostgres(dataDir: string, port: number): Promise<{ adminUrl: string; stop(): Promise<void> }> {
  if (process.env.BENCH_DATABASE_URL) return { adminUrl: process.env.BENCH_DATABASE_URL, stop: async () => undefined };
  const server = new EmbeddedPostgresServer({ dataDir, port, database: 'postgres' });
  await server.start();
  return { adminUrl: server.adminUrl, stop: () => server.stop() };
}

/**
 * One benchmark part at a time: a lock file naming the process that holds it.
 * A second run of the same part fails at once with a message saying who holds
 * it, instead of taking over (and stopping) the first run's PostgreSQL. A lock
 * left by a process that no longer exists is taken over.
 */
export async function acquireBenchLock(file: string, label: string): Promise<{ release(): Promise<void> }> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const mine = JSON.stringify({ pid: process.pid, argv: process.argv.slice(2), startedAt: new Date().toISOString() });
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await fs.writeFile(file, mine, { flag: 'wx' });
      const releaseSync = () => {
        try {
          if (readFileSync(file, 'utf8') === mine) unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', releaseSync);
      return {
        release: async () => {
          process.removeListener('exit', releaseSync);
          releaseSync();
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder: { pid?: number; argv?: string[]; startedAt?: string } = {};
    try {
      holder = JSON.parse(await fs.readFile(file, 'utf8')) as typeof holder;
    } catch {
      // unreadable or half-written: treated as stale below unless it names a live process
    }
    if (holder.pid && holder.pid !== process.pid && isAlive(holder.pid)) {
      throw new Error(
        `another ${label} benchmark is running (pid ${holder.pid}, \`npm run bench -- ${(holder.argv ?? []).join(' ')}\`, started ${holder.startedAt ?? '?'}; ` +
          `lock ${path.relative(process.cwd(), file)}). Two at once would share its PostgreSQL and skew each other's timings: wait for it to finish.`,
      );
    }
    await fs.rm(file, { force: true });
  }
  throw new Error(`could not take the benchmark lock ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function benchRedis(): Promise<string | null> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return url;
  } catch {
    return null;
  } finally {
    client.disconnect();
  }
}

/** p-th percentile (0–100) of numbers. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The fingerprint stored with a seeded data set (bench_meta), or null when there is none yet. */
export async function readDatasetFingerprint<T>(url: string): Promise<T | null> {
  const [table] = await adminQuery<{ exists: boolean }>(url, `SELECT to_regclass('public.bench_meta') IS NOT NULL AS exists`);
  if (!table?.exists) return null;
  const [row] = await adminQuery<{ value: T }>(url, `SELECT value FROM bench_meta WHERE key = 'dataset'`);
  return row?.value ?? null;
}

/** Written last, so an interrupted seed is never mistaken for a complete one. */
export async function writeDatasetFingerprint(url: string, value: object): Promise<void> {
  await adminQuery(
    url,
    `CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value jsonb NOT NULL, written_at timestamptz NOT NULL DEFAULT now())`,
  );
  await adminQuery(
    url,
    `INSERT INTO bench_meta (key, value) VALUES ('dataset', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value, written_at = now()`,
    [JSON.stringify(value)],
  );
}

/** Deletes every Redis key under `prefix:` (a benchmark's own queue), a page of keys at a time. */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
