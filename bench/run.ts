import 'reflect-metadata';
import fs from 'node:fs/promises';
import path from 'node:path';
import { benchApi } from './api.bench.js';
import { benchWorker } from './worker.bench.js';
import { benchPostgres, benchRedis, type BenchContext, type BenchSection } from './support/bench-context.js';
import { formatTable } from './support/table.js';

const USAGE = 'usage: npm run bench -- [--scale N] [--only api|worker]';

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
  if (only && !['api', 'worker'].includes(only)) throw new Error(`--only must be api or worker (${USAGE})`);
  return { scale, only };
}

/**
 * `npm run bench`: builds (or reuses) its data set, measures Tandem beside the
 * raw limit of the same work, prints one table per part and writes
 * bench/results/latest.json.
 */
async function main(): Promise<void> {
  const { scale, only } = parseArgs(process.argv.slice(2));
  const dataDir = path.resolve('var/bench');
  await fs.mkdir(dataDir, { recursive: true });
  const started = Date.now();
  const postgres = await benchPostgres(dataDir, Number(process.env.BENCH_PG_PORT ?? 54331));
  const ctx: BenchContext = {
    adminUrl: postgres.adminUrl,
    scale,
    redisUrl: await benchRedis(),
    dataDir,
    progress: (message) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`),
  };
  if (!ctx.redisUrl) ctx.progress('no Redis answers: the Redis variants are skipped');
  const sections: BenchSection[] = [];
  try {
    if (!only || only === 'api') sections.push(...(await benchApi(ctx)));
    if (!only || only === 'worker') sections.push(...(await benchWorker(ctx)));
  } finally {
    await postgres.stop();
  }
  for (const section of sections) process.stdout.write(`\n${section.name}\n${formatTable(section.rows)}\n`);
  const result = { at: new Date().toISOString(), scale, node: process.version, cpus: (await import('node:os')).cpus().length, seconds: Math.round((Date.now() - started) / 1000), sections };
  await fs.mkdir('bench/results', { recursive: true });
  await fs.writeFile('bench/results/latest.json', JSON.stringify(result, null, 2) + '\n');
  process.stdout.write(`\nwritten bench/results/latest.json (${result.seconds} s)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
