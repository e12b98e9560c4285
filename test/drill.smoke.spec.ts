import fs from 'node:fs/promises';
import { runDrill } from '../bench/drill/run-drill.js';

/**
 * The fault drill's core (what `npm run drill` runs per backend) on a tiny batch:
 * the real worker process (dist/, built by npm test), one SIGKILL and a second of
 * 451 answers, on the PostgreSQL queue backend against the test PostgreSQL. No
 * PostgreSQL restart: that server is shared with the other test files.
 */
describe('fault drill (smoke)', () => {
  it('delivers every notification of a small batch through a SIGKILL and a 451 spell', async () => {
    const adminUrl = process.env.TANDEM_TEST_ADMIN_URL;
    const runId = process.env.TANDEM_TEST_RUN_ID;
    if (!adminUrl || !runId) throw new Error('TANDEM_TEST_ADMIN_URL is not set: run through npm test (jest global setup)');

    const workerLog = `var/drill/worker-smoke-${runId}.log`;
    const report = await runDrill({
      backend: 'postgres',
      count: 60,
      kills: 1,
      flush: false,
      restartPostgres: false,
      smtp451Seconds: 1,
      adminUrl,
      databaseName: `tandem_drill_smoke_${runId}`,
      concurrency: 16,
      // Slow enough answers that jobs are in flight when the worker is killed.
      smtpDelayMs: 50,
      timeLimitMs: 75_000,
      workerLog,
    });

    expect(report.expected).toBe(60);
    expect(report).toMatchObject({ lost: 0, delivered: report.expected });
    expect(report.kills).toBe(1);
    expect(report.duplicates).toBeLessThanOrEqual(report.duplicateBound);
    // Kept when the test fails, for the worker's side of the story.
    await fs.rm(workerLog, { force: true });
  }, 90_000);
});
