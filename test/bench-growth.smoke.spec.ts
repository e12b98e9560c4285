import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { benchGrowth } from '../bench/growth.bench.js';
import type { BenchSection } from '../bench/support/bench-context.js';

/**
 * The growth part of the bench end to end at tiny sizes: two practices (2 and 6 clients, the
 * measured coach with 2 clients in both), the roster through the real API app with its
 * statements captured and EXPLAINed, the planner at 2 and 4 engagements, and one against two
 * worker processes on Redis (when one answers). Only the shape of the report is checked, and
 * that no request failed: timings on a shared test machine mean nothing.
 */
describe('bench: growth (smoke)', () => {
  const adminUrl = process.env.TANDEM_TEST_ADMIN_URL;
  const runId = process.env.TANDEM_TEST_RUN_ID;
  // Named like the test databases, so the global teardown drops them if this file fails half-way.
  const prefix = `tandem_test_${runId}_growth`;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-bench-growth-'));
  });

  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('reports the roster per practice size with statements and plans, the planner per size and the workers ratio', async () => {
    if (!adminUrl || !runId) throw new Error('TANDEM_TEST_ADMIN_URL is not set: run through npm test (jest global setup)');
    const redisUrl = process.env.TANDEM_TEST_REDIS_URL || null;
    const progress: string[] = [];
    const sections = await benchGrowth(
      { adminUrl, scale: 0.001, redisUrl, dataDir, progress: (message) => progress.push(message) },
      {
        sizes: [2, 6],
        clientsPerCoach: 2,
        rounds: 2,
        durationSeconds: 0.5,
        warmupRequests: 2,
        capturedRequests: 2,
        explainRuns: 1,
        plannerEngagements: [2, 4],
        workerEmails: 50,
        workerRounds: 1,
        workerConcurrency: 4,
        databasePrefix: prefix,
        dropDatabases: true,
        // The test runs TypeScript sources: autocannon runs in this process.
        loadGenerator: 'in-process',
      },
    );

    const byName = (start: string): BenchSection => {
      const section = sections.find((s) => s.name.startsWith(start));
      if (!section) throw new Error(`no section "${start}…" in ${sections.map((s) => s.name).join(' | ')}`);
      return section;
    };

    const practices = byName('Growth: practices');
    expect(practices.rows.map((row) => [row['practice clients'], row.coaches, row["coach's clients"]])).toEqual([
      [2, 1, 2],
      [6, 3, 2],
    ]);

    const roster = byName("Growth: a coach's roster page");
    expect(roster.rows.map((row) => row['practice clients'])).toEqual([2, 6]);
    for (const row of roster.rows) {
      expect(row.errors).toBe(0);
      expect(row['p50 ms (median of rounds)']).toEqual(expect.any(Number));
      // The statements captured from pg are the ones the app counted in X-Sql-Statements.
      expect(row['SQL/req']).toBeGreaterThan(0);
      expect(row['SQL/req']).toBe(row['X-Sql-Statements']);
      expect(row['SQL ms (EXPLAIN ANALYZE exec, median)']).toEqual(expect.any(Number));
      expect(String(row.plans)).toMatch(/^[0-9a-f]{8}/);
    }
    expect(roster.rows[0]['same statements & plans']).toBe('(reference)');
    expect(['yes', 'NO']).toContain(roster.rows[1]['same statements & plans']);

    const plans = byName('Growth: the roster statements');
    expect(plans.rows.length).toBeGreaterThanOrEqual(2);
    for (const row of plans.rows) expect(String(row.plan)).toMatch(/Scan/);

    const planner = byName('Growth: the planner');
    const runs = planner.rows.filter((row) => row.run !== null);
    expect(runs.map((row) => `${row.engagements} ${row.phase}`)).toEqual([
      '2 plan 12 months (no sessions yet)',
      '2 re-plan after the change',
      '4 plan 12 months (no sessions yet)',
      '4 re-plan after the change',
      '2 plan 12 months (no sessions yet)',
      '2 re-plan after the change',
    ]);
    expect(planner.rows.filter((row) => row.run === null).map((row) => row.phase)).toEqual([
      'plan 12 months (no sessions yet): rate at 4 ÷ at 2',
      're-plan after the change: rate at 4 ÷ at 2',
    ]);

    const workers = byName('Growth: worker processes on one Redis queue');
    if (redisUrl) {
      expect(workers.rows.map((row) => row.run)).toEqual(['1 worker, round 1', '2 workers, round 1', '2 workers ÷ 1 (median of rounds)']);
      for (const row of workers.rows.slice(0, 2)) expect(row).toMatchObject({ delivered: '50/50', duplicates: 0, note: null });
      expect(workers.rows[2]['emails/s']).toEqual(expect.any(Number));
    } else {
      expect(String(workers.rows[0].note)).toMatch(/^skipped/);
    }

    expect(progress.some((line) => line.includes('EXPLAIN ANALYZE'))).toBe(true);
    // Every database is gone.
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}%`]);
      expect(rows).toEqual([]);
    } finally {
      await admin.end();
    }
  }, 420_000);
});
