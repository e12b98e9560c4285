// Long on purpose: the fault drill is one timed scenario (kills, stalls, 451s) keeping its counters in one place.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Queue, createPostgresBackend } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { QUEUE_NAME } from '#tandem/queue';
import { migrate } from '#tandem/runtime';
import { ALL_MIGRATIONS } from '../../migrations/index.js';
import { adminQuery, withDatabase } from '../support/bench-context.js';
import { seedDueSummaries } from './seed.js';
import { SmtpReceiver } from '../support/smtp-receiver.js';
import { quickQuery, seededRandom, sleep, thousands } from './util.js';
import { WorkerSupervisor, type WorkerExit } from './worker-supervisor.js';

export type DrillBackend = 'postgres' | 'redis';
export type FaultKind = 'kill' | 'redis-flush' | 'postgres-restart' | 'smtp-451';

export interface DrillOptions {
  backend: DrillBackend;
  /** Due notifications in the batch. */
  count: number;
  /** SIGKILLs of the worker (each followed by a restart). */
  kills: number;
  /** Delete the drill's own queue keys from Redis once (Redis backend only; ignored on PostgreSQL). */
  flush: boolean;
  /** Restart PostgreSQL once through `restartDatabase` (needs it). */
  restartPostgres: boolean;
  /** How long the SMTP server answers 451 to everything, once, mid-run; 0 = never. */
  smtp451Seconds: number;
  /** A PostgreSQL URL whose user may create databases; the drill creates (and drops) a database of its own there. */
  adminUrl: string;
  /** Required for the Redis backend. */
  redisUrl?: string;
  /** Stops PostgreSQL and starts it again (same data, same port); resolves once it answers again. */
  restartDatabase?: () => Promise<void>;
  /** Name of the drill's database; default tandem_drill_<backend>_<random>. */
  databaseName?: string;
  /** WORKER_CONCURRENCY; default 16. */
  concurrency?: number;
  /** Give up (and report the run as incomplete) after this long from the worker's first start; default 5 minutes. */
  timeLimitMs?: number;
  /** Where the worker's output goes; default var/drill/worker-<backend>.log. */
  workerLog?: string;
  /** Seed of the fault plan (moments and order), printed so a run can be replayed; default random. */
  seed?: number;
  /** How long the SMTP server holds each message before answering (jobs in flight at a kill); default 5 ms. */
  smtpDelayMs?: number;
  /** Progress lines; default none. */
  progress?: (line: string) => void;
  /** Ends the run early (Ctrl-C): the worker is stopped and the report says it is incomplete. */
  signal?: AbortSignal;
  /** The built worker; default dist/apps/worker/src/main.js. */
  workerScript?: string;
}

export interface FaultRecord {
  kind: FaultKind;
  /** Seconds since the worker's first start. */
  at: number;
  /** Deliveries (distinct) when it was injected. */
  deliveredBefore: number;
  detail: string;
}

export interface LostNotification {
  id: string;
  /** Whether the SMTP server accepted it after all (a stuck row may have been delivered). */
  delivered: boolean;
  status: string;
  attempts: number;
  reason: string | null;
  /** The BullMQ job with the notification's id: its state and failure reason, or "none". */
  job: string;
}

export interface DrillReport {
  backend: DrillBackend;
  /** Every row is SENT, FAILED or SKIPPED (the worker has nothing left to do) within the time limit. */
  completed: boolean;
  aborted: boolean;
  expected: number;
  /** Distinct expected Message-IDs the SMTP server accepted. */
  delivered: number;
  /** Acceptances beyond the first of the same Message-ID. */
  duplicates: number;
  /** Expected Message-IDs never accepted. */
  lost: number;
  /** Accepted messages that are not one of the batch's (another Message-ID, or none). */
  unexpected: number;
  /** Worst time from a notification's send_at to the SMTP server's first acceptance of it, in seconds. */
  worstLatenessSeconds: number | null;
  p50LatenessSeconds: number | null;
  /** Rows by status at the end. */
  rows: Record<string, number>;
  concurrency: number;
  kills: number;
  /** Worker exits the drill did not cause (each restarted, like after a kill). */
  crashes: WorkerExit[];
  workerStarts: number;
  postgresRestarts: number;
  redisFlushes: number;
  /** 451 answers the SMTP server gave. */
  smtp451Answers: number;
  /** Each interruption (kill, crash, PostgreSQL restart) may resend what was in flight: at most `concurrency` messages each. */
  duplicateBound: number;
  faults: FaultRecord[];
  /** Planned faults that never ran (the batch finished or the run stopped first). */
  faultsNotInjected: FaultKind[];
  /** Rows still PENDING or QUEUED at the end (the worker never finished them). */
  stuck: number;
  /** Why the run ended without completing, when it did. */
  incompleteReason: string | null;
  /** Up to 10 lost or stuck notifications, with what the database and the queue say about them. */
  lostSamples: LostNotification[];
  seconds: number;
  seed: number;
  databaseName: string;
  queuePrefix: string;
  workerLog: string;
  notes: string[];
}

const SETTLE_MS = 3000;
const PROGRESS_EVERY_MS = 2000;
/** With nothing moving for this long, the drill asks the queue whether the open rows can still finish. */
const STUCK_CHECK_AFTER_MS = 20_000;

/**
 * The fault drill on one queue backend: seeds `count` due notifications in a
 * database of its own, runs the real worker process against a local SMTP server,
 * injects the faults at random moments (by deliveries so far, so they land while
 * the batch is moving) and counts by Message-ID what arrived.
 */
export async function runDrill(options: DrillOptions): Promise<DrillReport> {
  const backend = options.backend;
  if (backend === 'redis' && !options.redisUrl) throw new Error('the Redis backend needs redisUrl');
  if (options.restartPostgres && !options.restartDatabase) throw new Error('restartPostgres needs a restartDatabase callback');
  const concurrency = options.concurrency ?? 16;
  const timeLimitMs = options.timeLimitMs ?? 5 * 60_000;
  const seed = options.seed ?? randomBytes(4).readUInt32BE(0);
  const random = seededRandom(seed);
  const suffix = randomBytes(4).toString('hex');
  const databaseName = options.databaseName ?? `tandem_drill_${backend}_${suffix}`;
  const queuePrefix = `faultdrill_${suffix}`;
  const workerLog = path.resolve(options.workerLog ?? `var/drill/worker-${backend}.log`);
  const notes: string[] = [];
  let t0 = Date.now();
  const clock = () => (Date.now() - t0) / 1000;
  const say = (line: string) => options.progress?.(`[${clock().toFixed(1).padStart(6)} s] ${backend.padEnd(8)} ${line}`);

  say(`creating database ${databaseName} and seeding ${thousands(options.count)} due notifications (fault plan seed ${seed})`);
  await adminQuery(options.adminUrl, `CREATE DATABASE ${databaseName}`);
  const databaseUrl = withDatabase(options.adminUrl, databaseName);
  const sink = await new SmtpReceiver({ keep: 'arrivals', delayMs: options.smtpDelayMs ?? 5 }).start();
  fs.mkdirSync(path.dirname(workerLog), { recursive: true });
  const log = fs.createWriteStream(workerLog, { flags: 'w' });
  let supervisor: WorkerSupervisor | undefined;
  try {
    await migrate({ databaseUrl, logger: pino({ level: 'silent' }), migrations: ALL_MIGRATIONS });
    const practiceId = await seedDueSummaries(databaseUrl, options.count);
    const seeded = await quickQuery<{ id: string; send_at_ms: number }>(
      databaseUrl,
      `SELECT id, extract(epoch FROM send_at) * 1000 AS send_at_ms FROM notification WHERE practice_id = $1`,
      [practiceId],
    );
    const domain = 'drill.tandem.test';
    const expected = new Map(seeded.map((row) => [`<notification-${row.id}@${domain}>`, { id: row.id, sendAt: Number(row.send_at_ms) }]));

    const delivered = () => {
      let n = 0;
      for (const id of expected.keys()) if (sink.receipts.has(id)) n += 1;
      return n;
    };
    const rowCounts = async (): Promise<Record<string, number> | null> => {
      try {
        const rows = await quickQuery<{ status: string; n: number }>(
          databaseUrl,
          `SELECT status, count(*)::int AS n FROM notification WHERE practice_id = $1 GROUP BY status`,
          [practiceId],
        );
        return Object.fromEntries(rows.map((r) => [r.status, r.n]));
      } catch {
        return null; // PostgreSQL is down (on purpose, or not): the next look will tell.
      }
    };

    supervisor = new WorkerSupervisor({
      script: path.resolve(options.workerScript ?? 'dist/apps/worker/src/main.js'),
      env: {
        NODE_ENV: 'development',
        DATABASE_URL: databaseUrl,
        ...(backend === 'redis' ? { REDIS_URL: options.redisUrl! } : {}),
        QUEUE_PREFIX: queuePrefix,
        SMTP_URL: sink.url,
        APP_URL: `https://${domain}`,
        DATA_DIR: path.resolve('var/drill/worker-data'),
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
        WORKER_CONCURRENCY: String(concurrency),
        JOB_LOCK_SECONDS: '5',
        OUTBOX_REQUEUE_SECONDS: '5',
      },
      log,
      clock,
      say,
    });
    const worker = supervisor;

    // The plan: the faults in a random order, each at a random moment of its own slice of the batch
    // (10–85 % delivered, cut into as many slices as faults), so they are spread out and never stacked.
    const planned: FaultKind[] = [
      ...Array.from({ length: options.kills }, () => 'kill' as const),
      ...(options.flush && backend === 'redis' ? ['redis-flush' as const] : []),
      ...(options.restartPostgres ? ['postgres-restart' as const] : []),
      ...(options.smtp451Seconds > 0 ? ['smtp-451' as const] : []),
    ];
    if (options.flush && backend !== 'redis') notes.push('Redis flush: not applicable on the PostgreSQL queue backend');
    if (!options.restartPostgres) notes.push('PostgreSQL restart: not part of this run');
    const slice = 0.75 / Math.max(1, planned.length);
    const thresholds = planned.map((_, i) => Math.max(1, Math.floor(options.count * (0.1 + slice * (i + 0.15 + 0.7 * random())))));
    const order = planned
      .map((kind) => ({ kind, key: random() }))
      .sort((a, b) => a.key - b.key)
      .map((p) => p.kind);
    const plan = order.map((kind, i) => ({ kind, threshold: thresholds[i] }));
    say(`fault plan: ${plan.map((p) => `${p.kind} at ${thousands(p.threshold)} delivered`).join(', ') || 'none'}`);

    const faults: FaultRecord[] = [];
    let postgresRestarts = 0;
    let redisFlushes = 0;
    let injecting = false;
    let finished = false;

    const inject = async (kind: FaultKind): Promise<void> => {
      const before = delivered();
      const at = clock();
      const record = (detail: string) => {
        faults.push({ kind, at, deliveredBefore: before, detail });
        say(`FAULT ${kind}: ${detail}`);
      };
      switch (kind) {
        case 'kill': {
          const { killed, started } = await worker.kill();
          record(`SIGKILL worker pid ${killed ?? '(none running)'} at ${thousands(before)} delivered; restarted as pid ${started}`);
          return;
        }
        case 'redis-flush': {
          const deleted = await deleteKeys(options.redisUrl!, queuePrefix);
          redisFlushes += 1;
          record(
            `deleted ${thousands(deleted)} Redis keys matching "${queuePrefix}:*" in one atomic script (the drill's own queue keys only, never FLUSHALL: other things may use this Redis)`,
          );
          return;
        }
        case 'postgres-restart': {
          say(`FAULT postgres-restart: stopping PostgreSQL at ${thousands(before)} delivered…`);
          worker.hold();
          const started = Date.now();
          try {
            await options.restartDatabase!();
          } finally {
            worker.release();
          }
          postgresRestarts += 1;
          record(
            `PostgreSQL stopped and started again (same data directory and port), ${((Date.now() - started) / 1000).toFixed(1)} s without a server`,
          );
          return;
        }
        case 'smtp-451': {
          sink.rejectWith(451, '4.3.2 drill: service busy, try again later');
          say(
            `FAULT smtp-451: the SMTP server answers 451 to everything for ${options.smtp451Seconds} s (from ${thousands(before)} delivered)`,
          );
          const rejectedBefore = sink.rejected;
          await sleep(options.smtp451Seconds * 1000);
          sink.accept();
          record(
            `451 for ${options.smtp451Seconds} s: ${thousands(sink.rejected - rejectedBefore)} messages answered 451; accepting again`,
          );
          return;
        }
      }
    };

    const faultsNotInjected: FaultKind[] = [];
    const runPlan = async () => {
      for (const [i, step] of plan.entries()) {
        while (!finished && delivered() < step.threshold) await sleep(50);
        if (finished) {
          faultsNotInjected.push(...plan.slice(i).map((p) => p.kind));
          return;
        }
        injecting = true;
        try {
          await inject(step.kind);
        } finally {
          injecting = false;
        }
      }
    };

    t0 = Date.now();
    worker.start();
    say(
      `worker started (pid ${worker.pid}), concurrency ${concurrency}, JOB_LOCK_SECONDS=5, OUTBOX_REQUEUE_SECONDS=5; its output goes to ${workerLog}`,
    );
    const planDone = runPlan();

    let completed = false;
    let aborted = false;
    let incompleteReason: string | null = null;
    let lastProgress = 0;
    let rows: Record<string, number> | null = null;
    let lastChange = Date.now();
    let lastSignature = '';
    let lastStuckCheck = 0;
    let deadLooks = 0;
    for (;;) {
      await sleep(250);
      if (options.signal?.aborted) {
        aborted = true;
        incompleteReason = 'interrupted';
        break;
      }
      if (Date.now() - t0 > timeLimitMs) {
        incompleteReason = `time limit of ${Math.round(timeLimitMs / 1000)} s reached`;
        say(`${incompleteReason}: stopping, the batch did not complete`);
        break;
      }
      const now = Date.now();
      const looked = await rowCounts();
      if (looked) rows = looked;
      const signature = `${sink.accepted}/${sink.rejected}/${JSON.stringify(looked ?? rows)}`;
      if (signature !== lastSignature || injecting) {
        lastSignature = signature;
        lastChange = now;
        deadLooks = 0;
      } else if (looked && now - lastChange > STUCK_CHECK_AFTER_MS && now - lastStuckCheck > 10_000) {
        // Nothing has moved for a while: can the rows still open ever finish? Not if their jobs are finished.
        lastStuckCheck = now;
        const open = await quickQuery<{ id: string }>(
          databaseUrl,
          `SELECT id FROM notification WHERE practice_id = $1 AND status IN ('PENDING', 'QUEUED') LIMIT 500`,
          [practiceId],
        ).catch(() => null);
        if (open?.length) {
          const jobs = await inspectJobs(
            databaseUrl,
            backend,
            options.redisUrl,
            queuePrefix,
            open.map((r) => r.id),
          );
          // A job that finished (failed, completed) or sits in no list at all ("unknown") will not run again,
          // and while it exists the dispatcher's re-queue under the same job id adds nothing.
          const dead = [...jobs.values()].filter((job) => ['failed', 'completed', 'unknown'].includes(job.state)).length;
          say(
            `nothing has moved for ${Math.round((now - lastChange) / 1000)} s: ${open.length} open row(s), ${dead} of them with a job that will not run again (failed, completed or in no list)`,
          );
          deadLooks = dead === open.length ? deadLooks + 1 : 0;
          if (deadLooks >= 2) {
            incompleteReason = `stuck: ${open.length} row(s) still QUEUED/PENDING whose queue jobs will not run again (failed, completed or in no list)`;
            say(`${incompleteReason}; stopping early`);
            break;
          }
        }
      }
      if (now - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = now;
        const statuses = rows
          ? ['PENDING', 'QUEUED', 'SENT', 'FAILED', 'SKIPPED'].map((s) => `${s.toLowerCase()} ${thousands(rows![s] ?? 0)}`).join(', ')
          : 'database unreachable';
        say(
          `delivered ${thousands(delivered())}/${thousands(expected.size)}, duplicates ${duplicatesOf(sink, expected)}; rows: ${statuses}; worker pid ${worker.pid ?? '(none)'}`,
        );
      }
      // Done when the worker has nothing left to do: no row is waiting for it, and no fault is under way.
      if (looked && !injecting && (looked.PENDING ?? 0) === 0 && (looked.QUEUED ?? 0) === 0) {
        completed = true;
        break;
      }
    }
    finished = true;
    await planDone;
    if (completed) {
      // A message in flight when the last row turned SENT would show up now.
      say(`every row is settled; waiting ${SETTLE_MS / 1000} s for late duplicates`);
      await sleep(SETTLE_MS);
    }
    const seconds = clock();
    await worker.stop();

    // The count, by Message-ID.
    let deliveredCount = 0;
    let duplicates = 0;
    let unexpected = sink.withoutMessageId;
    const lateness: number[] = [];
    for (const [messageId, receipt] of sink.receipts) {
      const notification = expected.get(messageId);
      if (!notification) {
        unexpected += receipt.count;
        continue;
      }
      deliveredCount += 1;
      duplicates += receipt.count - 1;
      lateness.push((receipt.firstAt - notification.sendAt) / 1000);
    }
    lateness.sort((a, b) => a - b);
    const lostIds = [...expected].filter(([messageId]) => !sink.receipts.has(messageId)).map(([, n]) => n.id);
    const finalRows = (await rowCounts()) ?? rows ?? {};
    const stuckIds = (
      await quickQuery<{ id: string }>(
        databaseUrl,
        `SELECT id FROM notification WHERE practice_id = $1 AND status IN ('PENDING', 'QUEUED')`,
        [practiceId],
      ).catch(() => [])
    ).map((r) => r.id);
    const sampleIds = [...new Set([...lostIds.slice(0, 10), ...stuckIds.slice(0, 10)])].slice(0, 10);
    const deliveredIds = new Set([...expected].filter(([messageId]) => sink.receipts.has(messageId)).map(([, n]) => n.id));
    const lostSamples = sampleIds.length
      ? await describeRows(databaseUrl, backend, options.redisUrl, queuePrefix, sampleIds, deliveredIds)
      : [];
    const kills = supervisor.kills;
    const report: DrillReport = {
      backend,
      completed,
      aborted,
      expected: expected.size,
      delivered: deliveredCount,
      duplicates,
      lost: lostIds.length,
      stuck: stuckIds.length,
      incompleteReason,
      unexpected,
      worstLatenessSeconds: lateness.length ? round1(lateness[lateness.length - 1]) : null,
      p50LatenessSeconds: lateness.length ? round1(lateness[Math.floor((lateness.length - 1) / 2)]) : null,
      rows: finalRows,
      concurrency,
      kills,
      crashes: supervisor.crashes,
      workerStarts: supervisor.starts,
      postgresRestarts,
      redisFlushes,
      smtp451Answers: sink.rejected,
      duplicateBound: (kills + supervisor.crashes.length + postgresRestarts) * concurrency,
      faults,
      faultsNotInjected,
      lostSamples,
      seconds: round1(seconds),
      seed,
      databaseName,
      queuePrefix,
      workerLog,
      notes,
    };
    return report;
  } finally {
    await supervisor?.stop().catch(() => undefined);
    await sink.stop().catch(() => undefined);
    await new Promise<void>((resolve) => log.end(resolve));
    if (backend === 'redis' && options.redisUrl) await deleteKeys(options.redisUrl, queuePrefix).catch(() => undefined);
    await adminQuery(options.adminUrl, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`).catch((error: unknown) =>
      options.progress?.(`could not drop database ${databaseName}: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}

function duplicatesOf(sink: SmtpReceiver, expected: Map<string, unknown>): number {
  let n = 0;
  for (const [messageId, receipt] of sink.receipts) if (expected.has(messageId)) n += receipt.count - 1;
  return n;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Deletes every key under `prefix:` in one server-side script (SCAN + UNLINK inside
 * EVAL), so the deletion is atomic like a real flush: the worker cannot run between
 * batches and see half a queue. Never KEYS or FLUSHALL. Returns how many keys.
 */
export async function deleteKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => undefined);
  await redis.connect();
  try {
    return Number(await redis.eval(DELETE_BY_PREFIX, 0, `${prefix.replace(/[*?[\]\\]/g, '\\$&')}:*`));
  } finally {
    redis.disconnect();
  }
}

const DELETE_BY_PREFIX = `
local cursor = '0'
local deleted = 0
repeat
  local reply = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000)
  cursor = reply[1]
  for _, key in ipairs(reply[2]) do
    deleted = deleted + redis.call('UNLINK', key)
  end
until cursor == '0'
return deleted`;

interface JobLook {
  state: string;
  text: string;
}

/** What the queue says about the jobs with these ids (a notification's job id is its id). */
async function inspectJobs(
  databaseUrl: string,
  backend: DrillBackend,
  redisUrl: string | undefined,
  prefix: string,
  ids: string[],
): Promise<Map<string, JobLook>> {
  let queue: Queue | undefined;
  let redis: Redis | undefined;
  const out = new Map<string, JobLook>();
  try {
    if (backend === 'redis') {
      redis = new Redis(redisUrl!, { maxRetriesPerRequest: 1 });
      redis.on('error', () => undefined);
      queue = new Queue(QUEUE_NAME, { prefix, connection: redis });
    } else {
      queue = new Queue(
        QUEUE_NAME,
        { prefix, connection: { connectionString: databaseUrl, schema: 'bullmq', max: 1 } },
        createPostgresBackend,
      ) as unknown as Queue;
    }
    queue.on('error', () => undefined);
    for (const id of ids) {
      try {
        const job = await queue.getJob(id);
        if (!job) {
          out.set(id, { state: 'missing', text: 'no job (the next stale re-queue adds one)' });
          continue;
        }
        const state = await job.getState();
        out.set(id, {
          state,
          text: `${state}, attempts made ${job.attemptsMade}, stalled ${job.stalledCounter ?? 0}×${job.failedReason ? `, failed reason "${job.failedReason}"` : ''}`,
        });
      } catch (error) {
        out.set(id, { state: 'unreadable', text: `could not read the job: ${error instanceof Error ? error.message : String(error)}` });
      }
    }
  } finally {
    await queue?.close().catch(() => undefined);
    redis?.disconnect();
  }
  return out;
}

/** What the database row and the queue's job say about notifications that never arrived or never finished. */
async function describeRows(
  databaseUrl: string,
  backend: DrillBackend,
  redisUrl: string | undefined,
  prefix: string,
  ids: string[],
  deliveredIds: Set<string>,
): Promise<LostNotification[]> {
  const rows = await quickQuery<{ id: string; status: string; attempts: number; reason: string | null }>(
    databaseUrl,
    `SELECT id, status, attempts, reason FROM notification WHERE id = ANY($1::uuid[])`,
    [ids],
  ).catch(() => []);
  const jobs = await inspectJobs(
    databaseUrl,
    backend,
    redisUrl,
    prefix,
    rows.map((r) => r.id),
  ).catch(() => new Map<string, JobLook>());
  return rows.map((row) => ({ ...row, delivered: deliveredIds.has(row.id), job: jobs.get(row.id)?.text ?? 'unknown' }));
}
