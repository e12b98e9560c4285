import 'reflect-metadata';
import fs from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedPostgresServer } from '#tandem/database';
import { benchRedis } from './support/bench-context.js';
import { drillProblems, formatReport } from './drill/report.js';
import { runDrill, type DrillBackend, type DrillReport } from './drill/run-drill.js';
import { freePort, sleep, stopLeftoverPostgres, thousands } from './drill/util.js';

const USAGE = 'usage: npm run drill -- [--count N] [--backend postgres|redis|both] [--seed N] [--time-limit SECONDS]';
const KILLS = 3;
const SMTP_451_SECONDS = 5;
const CONCURRENCY = 16;
/** How long PostgreSQL stays down during its restart. */
const POSTGRES_DOWN_MS = 3000;

interface Args {
  count: number;
  backend: 'postgres' | 'redis' | 'both';
  seed: number | undefined;
  timeLimitSeconds: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { count: 5000, backend: 'both', seed: undefined, timeLimitSeconds: 300 };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value (${USAGE})`);
      return v;
    };
    if (arg === '--count') args.count = Number(value());
    else if (arg === '--backend') args.backend = value() as Args['backend'];
    else if (arg === '--seed') args.seed = Number(value());
    else if (arg === '--time-limit') args.timeLimitSeconds = Number(value());
    else throw new Error(`unknown argument ${arg} (${USAGE})`);
  }
  if (!Number.isInteger(args.count) || args.count < 10 || args.count > 1_000_000)
    throw new Error(`--count must be a whole number from 10 to 1,000,000 (${USAGE})`);
  if (!['postgres', 'redis', 'both'].includes(args.backend)) throw new Error(`--backend must be postgres, redis or both (${USAGE})`);
  if (args.seed !== undefined && (!Number.isInteger(args.seed) || args.seed < 0))
    throw new Error(`--seed must be a whole number (${USAGE})`);
  if (!Number.isFinite(args.timeLimitSeconds) || args.timeLimitSeconds <= 0)
    throw new Error(`--time-limit must be a positive number of seconds (${USAGE})`);
  return args;
}

const out = (line: string) => process.stdout.write(`${line}\n`);

/**
 * `npm run drill`: the fault drill of the outbox on each queue backend. Kills the
 * worker three times, flushes the drill's Redis keys once, restarts PostgreSQL
 * once and has the SMTP server answer 451 for a few seconds, then counts by
 * Message-ID. Exits 1 when anything was lost, a run did not complete within its
 * time limit, or duplicates exceeded what was in flight.
 */
async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const abort = new AbortController();
  process.once('SIGINT', () => {
    out('SIGINT: stopping the worker and PostgreSQL (Ctrl-C again to quit at once)');
    abort.abort();
    process.once('SIGINT', () => process.exit(130));
  });

  // PostgreSQL: one the drill owns (so it may restart it), unless DRILL_DATABASE_URL names another.
  let server: EmbeddedPostgresServer | undefined;
  let pgDir: string | undefined;
  let adminUrl: string;
  if (process.env.DRILL_DATABASE_URL) {
    adminUrl = process.env.DRILL_DATABASE_URL;
    out(
      'PostgreSQL: DRILL_DATABASE_URL is set — the drill uses that server and SKIPS the PostgreSQL restart (it restarts only a server it owns)',
    );
  } else {
    pgDir = path.resolve('var/drill/pg');
    const port = await freePort();
    await stopLeftoverPostgres(pgDir);
    await fs.rm(pgDir, { recursive: true, force: true });
    // Not `ephemeral`: that option deletes the data directory on stop(), which would wipe the database at the restart.
    // The drill deletes var/drill/pg itself, before and after.
    server = new EmbeddedPostgresServer({ dataDir: pgDir, port, database: 'postgres' });
    out(
      `PostgreSQL: starting a server of the drill's own on 127.0.0.1:${port}, data in ${path.relative(process.cwd(), pgDir)} (deleted afterwards)`,
    );
    await server.start();
    adminUrl = server.adminUrl;
  }
  const restartDatabase = server
    ? async () => {
        await server.stop();
        await sleep(POSTGRES_DOWN_MS);
        await server.start();
      }
    : undefined;

  const redisUrl = args.backend === 'postgres' ? null : await benchRedis();
  const backends: DrillBackend[] = args.backend === 'both' ? ['postgres', 'redis'] : [args.backend];
  const skipped: string[] = [];
  const reports: DrillReport[] = [];
  try {
    for (const backend of backends) {
      if (abort.signal.aborted) break;
      if (backend === 'redis' && !redisUrl) {
        const where = process.env.REDIS_URL ? 'REDIS_URL' : 'redis://127.0.0.1:6379';
        skipped.push(`Redis queue backend: SKIPPED — no Redis answers at ${where}`);
        out(`\n${skipped[skipped.length - 1]}`);
        continue;
      }
      out(
        `\n== ${backend === 'postgres' ? 'PostgreSQL' : 'Redis'} queue backend: ${thousands(args.count)} due notifications, ${KILLS} SIGKILLs, ` +
          `${backend === 'redis' ? '1 Redis flush (own keys), ' : ''}${restartDatabase ? '1 PostgreSQL restart' : 'no PostgreSQL restart'}, 451 for ${SMTP_451_SECONDS} s; ` +
          `time limit ${args.timeLimitSeconds} s ==`,
      );
      const report = await runDrill({
        backend,
        count: args.count,
        kills: KILLS,
        flush: backend === 'redis',
        restartPostgres: Boolean(restartDatabase),
        smtp451Seconds: SMTP_451_SECONDS,
        adminUrl,
        ...(redisUrl ? { redisUrl } : {}),
        ...(restartDatabase ? { restartDatabase } : {}),
        concurrency: CONCURRENCY,
        timeLimitMs: args.timeLimitSeconds * 1000,
        workerLog: `var/drill/worker-${backend}.log`,
        ...(args.seed !== undefined ? { seed: args.seed } : {}),
        progress: out,
        signal: abort.signal,
      });
      if (!restartDatabase)
        report.notes.push('PostgreSQL restart skipped: DRILL_DATABASE_URL is set (the drill restarts only a server it owns)');
      reports.push(report);
      out(`\n${formatReport(report)}`);
    }
  } finally {
    if (server) {
      await server.stop().catch(() => undefined);
      await fs.rm(pgDir!, { recursive: true, force: true });
    }
  }

  out(`\n== summary (${Math.round((Date.now() - started) / 1000)} s) ==`);
  let failed = abort.signal.aborted;
  for (const report of reports) {
    const problems = drillProblems(report);
    failed ||= problems.length > 0;
    out(
      `${report.backend.padEnd(8)} delivered ${thousands(report.delivered)}/${thousands(report.expected)}, lost ${thousands(report.lost)}, ` +
        `duplicates ${report.duplicates} (bound ${report.kills} kills × ${report.concurrency} = ${report.kills * report.concurrency}` +
        `${report.duplicateBound !== report.kills * report.concurrency ? `; ${report.duplicateBound} counting crashes and PostgreSQL restarts` : ''}), ` +
        `worst lateness ${report.worstLatenessSeconds ?? '–'} s, ${report.crashes.length} worker crash(es) — ${problems.length ? `FAIL: ${problems.join('; ')}` : 'PASS'}`,
    );
  }
  for (const line of skipped) out(line);
  if (!reports.length) failed = true;
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`drill: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
