import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BenchContext, BenchSection } from './support/bench-context.js';
import { formatTable } from './support/table.js';

const USAGE = 'usage: npm run bench -- [--scale N] [--only api|worker|auth|growth|web]';

function parseArgs(argv: string[]): { scale: number; only: string | null } {
  let scale = 1;
  let only: string | null = null;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--scale') scale = Number(argv[++i]);
    else if (arg === '--only') only = argv[++i] ?? null;
    else throw new Error(`unknown argument ${arg} (${USAGE})`);
  }
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10) throw new Error(`--scale must be a number in (0, 10] (${USAGE})`);
  if (only && !PARTS.some((part) => part.name === only))
    throw new Error(`--only must be ${PARTS.map((part) => part.name).join(', ')} (${USAGE})`);
  return { scale, only };
}

/** Each part has its own embedded PostgreSQL (data directory and port) and its own lock, so an API and a worker run can overlap. */
const PARTS = [
  { name: 'api', pgDir: 'pg-api', portOffset: 0 },
  { name: 'worker', pgDir: 'pg-worker', portOffset: 1 },
  { name: 'auth', pgDir: 'pg-auth', portOffset: 2 },
  // How cost grows (issue 14): seeding its 111,000 clients takes a few minutes the first time; reused after.
  { name: 'growth', pgDir: 'pg-growth', portOffset: 3 },
  { name: 'web', pgDir: 'pg-web', portOffset: 4 },
] as const;

/**
 * `npm run bench`: builds (or reuses) its data set, measures Tandem beside the
 * raw limit of the same work, prints one table per part and writes
 * bench/results/latest.json.
 */
async function main(): Promise<void> {
  const { scale, only } = parseArgs(process.argv.slice(2));
  // Tandem is measured as production runs it (the Dockerfile sets NODE_ENV=production), and
  // some libraries read NODE_ENV once, when they load (graphql-js then skips its development
  // instanceOf checks; Express its production behaviour): set it before importing them. A value
  // that is set is kept. The worker benchmark starts its processes with an environment of its own.
  process.env.NODE_ENV ??= 'production';
  await import('reflect-metadata');
  const { benchApi } = await import('./api.bench.js');
  const { benchWorker } = await import('./worker.bench.js');
  const { benchAuth } = await import('./auth.bench.js');
  const { benchGrowth } = await import('./growth.bench.js');
  const { benchWeb } = await import('./web.bench.js');
  const { acquireBenchLock, benchPostgres, benchRedis } = await import('./support/bench-context.js');

  const dataDir = path.resolve('var/bench');
  await fs.mkdir(dataDir, { recursive: true });
  const started = Date.now();
  const basePort = Number(process.env.BENCH_PG_PORT ?? 54331);
  const progress = (message: string) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
  const redisUrl = await benchRedis();
  if (!redisUrl) progress('no Redis answers: the Redis variants are skipped');
  const sections: BenchSection[] = [];
  for (const part of PARTS) {
    if (only && only !== part.name) continue;
    const lock = await acquireBenchLock(path.join(dataDir, `${part.name}.lock`), part.name);
    try {
      const postgres = await benchPostgres(path.join(dataDir, part.pgDir), basePort + part.portOffset);
      const ctx: BenchContext = { adminUrl: postgres.adminUrl, scale, redisUrl, dataDir, progress };
      try {
        sections.push(
          ...(part.name === 'api'
            ? await benchApi(ctx)
            : part.name === 'worker'
              ? await benchWorker(ctx)
              : part.name === 'growth'
                ? await benchGrowth(ctx)
                : part.name === 'web'
                  ? await benchWeb(ctx)
                  : await benchAuth(ctx)),
        );
      } finally {
        await postgres.stop();
      }
    } finally {
      await lock.release();
    }
  }
  for (const section of sections) process.stdout.write(`\n${section.name}\n${formatTable(section.rows)}\n`);
  const result = {
    at: new Date().toISOString(),
    scale,
    node: process.version,
    cpus: os.cpus().length,
    seconds: Math.round((Date.now() - started) / 1000),
    sections,
  };
  await fs.mkdir('bench/results', { recursive: true });
  await fs.writeFile('bench/results/latest.json', JSON.stringify(result, null, 2) + '\n');
  process.stdout.write(`\nwritten bench/results/latest.json (${result.seconds} s)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
