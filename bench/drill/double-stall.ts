import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { EmbeddedPostgresServer } from '#tandem/database';
import { migrate } from '#tandem/runtime';
import { ALL_MIGRATIONS } from '../../migrations/index.js';
import { adminQuery, benchRedis, withDatabase } from '../support/bench-context.js';
import { SmtpReceiver } from '../support/smtp-receiver.js';
import { deleteKeys } from './run-drill.js';
import { seedDueSummaries } from './seed.js';
import { freePort, quickQuery, sleep } from './util.js';
import { WorkerSupervisor } from './worker-supervisor.js';

const COUNT = 8;
const RECOVERY_SECONDS = 45;

/**
 * `node dist/bench/drill/double-stall.js [postgres|redis]`: the deterministic case
 * behind the drill's rare loss. A few sends are in flight (the SMTP server holds
 * them) when the worker is SIGKILLed, and again when the worker that took them
 * over is SIGKILLed. BullMQ then fails those jobs for good ("job stalled more than
 * allowable limit", maxStalledCount 1), the rows stay QUEUED, and the dispatcher's
 * re-queue under the same job id adds nothing. Exits 1 while that loses mail,
 * 0 once the outbox recovers (every row SENT, every message delivered).
 */
async function scenario(backend: 'postgres' | 'redis', adminUrl: string, redisUrl: string | null): Promise<boolean> {
  const name = `tandem_double_stall_${backend}_${Date.now().toString(36)}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const databaseUrl = withDatabase(adminUrl, name);
  const prefix = `faultdrill_ds_${Date.now().toString(36)}`;
  let answering = false;
  let generation = 0;
  let held = 0;
  const smtp = await new SmtpReceiver({
    keep: 'arrivals',
    // Hold each message until the server is told to answer; a message whose sender was killed meanwhile is dropped.
    beforeAccept: async () => {
      held += 1;
      const mine = generation;
      for (;;) {
        if (mine !== generation) throw new Error('sender gone');
        if (answering) return;
        await sleep(50);
      }
    },
  }).start();
  const started = Date.now();
  const clock = () => (Date.now() - started) / 1000;
  const say = (line: string) => process.stdout.write(`[${clock().toFixed(1).padStart(5)} s] ${backend.padEnd(8)} ${line}\n`);
  const logPath = path.resolve(`var/drill/double-stall-${backend}.log`);
  fs.mkdirSync(path.dirname(logPath), { recursive: true });
  const log = fs.createWriteStream(logPath, { flags: 'w' });
  const worker = new WorkerSupervisor({
    script: path.resolve('dist/apps/worker/src/main.js'),
    env: {
      DATABASE_URL: databaseUrl,
      ...(backend === 'redis' ? { REDIS_URL: redisUrl! } : {}),
      QUEUE_PREFIX: prefix,
      SMTP_URL: smtp.url,
      APP_URL: 'https://drill.tandem.test',
      DATA_DIR: path.resolve('var/drill/worker-data'),
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      WORKER_CONCURRENCY: '16',
      JOB_LOCK_SECONDS: '5',
      OUTBOX_REQUEUE_SECONDS: '5',
    },
    log,
    clock,
    say,
  });
  const until = async (test: () => boolean, what: string) => {
    for (const deadline = Date.now() + 60_000; !test(); await sleep(50))
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  };
  try {
    await migrate({ databaseUrl, logger: pino({ level: 'silent' }), migrations: ALL_MIGRATIONS });
    await seedDueSummaries(databaseUrl, COUNT);
    worker.start();
    await until(() => held > 0, 'the first messages at the SMTP server');
    await sleep(1000); // every one of the 8 jobs is active by now (concurrency 16)
    say(`${held} message(s) held at the SMTP server, all ${COUNT} send jobs active: SIGKILL #1`);
    generation += 1;
    held = 0;
    await worker.kill();
    await until(() => held > 0, 'the stalled jobs to run again');
    await sleep(1000);
    say(`the stalled jobs were taken over and are in flight again (${held} held): SIGKILL #2`);
    generation += 1;
    await worker.kill();
    answering = true;
    say(
      `the SMTP server answers 250 from now on; giving the outbox ${RECOVERY_SECONDS} s (${RECOVERY_SECONDS / 5} × OUTBOX_REQUEUE_SECONDS) to recover`,
    );
    let sent = 0;
    for (const deadline = Date.now() + RECOVERY_SECONDS * 1000; Date.now() < deadline && sent < COUNT; await sleep(1000)) {
      sent = (await quickQuery<{ n: number }>(databaseUrl, `SELECT count(*)::int AS n FROM notification WHERE status = 'SENT'`))[0].n;
    }
    const rows = await quickQuery<{ status: string; n: number }>(
      databaseUrl,
      `SELECT status, count(*)::int AS n FROM notification GROUP BY status`,
    );
    await worker.stop();
    await new Promise<void>((resolve) => log.end(resolve));
    const stalledOut = (fs.readFileSync(logPath, 'utf8').match(/stalled more than allowable limit/g) ?? []).length;
    const ok = smtp.receipts.size === COUNT && sent === COUNT;
    say(
      `delivered ${smtp.receipts.size}/${COUNT}; rows ${rows.map((r) => `${r.status} ${r.n}`).join(', ')}; ` +
        `${stalledOut} job(s) "failed for good: job stalled more than allowable limit" (worker log ${path.relative(process.cwd(), logPath)}) — ${ok ? 'RECOVERED' : 'LOST'}`,
    );
    return ok;
  } finally {
    await worker.stop().catch(() => undefined);
    await smtp.stop();
    if (backend === 'redis' && redisUrl) await deleteKeys(redisUrl, prefix).catch(() => undefined);
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
  }
}

async function main(): Promise<number> {
  const arg = process.argv[2];
  if (arg !== undefined && arg !== 'postgres' && arg !== 'redis')
    throw new Error('usage: node dist/bench/drill/double-stall.js [postgres|redis]');
  const only: 'postgres' | 'redis' | undefined = arg;
  const server = new EmbeddedPostgresServer({
    dataDir: path.resolve('var/drill/pg-double-stall'),
    port: await freePort(),
    database: 'postgres',
    ephemeral: true,
  });
  await server.start();
  try {
    const redisUrl = only === 'postgres' ? null : await benchRedis();
    let ok = true;
    for (const backend of only ? [only] : (['postgres', 'redis'] as const)) {
      if (backend === 'redis' && !redisUrl) {
        process.stdout.write('redis    SKIPPED: no Redis answers at REDIS_URL or 127.0.0.1:6379\n');
        continue;
      }
      ok = (await scenario(backend, server.adminUrl, redisUrl)) && ok;
    }
    return ok ? 0 : 1;
  } finally {
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`double-stall: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
