import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SmtpReceiver } from '../support/smtp-receiver.js';
import { deleteRedisKeys, benchDatabase, type BenchContext } from '../support/bench-context.js';
import { WORKER_NODE_ARGS } from '../worker.bench.js';
import { cpuBetween, cpuSnapshot } from '../worker/proc-stats.js';
import { armReminders, reminderOutcome, seedReminders } from '../worker/seed.js';
import { ChildNode } from '../worker/worker-process.js';

/**
 * N worker processes on one Redis queue (same QUEUE_PREFIX, same database) against one: the
 * worker bench's pieces (seedReminders, armReminders, ChildNode, SmtpReceiver), but its
 * runWorker starts a single process and is not exported, so the few lines that start several
 * and wait until every one is up live here. Each run: a fresh database with N reminders parked,
 * the processes started, each one's "worker started" log line awaited, then all N made due at
 * the same instant (capacity: the rate is from the first due time to the last arrival).
 */
export interface WorkerScalingRun {
  processes: number;
  round: number;
  emails: number;
  delivered: number;
  duplicates: number;
  seconds: number | null;
  perSecond: number | null;
  /** Cores used by the workers together, by PostgreSQL and by Redis while the batch flowed. */
  workerCores: number | null;
  postgresCores: number | null;
  redisCores: number | null;
  machineBusyPct: number | null;
  hostLoad: number;
  note: string | null;
}

export interface WorkerScalingOptions {
  emails: number;
  rounds: number;
  /** Processes of the compared configurations, in the order of each round (default [1, 2]). */
  processes?: number[];
  concurrency: number;
  database: string;
}

const WORKER_SCRIPT = path.resolve(process.env.BENCH_WORKER_SCRIPT ?? 'dist/apps/worker/src/main.js');
const APP_URL = 'https://tandem.bench';

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Interleaved: round 1 runs 1 then 2 processes, round 2 runs 2 then 1, and so on (neither always goes first). */
export async function benchWorkerScaling(ctx: BenchContext, redisUrl: string, options: WorkerScalingOptions): Promise<WorkerScalingRun[]> {
  const configurations = options.processes ?? [1, 2];
  const sink = await new SmtpReceiver({ keep: 'arrivals' }).start();
  const keepAlive = setInterval(() => undefined, 60_000);
  const runs: WorkerScalingRun[] = [];
  try {
    for (let round = 1; round <= options.rounds; round += 1) {
      const order = round % 2 === 1 ? configurations : [...configurations].reverse();
      for (const processes of order) {
        try {
          runs.push(await runOnce(ctx, sink, redisUrl, processes, round, options));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          ctx.progress(`workers ×${processes}, round ${round} failed: ${message}`);
          runs.push({
            processes,
            round,
            emails: options.emails,
            delivered: 0,
            duplicates: 0,
            seconds: null,
            perSecond: null,
            workerCores: null,
            postgresCores: null,
            redisCores: null,
            machineBusyPct: null,
            hostLoad: Math.round(os.loadavg()[0] * 10) / 10,
            note: `failed: ${message.slice(0, 200)}`,
          });
        }
      }
    }
  } finally {
    clearInterval(keepAlive);
    await sink.stop();
  }
  return runs;
}

async function runOnce(
  ctx: BenchContext,
  sink: SmtpReceiver,
  redisUrl: string,
  processes: number,
  round: number,
  options: WorkerScalingOptions,
): Promise<WorkerScalingRun> {
  const label = `workers ×${processes} on Redis, round ${round}`;
  ctx.progress(`${label}: seeding ${options.emails} reminders`);
  const url = await benchDatabase(ctx, options.database, { fresh: true });
  const seeded = await seedReminders(url, options.emails);
  const prefix = `bench_${randomBytes(4).toString('hex')}`;
  const dirs: string[] = [];
  const workers: ChildNode[] = [];
  sink.reset();
  try {
    for (let i = 0; i < processes; i += 1) {
      const dataDir = path.join(ctx.dataDir, `growth-worker-${prefix}-${i}`);
      await fs.mkdir(dataDir, { recursive: true });
      dirs.push(dataDir);
      const worker = new ChildNode(
        WORKER_SCRIPT,
        {
          DATABASE_URL: url,
          REDIS_URL: redisUrl,
          SMTP_URL: sink.url,
          QUEUE_PREFIX: prefix,
          DATA_DIR: dataDir,
          APP_URL,
          // info: the one "worker started" line says the process is up (nothing is logged per email at info).
          LOG_LEVEL: 'info',
          LOG_FORMAT: 'json',
          WORKER_CONCURRENCY: String(options.concurrency),
        },
        [],
        WORKER_NODE_ARGS,
      );
      worker.start();
      workers.push(worker);
    }
    const upBy = Date.now() + 90_000;
    while (!workers.every((worker) => worker.output.includes('"worker started"'))) {
      const dead = workers.find((worker) => worker.exited);
      if (dead) throw new Error(`a worker exited during start: ${dead.tail(300)}`);
      if (Date.now() > upBy) throw new Error(`not every worker was up within 90 s: ${workers.map((w) => w.tail(200)).join(' | ')}`);
      await sleep(100);
    }
    // The canary (due at once) goes out first; then the batch.
    if (!(await sink.waitForDistinct(1, 60_000))) throw new Error('the canary did not arrive within 60 s');
    await sleep(500);
    sink.reset();
    const firstDueAt = Date.now() + 1000;
    const ids = await armReminders(url, seeded, options.emails, new Date(firstDueAt), 0);
    const pids = Object.fromEntries(workers.map((worker, i) => [`worker${i}`, worker.pid]));
    const before = cpuSnapshot(pids);
    // Generous: on a busy shared host a batch can run at a tenth of its quiet rate; an incomplete run still reports its rate.
    const timeoutMs = Math.max(120_000, options.emails * 100);
    const deadline = Date.now() + timeoutMs;
    let complete = false;
    while (Date.now() < deadline) {
      if (await sink.waitForDistinct(options.emails, Math.min(5000, deadline - Date.now()))) {
        complete = true;
        break;
      }
      if (workers.some((worker) => worker.exited)) break;
      ctx.progress(`${label}: ${sink.received}/${options.emails} delivered`);
    }
    const after = cpuSnapshot(pids);
    const wanted = new Set(ids.map((id) => `<notification-${id}@tandem.bench>`));
    const seen = new Set<string>();
    let duplicates = 0;
    let lastAt: number | null = null;
    for (const arrival of sink.arrivals) {
      if (!arrival.messageId || !wanted.has(arrival.messageId)) continue;
      if (seen.has(arrival.messageId)) duplicates += 1;
      else seen.add(arrival.messageId);
      if (lastAt === null || arrival.at > lastAt) lastAt = arrival.at;
    }
    const outcome = await reminderOutcome(url, ids);
    const seconds = lastAt === null ? null : (lastAt - firstDueAt) / 1000;
    const cpu = cpuBetween(before, after);
    const workerCores = Object.entries(cpu.coresByGroup)
      .filter(([group]) => group.startsWith('worker'))
      .reduce((sum, [, cores]) => sum + cores, 0);
    const run: WorkerScalingRun = {
      processes,
      round,
      emails: options.emails,
      delivered: seen.size,
      duplicates,
      seconds,
      perSecond: seconds && seconds > 0 ? seen.size / seconds : null,
      workerCores,
      postgresCores: cpu.coresByGroup.postgres ?? null,
      redisCores: cpu.coresByGroup.redis ?? null,
      machineBusyPct: cpu.machineBusyPct,
      hostLoad: Math.round(os.loadavg()[0] * 10) / 10,
      note: complete ? null : `incomplete: ${seen.size}/${options.emails} delivered (${JSON.stringify(outcome.statuses)})`,
    };
    ctx.progress(
      `${label}: ${run.delivered}/${run.emails} in ${seconds?.toFixed(1) ?? '?'} s, ${run.perSecond?.toFixed(0) ?? '?'} emails/s (host load ${run.hostLoad})`,
    );
    return run;
  } finally {
    await Promise.all(workers.map((worker) => worker.stop('SIGTERM')));
    await deleteRedisKeys(redisUrl, prefix).catch(() => undefined);
    for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
  }
}
