import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { planEmailBurst } from './production/support/outbox-burst.js';
import { describeWithRedis, testRedisUrl } from './support/redis.js';
import { SmtpReceiver } from './support/smtp-receiver.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { waitFor } from './support/wait-for.js';

const WORKER = path.resolve('dist/apps/worker/src/main.js');
const BATCH = 500;

async function sql(url: string, text: string, values: unknown[] = []): Promise<any[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

class WorkerProcess {
  private child?: ChildProcess;
  output = '';

  constructor(private readonly env: Record<string, string>) {}

  start(): void {
    if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: npm test builds it first`);
    this.child = spawn(process.execPath, [WORKER], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}

interface DrillResult {
  expected: number;
  delivered: number;
  duplicates: number;
  lost: number;
  /** Worst time from planned send time to acceptance by the SMTP server, in seconds. */
  worstLatenessSeconds: number;
}

/** Runs the batch through a worker process that is killed and restarted, with `midway` run in the middle. */
async function drill(
  backend: 'postgres' | 'redis',
  midway?: (database: TestDatabase, prefix: string) => Promise<void>,
): Promise<DrillResult> {
  const database = await createTestDatabase();
  const smtp = await new SmtpReceiver({ delayMs: 15 }).start();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-drill-'));
  const prefix = `drill_${randomUUID().slice(0, 8)}`;
  const worker = new WorkerProcess({
    DATABASE_URL: database.url,
    ...(backend === 'redis' ? { REDIS_URL: testRedisUrl! } : {}),
    SMTP_URL: smtp.url,
    QUEUE_PREFIX: prefix,
    DATA_DIR: dataDir,
    APP_URL: 'https://tandem.test',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    WORKER_CONCURRENCY: '8',
    OUTBOX_REQUEUE_SECONDS: '2',
    JOB_LOCK_SECONDS: '2',
  });
  try {
    await planEmailBurst(database.url, BATCH);
    const received = () => smtp.messages.length;
    worker.start();
    await waitFor(() => received() >= 100, { what: '100 deliveries', timeoutMs: 60_000 });
    await worker.kill('SIGKILL');
    worker.start();
    if (midway) {
      await waitFor(() => received() >= 250, { what: '250 deliveries', timeoutMs: 60_000 });
      await midway(database, prefix);
    }
    await waitFor(
      async () => (await sql(database.url, `SELECT count(*)::int AS n FROM notification WHERE status = 'SENT'`))[0].n === BATCH,
      {
        what: `all ${BATCH} notifications sent (worker output: ${worker.output.slice(-500)})`,
        timeoutMs: 90_000,
      },
    );
    await waitFor(() => new Set(smtp.messages.map((m) => m.parsed.messageId)).size === BATCH, {
      what: 'the last deliveries',
      timeoutMs: 10_000,
    });
    const ids = smtp.messages.map((m) => m.parsed.messageId);
    const unique = new Set(ids);
    const expectedIds = new Set((await sql(database.url, `SELECT id FROM notification`)).map((r) => `<notification-${r.id}@tandem.test>`));
    const [lateness] = await sql(database.url, `SELECT extract(epoch FROM max(sent_at - send_at))::float AS worst FROM notification`);
    return {
      expected: BATCH,
      delivered: [...unique].filter((id) => expectedIds.has(id!)).length,
      duplicates: ids.length - unique.size,
      lost: [...expectedIds].filter((id) => !unique.has(id)).length,
      worstLatenessSeconds: Math.round(lateness.worst * 10) / 10,
    };
  } finally {
    await worker.kill('SIGTERM');
    if (backend === 'redis') {
      const redis = new Redis(testRedisUrl!);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    }
    await smtp.stop();
    await database.drop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

function report(name: string, result: DrillResult): void {
  process.stdout.write(
    `${name}: delivered ${result.delivered}/${result.expected}, duplicates ${result.duplicates}, lost ${result.lost}, worst lateness ${result.worstLatenessSeconds} s\n`,
  );
}

describe('faults: nothing is lost, nothing doubled beyond what was in flight', () => {
  it('survives the worker being SIGKILLed mid-batch (PostgreSQL queue backend)', async () => {
    const result = await drill('postgres');
    report('SIGKILL, PostgreSQL backend', result);
    expect(result).toMatchObject({ delivered: BATCH, lost: 0 });
    // Only messages in flight at the kill can arrive twice: at most one per concurrent job.
    expect(result.duplicates).toBeLessThanOrEqual(8);
  }, 180_000);

  describeWithRedis('on Redis', () => {
    it('survives a SIGKILL and then Redis being flushed mid-batch', async () => {
      const result = await drill('redis', async (_database, prefix) => {
        const redis = new Redis(testRedisUrl!);
        const keys = await redis.keys(`${prefix}:*`);
        if (keys.length) await redis.del(...keys);
        redis.disconnect();
      });
      report('SIGKILL + Redis flush, Redis backend', result);
      expect(result).toMatchObject({ delivered: BATCH, lost: 0 });
      expect(result.duplicates).toBeLessThanOrEqual(16);
    }, 180_000);
  });
});
