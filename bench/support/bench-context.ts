import path from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { EmbeddedPostgresServer } from '#tandem/database';
import { migrate } from '#tandem/runtime';

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
  progress(message: string): void;
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

export async function adminQuery<T extends pg.QueryResultRow = Record<string, unknown>>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
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
  await migrate({ databaseUrl: url, logger: pino({ level: 'silent' }) });
  return url;
}

/** PostgreSQL for benchmarks: BENCH_DATABASE_URL, else an embedded server under var/bench-pg (kept between runs). */
export async function benchPostgres(dataDir: string, port: number): Promise<{ adminUrl: string; stop(): Promise<void> }> {
  if (process.env.BENCH_DATABASE_URL) return { adminUrl: process.env.BENCH_DATABASE_URL, stop: async () => undefined };
  const server = new EmbeddedPostgresServer({ dataDir: path.join(dataDir, 'pg'), port, database: 'postgres' });
  await server.start();
  return { adminUrl: server.adminUrl, stop: () => server.stop() };
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
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
