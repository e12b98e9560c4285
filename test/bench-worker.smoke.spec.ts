import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BenchContext } from '../bench/support/bench-context.js';
import { benchWorker, type DeliveryRun } from '../bench/worker.bench.js';

/**
 * The worker bench end to end at a tiny scale (50 reminders): a worker process
 * per queue backend and the raw sender, all against a local SMTP receiver. It
 * checks that the bench works (everything arrives, the rows are there), never
 * how fast: timings on a shared CI machine mean nothing.
 */
describe('bench: worker (smoke)', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-bench-worker-'));
  });

  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('delivers every seeded reminder on each queue backend, and the raw sender every message', async () => {
    const redisUrl = process.env.TANDEM_TEST_REDIS_URL || null;
    const ctx: BenchContext = {
      adminUrl: process.env.TANDEM_TEST_ADMIN_URL!,
      scale: 0.005,
      redisUrl,
      dataDir,
      progress: () => undefined,
    };
    const database = `tandem_test_${process.env.TANDEM_TEST_RUN_ID}_bench_worker`;
    const phases = [
      { name: 'due over half a second', spreadSeconds: 0.5 },
      { name: 'all due at once', spreadSeconds: 0 },
    ];
    const [delivery] = await benchWorker(ctx, { database, dropDatabase: true, phases, concurrency: 4 });

    const details = delivery.details as { count: number; runs: DeliveryRun[]; raw: DeliveryRun | null };
    expect(details.count).toBe(50);
    const failures = delivery.rows.filter((row) => typeof row.note === 'string' && row.note.startsWith('failed'));
    expect(failures).toEqual([]);
    const queues = ['PostgreSQL', ...(redisUrl ? ['Redis'] : [])];
    expect(details.runs.map((run) => run.label)).toEqual(
      queues.flatMap((queue) => phases.map((phase) => `worker, ${queue} queue, ${phase.name}`)),
    );
    for (const run of details.runs) {
      expect({ run: run.label, delivered: run.delivered, unexpected: run.unexpected, timedOut: run.timedOut }).toEqual({
        run: run.label,
        delivered: 50,
        unexpected: 0,
        timedOut: false,
      });
      // The batch's 50 rows, all sent.
      expect(run.statuses).toEqual({ SENT: 50 });
    }
    expect(details.raw).toMatchObject({ delivered: 50, unexpected: 0, timedOut: false });
    if (!redisUrl)
      expect(delivery.rows.some((row) => row.run === 'worker, Redis queue' && String(row.note).startsWith('skipped'))).toBe(true);
  }, 120_000);
});
