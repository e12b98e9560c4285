import os from 'node:os';
import pg from 'pg';
import { benchApi } from '../bench/api.bench.js';
import type { BenchSection } from '../bench/support/bench-context.js';

/**
 * The API benchmark end to end on a tiny practice (1 coach, 1 client) with
 * half-second load runs: data set, both servers answering the same JSON, the
 * interleaved load rounds and the planner. Only the shape of the report, the
 * rounds kept, repeated and flagged, and the absence of request errors are
 * checked: timings on a shared test machine mean nothing.
 */
describe('API benchmark (smoke)', () => {
  const adminUrl = process.env.TANDEM_TEST_ADMIN_URL;
  const runId = process.env.TANDEM_TEST_RUN_ID;
  // Named like the test databases, so the global teardown drops them if this file fails half-way.
  const apiDatabase = `tandem_test_${runId}_bench_api`;
  const plannerDatabase = `tandem_test_${runId}_bench_planner`;

  afterAll(async () => {
    if (!adminUrl) return;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      for (const name of [apiDatabase, plannerDatabase]) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  });

  it('reports the data set, the roster, the portal and the planner without request errors', async () => {
    if (!adminUrl || !runId) throw new Error('TANDEM_TEST_ADMIN_URL is not set: run through npm test (jest global setup)');
    const progress: string[] = [];
    // The machine reads busy for the first two attempts of the first round (three samples each), then quiet.
    let loadSamples = 0;
    const loadAverage = () => (loadSamples++ < 6 ? 99 : 0.1);
    const sections = await benchApi(
      { adminUrl, scale: 0.005, redisUrl: null, dataDir: os.tmpdir(), progress: (message) => progress.push(message) },
      {
        durationSeconds: 0.5,
        warmupSeconds: 0,
        connections: [1, 4],
        rounds: 3,
        busyLoad: 3,
        loadAverage,
        apiDatabase,
        plannerDatabase,
        dropApiDatabase: true,
        // The test runs TypeScript sources: autocannon runs in this process.
        loadGenerator: 'in-process',
      },
    );

    const byName = (prefix: string): BenchSection => {
      const section = sections.find((s) => s.name.startsWith(prefix));
      if (!section) throw new Error(`no section "${prefix}…" in ${sections.map((s) => s.name).join(' | ')}`);
      return section;
    };

    const dataset = byName('API data set');
    expect(dataset.rows.map((row) => String(row.table).split(' ')[0])).toEqual([
      'app_user',
      'client',
      'engagement',
      'coaching_session',
      'action_item',
      'goal',
      'goal_check_in',
    ]);
    expect(dataset.rows.find((row) => row.table === 'client')?.rows).toBe(1);

    for (const prefix of ["API: a coach's roster page", "API: a client's portal page"]) {
      const section = byName(prefix);
      expect(section.rows.map((row) => `${row.server} c=${row.connections}`)).toEqual([
        'Tandem (GraphQL) c=1',
        'Tandem (GraphQL) c=4',
        'raw (node:http + pg, 1 SQL) c=1',
        'raw (node:http + pg, 1 SQL) c=4',
      ]);
      for (const row of section.rows) {
        expect(row).toMatchObject({ errors: 0, 'non-2xx': 0, rounds: 3 });
        expect(row.requests).toBeGreaterThan(0);
        expect(row['SQL/req']).toBeGreaterThan(0);
        expect(row['CPU ms/req']).toBeGreaterThan(0);
        if (String(row.server).startsWith('Tandem')) {
          expect(row['Tandem ÷ raw']).toBeGreaterThan(0);
          expect(row['CPU raw ÷ Tandem']).toBeGreaterThan(0);
          expect(row['spread ÷ raw']).toMatch(/^\d+\.\d\d–\d+\.\d\d$/);
          expect(row['spread CPU']).toMatch(/^\d+\.\d\d–\d+\.\d\d$/);
        }
      }
    }

    // Every attempt is kept in the results: the roster's first round was busy twice (repeated, then flagged).
    type Attempt = { connections: number; round: number; attempt: number; verdict: string; counted: boolean };
    const perRound = (prefix: string) => (byName(prefix).details as { perRound: Attempt[] }).perRound;
    expect(perRound("API: a coach's roster page").map((r) => `c=${r.connections} ${r.round}.${r.attempt} ${r.verdict}`)).toEqual([
      'c=1 1.1 repeat',
      'c=1 1.2 flag',
      'c=1 2.1 keep',
      'c=1 3.1 keep',
      'c=4 1.1 keep',
      'c=4 2.1 keep',
      'c=4 3.1 keep',
    ]);
    expect(perRound("API: a client's portal page").filter((r) => r.counted)).toHaveLength(6);
    const rosterRows = byName("API: a coach's roster page").rows;
    expect(rosterRows.map((row) => row['busy rounds'])).toEqual([1, 0, 1, 0]);

    const targets = byName('API: targets');
    expect(targets.rows.map((row) => row.target)).toEqual([
      'roster Tandem ÷ raw req/s ≥ 0.6 (median of rounds)',
      'portal Tandem ÷ raw req/s ≥ 0.6 (median of rounds)',
      "roster p99 at 4 connections ≤ 1.5 × raw's (median of rounds)",
      'roster SQL statements per request constant (first 10 vs 100)',
      'no errors or non-2xx responses',
      'every round at host load ≤ 3 (busy rounds repeated once, then flagged)',
    ]);
    expect(targets.rows.find((row) => row.target === 'no errors or non-2xx responses')?.met).toBe('yes');
    expect(targets.rows.at(-1)).toMatchObject({ measured: '1 of 12 flagged (max load 99.0)', met: 'NO' });

    const planner = byName('Planner');
    expect(planner.rows.map((row) => row.phase)).toEqual([
      'plan 12 months (no sessions yet)',
      'change every cadence (one UPDATE)',
      're-plan after the change',
    ]);
    expect(planner.rows[0]).toMatchObject({ engagements: 1 });
    expect(Number(planner.rows[0]['sessions created'])).toBeGreaterThan(0);

    expect(progress.some((line) => line.includes('identical JSON'))).toBe(true);
    // Both databases are gone.
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query('SELECT datname FROM pg_database WHERE datname = ANY($1)', [[apiDatabase, plannerDatabase]]);
      expect(rows).toEqual([]);
    } finally {
      await admin.end();
    }
  }, 120_000);
});
