// Long on purpose: the growth part is one script (practices, roster, planner, workers) sharing its settings and summaries.
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { AccessTokenService, Db, type Actor } from '#tandem/coaching';
import { benchPlanner, rosterQuery, startTandem, type TandemServer } from './api.bench.js';
import { runLoad, type LoadGeneratorMode } from './api/load-generator.js';
import { prepareGrowthPractice, type GrowthPractice } from './growth/dataset.js';
import { explainable, explainStatement, genericPlan, type ExplainedStatement } from './growth/explain.js';
import { StatementCapture, type CapturedStatement } from './growth/statement-capture.js';
import { benchWorkerScaling, type WorkerScalingRun } from './growth/worker-scaling.js';
import { adminQuery, percentile, type BenchContext, type BenchSection } from './support/bench-context.js';

/**
 * `npm run bench -- --only growth`: how cost grows with the practice (issue 14, point 4).
 *
 * 1. Roster: a coach's roster page (clients(first: 100), the API bench's query) through the
 *    real API app at practices of 1,000, 10,000 and 100,000 clients. Held constant: the coach
 *    (coach1, 200 clients of their own, the same content mix), the page and the query; the
 *    practice grows by adding coaches (5, 50, 500) with 200 clients each. Per size: p50 at one
 *    connection (autocannon, interleaved rounds: 1k, 10k, 100k, then 10k, 100k, 1k …), the
 *    statements one request issues (captured from pg in this process, checked against the
 *    X-Sql-Statements header), and per statement EXPLAIN (ANALYZE, BUFFERS) with the values the
 *    request sent: PostgreSQL's execution time and a plan fingerprint (node types and index
 *    names, no costs). A size whose statement count or plan differs from the smallest is flagged.
 * 2. Planner: EngagementService.planSessions per engagement (api.bench.ts's benchPlanner) at
 *    1,000 and 10,000 engagements, then 1,000 again (so a drift of the host shows).
 * 3. Workers: two worker processes on one Redis queue against one (emails/s, interleaved rounds).
 *
 * Sizes scale with --scale; environment overrides: BENCH_GROWTH_SIZES=1000,10000,100000,
 * BENCH_GROWTH_PLANNER=1000,10000, BENCH_GROWTH_EMAILS=3000, BENCH_GROWTH_ROUNDS=3,
 * BENCH_GROWTH_SECONDS=4, BENCH_GROWTH_PARTS=roster,planner,workers.
 */
export interface GrowthBenchOptions {
  /** Clients in the practice, one measured size each (default 1,000, 10,000, 100,000 × scale). */
  sizes?: number[];
  /** The measured coach's clients, the same at every size (default 200, fewer when a size is smaller). */
  clientsPerCoach?: number;
  /** Roster page size (default 100, as the API bench). */
  rosterFirst?: number;
  /** Interleaved rounds of the roster load (default 3). */
  rounds?: number;
  /** Interleaved rounds of the worker comparison (default: `rounds`). */
  workerRounds?: number;
  /** Seconds of load per size per round at one connection (default 4; 2 below scale 0.5). */
  durationSeconds?: number;
  /** Requests before the first round, per size (default 30). */
  warmupRequests?: number;
  /** Requests whose statements are captured for the in-request SQL time, per size (default 20). */
  capturedRequests?: number;
  /** EXPLAIN ANALYZE runs per statement per round, after that size's load (all rounds' runs give the median; default 3). */
  explainRuns?: number;
  /** Planner sizes (default 1,000 and 10,000 × scale); the smallest runs again at the end. */
  plannerEngagements?: number[];
  /** Reminders per worker run (default 3,000 × scale, at least 50). */
  workerEmails?: number;
  /** WORKER_CONCURRENCY of each worker process (default 16, as the worker bench). */
  workerConcurrency?: number;
  /** Which pieces run (default all three). */
  parts?: Array<'roster' | 'planner' | 'workers'>;
  /** Database names start with this (default tandem_bench_growth). */
  databasePrefix?: string;
  /** Drop every database at the end (tests). */
  dropDatabases?: boolean;
  loadGenerator?: LoadGeneratorMode;
}

const DEFAULT_SIZES = [1_000, 10_000, 100_000];
const DEFAULT_PLANNER = [1_000, 10_000];

const numbers = (value: string | undefined): number[] | undefined =>
  value
    ?.split(',')
    .map((part) => Number(part.trim()))
    .filter((n) => Number.isFinite(n) && n > 0);

const round = (value: number | null | undefined, digits = 2): number | null =>
  value === null || value === undefined || !Number.isFinite(value) ? null : Number(value.toFixed(digits));

const hostLoad = () => round(os.loadavg()[0], 1);

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function benchGrowth(ctx: BenchContext, options: GrowthBenchOptions = {}): Promise<BenchSection[]> {
  const env = process.env;
  const scaled = (n: number) => Math.max(1, Math.round(n * ctx.scale));
  const sizes = options.sizes ?? numbers(env.BENCH_GROWTH_SIZES) ?? DEFAULT_SIZES.map(scaled);
  const rounds = options.rounds ?? Number(env.BENCH_GROWTH_ROUNDS ?? 3);
  const parts = options.parts ?? ((env.BENCH_GROWTH_PARTS?.split(',') ?? ['roster', 'planner', 'workers']) as GrowthBenchOptions['parts'])!;
  const prefix = options.databasePrefix ?? 'tandem_bench_growth';
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) throw new Error(`not a plain database name prefix: ${prefix}`);
  const sections: BenchSection[] = [];
  const databases: string[] = [];
  try {
    if (parts.includes('roster')) {
      sections.push(...(await benchRosterGrowth(ctx, { ...options, sizes, rounds, prefix, databases })));
    }
    if (parts.includes('planner')) {
      const engagements = options.plannerEngagements ?? numbers(env.BENCH_GROWTH_PLANNER) ?? DEFAULT_PLANNER.map(scaled);
      databases.push(`${prefix}_planner`);
      sections.push(await benchPlannerGrowth(ctx, engagements, `${prefix}_planner`, options.clientsPerCoach ?? 200));
    }
    if (parts.includes('workers')) {
      const emails = options.workerEmails ?? Number(env.BENCH_GROWTH_EMAILS ?? Math.max(50, Math.round(3000 * ctx.scale)));
      databases.push(`${prefix}_worker`);
      sections.push(
        await benchWorkersGrowth(ctx, emails, options.workerRounds ?? rounds, `${prefix}_worker`, options.workerConcurrency ?? 16),
      );
    }
  } finally {
    if (options.dropDatabases) {
      for (const name of databases) await adminQuery(ctx.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    }
  }
  return sections;
}

// ---------------------------------------------------------------------------
// The roster as the practice grows
// ---------------------------------------------------------------------------

interface SizeUnderTest {
  practice: GrowthPractice;
  tandem: TandemServer;
  headers: Record<string, string>;
  statements: CapturedStatement[];
  headerStatements: number;
  explained: Array<
    ExplainedStatement & {
      index: number;
      statement: CapturedStatement;
      generic: { plan: string; fingerprint: string } | null;
      /** Fingerprints of every EXPLAIN of this statement in the rounds (more than one: the plan flipped between runs). */
      seen: string[];
    }
  >;
  p50s: number[];
  rates: number[];
  loads: number[];
  errors: number;
  sqlInRequest: number[];
  requestWall: number[];
}

async function benchRosterGrowth(
  ctx: BenchContext,
  settings: GrowthBenchOptions & { sizes: number[]; rounds: number; prefix: string; databases: string[] },
): Promise<BenchSection[]> {
  const perCoach = settings.clientsPerCoach ?? 200;
  const first = settings.rosterFirst ?? 100;
  const durationSeconds = settings.durationSeconds ?? Number(process.env.BENCH_GROWTH_SECONDS ?? (ctx.scale < 0.5 ? 2 : 4));
  const warmup = settings.warmupRequests ?? 30;
  const captured = settings.capturedRequests ?? 20;
  const mode = settings.loadGenerator ?? 'child-process';
  const explainRuns = settings.explainRuns ?? 3;
  const body = JSON.stringify({ query: rosterQuery(first) });

  const practices: GrowthPractice[] = [];
  for (const size of settings.sizes) {
    const clientsPerCoach = Math.min(perCoach, size);
    const shape = { coaches: Math.max(1, Math.round(size / clientsPerCoach)), clientsPerCoach };
    const name = `${settings.prefix}_${shape.coaches}x${shape.clientsPerCoach}`;
    settings.databases.push(name);
    practices.push(await prepareGrowthPractice(ctx, name, shape));
  }
  const sizes: SizeUnderTest[] = [];
  const capture = new StatementCapture().install();
  try {
    for (const practice of practices) {
      const tandem = await startTandem(practice.url, true);
      const actor: Actor = { userId: practice.coachUserId, practiceId: practice.practiceId, role: 'COACH', clientId: null };
      const headers = await bearer(tandem, actor);
      sizes.push({
        practice,
        tandem,
        headers,
        statements: [],
        headerStatements: NaN,
        explained: [],
        p50s: [],
        rates: [],
        loads: [],
        errors: 0,
        sqlInRequest: [],
        requestWall: [],
      });
    }
    // Warm-up, the statements of one request, their plans.
    for (const size of sizes) {
      const label = `roster at ${size.practice.clients} clients`;
      const url = size.tandem.url + '/graphql';
      for (let n = 0; n < warmup; n += 1) await post(url, body, size.headers);
      const { result, statements } = await capture.during(size.practice.name, () => post(url, body, size.headers));
      const names = result.json?.data?.clients?.edges?.length ?? 0;
      if (result.status !== 200 || result.json?.errors || names !== Math.min(first, size.practice.shape.clientsPerCoach)) {
        throw new Error(`${label}: unexpected answer (${result.status}, ${names} clients): ${result.text.slice(0, 300)}`);
      }
      size.statements = statements;
      size.headerStatements = result.statements;
      ctx.progress(`${label}: ${statements.length} statement(s) captured (X-Sql-Statements: ${result.statements}); EXPLAIN ANALYZE …`);
      for (const [index, statement] of statements.entries()) {
        if (!explainable(statement)) continue;
        const explained = await explainStatement(size.practice.url, statement, 1).catch((error: unknown) => {
          throw new Error(`${label}: EXPLAIN of statement #${index + 1} (${statement.text.slice(0, 80)}…) failed: ${String(error)}`);
        });
        size.explained.push({
          ...explained,
          executions: [],
          plannings: [],
          index: index + 1,
          statement,
          generic: await genericPlan(size.practice.url, statement),
          seen: [explained.fingerprint],
        });
      }
    }
    // Interleaved rounds at one connection.
    for (let r = 0; r < settings.rounds; r += 1) {
      const order = sizes.map((_, i) => sizes[(i + r) % sizes.length]);
      for (const size of order) {
        ctx.progress(`roster at ${size.practice.clients} clients: round ${r + 1}/${settings.rounds}, 1 connection, ${durationSeconds} s …`);
        const result = await runLoad(
          { url: size.tandem.url + '/graphql', headers: size.headers, body, connections: 1, durationSeconds },
          mode,
        );
        const p50 = percentile(result.latenciesMs, 50);
        size.p50s.push(p50);
        size.rates.push(result.requestsPerSecond);
        size.loads.push(os.loadavg()[0]);
        size.errors += result.errors + result.non2xx + result.bodyErrors;
        // The statements' round trips inside sequential requests, as the app saw them.
        for (let n = 0; n < Math.ceil(captured / settings.rounds); n += 1) {
          const started = performance.now();
          const { statements } = await capture.during(size.practice.name, () => post(size.tandem.url + '/graphql', body, size.headers));
          size.requestWall.push(performance.now() - started);
          size.sqlInRequest.push(statements.reduce((sum, statement) => sum + (statement.ms ?? 0), 0));
        }
        // PostgreSQL's own time for the same statements, in the same round.
        for (const explained of size.explained) {
          const again = await explainStatement(size.practice.url, explained.statement, explainRuns);
          explained.executions.push(...again.executions);
          explained.plannings.push(...again.plannings);
          if (!explained.seen.includes(again.fingerprint)) explained.seen.push(again.fingerprint);
        }
        const main = size.explained.at(-1);
        ctx.progress(
          `roster at ${size.practice.clients} clients, round ${r + 1}: p50 ${p50.toFixed(2)} ms, ${result.requestsPerSecond.toFixed(1)} req/s; ` +
            `EXPLAIN ANALYZE of statement #${main?.index ?? '–'}: ${main ? median(main.executions.slice(-explainRuns))?.toFixed(2) : '–'} ms (host load ${hostLoad()})`,
        );
      }
    }
  } finally {
    capture.uninstall();
    for (const size of sizes) await size.tandem.close();
  }
  return rosterSections(sizes, { first, durationSeconds, rounds: settings.rounds, mode });
}

function rosterSections(
  sizes: SizeUnderTest[],
  settings: { first: number; durationSeconds: number; rounds: number; mode: LoadGeneratorMode },
): BenchSection[] {
  const base = sizes[0];
  const sameStatements = (size: SizeUnderTest) =>
    size.statements.length === base.statements.length && size.statements.every((s, i) => s.text === base.statements[i]?.text);
  const samePlans = (size: SizeUnderTest) =>
    size.explained.length === base.explained.length &&
    size.explained.every((e, i) => e.seen.length === 1 && e.fingerprint === base.explained[i]?.fingerprint);
  const execution = (e: SizeUnderTest['explained'][number]) => median(e.executions.length ? e.executions : [e.executionMs]) ?? 0;
  /** The statement PostgreSQL spends longest on (the roster's one statement today). */
  const rosterStatement = (size: SizeUnderTest) =>
    size.explained.reduce<SizeUnderTest['explained'][number] | undefined>(
      (best, e) => (!best || execution(e) > execution(best) ? e : best),
      undefined,
    );
  const spread = (values: number[]) => (values.length ? `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}` : null);
  const practiceRows = sizes.map((size) => ({
    'practice clients': size.practice.clients,
    coaches: size.practice.shape.coaches,
    "coach's clients": size.practice.shape.clientsPerCoach,
    sessions: size.practice.counts.coaching_session ?? 0,
    'action items': size.practice.counts.action_item ?? 0,
    database: size.practice.name,
    data: size.practice.seeded
      ? `built in ${size.practice.seconds.toFixed(0)} s`
      : `reused (seeded ${size.practice.seededAt.slice(0, 16)})`,
  }));
  const rows = sizes.map((size) => {
    const main = rosterStatement(size);
    const p50 = median(size.p50s);
    return {
      'practice clients': size.practice.clients,
      'p50 ms (median of rounds)': round(p50),
      'p50 spread ms': spread(size.p50s),
      'req/s (median)': round(median(size.rates), 1),
      'p50 ÷ smallest': base === size ? 1 : round(p50 !== null && median(base.p50s) ? p50 / median(base.p50s)! : null),
      'SQL/req': size.statements.length,
      'X-Sql-Statements': size.headerStatements,
      'SQL ms (EXPLAIN ANALYZE exec, median)': main ? round(execution(main)) : null,
      'SQL exec spread ms': main ? spread(main.executions) : null,
      'planning ms': main ? round(median(main.plannings.length ? main.plannings : [main.planningMs])) : null,
      'SQL in request p50 ms': round(median(size.sqlInRequest)),
      'request p50 ms (sequential)': round(median(size.requestWall)),
      'buffers hit/read': main ? `${main.sharedHit}/${main.sharedRead}` : null,
      plans: size.explained.map((e) => e.seen.join('/')).join(' '),
      'same statements & plans': base === size ? '(reference)' : sameStatements(size) && samePlans(size) ? 'yes' : 'NO',
      errors: size.errors,
      'host load': round(median(size.loads), 1),
    };
  });
  const planRows = sizes.flatMap((size) =>
    size.explained.map((e) => {
      const reference = base.explained.find((b) => b.index === e.index);
      return {
        'practice clients': size.practice.clients,
        statement: `#${e.index} ${e.head}…`,
        fingerprint: e.seen.join('/'),
        generic: e.generic?.fingerprint ?? '–',
        'rows out': e.rows,
        'exec ms (median)': round(execution(e)),
        'differs from smallest': base === size ? '–' : reference?.fingerprint === e.fingerprint && e.seen.length === 1 ? 'no' : 'YES',
        plan: e.plan,
      };
    }),
  );
  const differences: string[] = [];
  for (const size of sizes.slice(1)) {
    if (!sameStatements(size))
      differences.push(`${size.practice.clients}: ${size.statements.length} statements against ${base.statements.length} (or other text)`);
    if (!samePlans(size))
      differences.push(
        `${size.practice.clients}: plans ${size.explained.map((e) => e.fingerprint).join(' ')} vs ${base.explained.map((e) => e.fingerprint).join(' ')}`,
      );
  }
  return [
    { name: `Growth: practices (the measured coach has the same number of clients at every size)`, rows: practiceRows },
    {
      name:
        `Growth: a coach's roster page, clients(first: ${settings.first}), as the practice grows ` +
        `(1 connection, ${settings.rounds} interleaved rounds of ${settings.durationSeconds} s; SQL ms = PostgreSQL's Execution Time from EXPLAIN (ANALYZE, BUFFERS) with the request's values, runs in every round; SQL in request = the statements' round trips seen by the app in sequential requests)`,
      rows,
      details: {
        loadGenerator: settings.mode,
        sizes: sizes.map((size) => ({
          clients: size.practice.clients,
          p50s: size.p50s,
          rates: size.rates,
          loads: size.loads,
          statements: size.statements.map((s) => ({ name: s.name, text: s.text })),
          explained: size.explained,
        })),
        differences,
      },
    },
    { name: 'Growth: the roster statements\u2019 plans (node types with index or relation names; no costs)', rows: planRows },
  ];
}

/** Access tokens of a live session (a refresh-token family), as log-in makes them (the API bench does the same). */
async function bearer(tandem: TandemServer, actor: Actor): Promise<Record<string, string>> {
  const sessionId = randomUUID();
  await tandem.app
    .get(Db)
    .manager.query(
      `INSERT INTO refresh_token (practice_id, user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, now() + interval '1 day')`,
      [actor.practiceId, actor.userId, sessionId, randomBytes(32).toString('hex')],
    );
  const { token } = await new AccessTokenService(tandem.config).issue(actor, sessionId);
  return { 'content-type': 'application/json', authorization: `Bearer ${token}` };
}

interface RosterJson {
  data?: { clients?: { edges?: unknown[] } };
  errors?: unknown;
}

async function post(url: string, body: string, headers: Record<string, string>) {
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  let json: RosterJson | null = null;
  try {
    json = JSON.parse(text) as RosterJson;
  } catch {
    // reported by the caller
  }
  return { status: response.status, statements: Number(response.headers.get('x-sql-statements') ?? NaN), json, text };
}

// ---------------------------------------------------------------------------
// The planner per engagement
// ---------------------------------------------------------------------------

async function benchPlannerGrowth(ctx: BenchContext, sizes: number[], database: string, perCoach: number): Promise<BenchSection> {
  const order = sizes.length > 1 ? [...sizes, Math.min(...sizes)] : sizes;
  const rows: Array<Record<string, string | number | null>> = [];
  const rates = new Map<string, number[]>();
  for (const [i, engagements] of order.entries()) {
    const clientsPerCoach = Math.min(perCoach, engagements);
    const shape = { coaches: Math.max(1, Math.round(engagements / clientsPerCoach)), clientsPerCoach };
    ctx.progress(`planner at ${shape.coaches * shape.clientsPerCoach} engagements (run ${i + 1}/${order.length}) …`);
    const section = await benchPlanner(ctx, shape, database, {});
    for (const row of section.rows) {
      const rate = typeof row['engagements/s'] === 'number' ? row['engagements/s'] : null;
      if (rate === null) continue;
      const phase = String(row.phase);
      const key = `${phase}@${row.engagements}`;
      rates.set(key, [...(rates.get(key) ?? []), rate]);
      rows.push({
        engagements: Number(row.engagements),
        run: i + 1,
        phase,
        seconds: row.seconds,
        'engagements/s': rate,
        'ms per engagement': round(1000 / rate),
        'sessions created': row['sessions created'],
        'emails planned': row['emails planned'],
        'host load': row['host load'],
      });
    }
  }
  // Per phase: the largest size's rate against the smallest's (the mean of its runs).
  const smallest = Math.min(...rows.map((row) => Number(row.engagements)));
  const largest = Math.max(...rows.map((row) => Number(row.engagements)));
  if (largest > smallest) {
    for (const phase of new Set(rows.map((row) => String(row.phase)))) {
      const small = rates.get(`${phase}@${smallest}`) ?? [];
      const large = rates.get(`${phase}@${largest}`) ?? [];
      const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
      if (!small.length || !large.length) continue;
      rows.push({
        engagements: largest,
        run: null,
        phase: `${phase}: rate at ${largest} ÷ at ${smallest}`,
        seconds: null,
        'engagements/s': round(mean(large) / mean(small)),
        'ms per engagement': null,
        'sessions created': null,
        'emails planned': null,
        'host load': hostLoad(),
      });
    }
  }
  return {
    name: `Growth: the planner per engagement (EngagementService.planSessions via api.bench.ts's benchPlanner, 50 per transaction, 4 at once; the smallest size again last)`,
    rows,
  };
}

// ---------------------------------------------------------------------------
// Two workers against one
// ---------------------------------------------------------------------------

async function benchWorkersGrowth(
  ctx: BenchContext,
  emails: number,
  rounds: number,
  database: string,
  concurrency: number,
): Promise<BenchSection> {
  const name = `Growth: worker processes on one Redis queue, ${emails} reminders due at once per run, WORKER_CONCURRENCY=${concurrency} each, ${rounds} interleaved rounds`;
  if (!ctx.redisUrl) return { name, rows: [{ run: 'workers on Redis', note: 'skipped: no Redis answers (set REDIS_URL)' }] };
  const runs = await benchWorkerScaling(ctx, ctx.redisUrl, { emails, rounds, concurrency, database });
  const rows: Array<Record<string, string | number | null>> = runs.map((run: WorkerScalingRun) => ({
    run: `${run.processes} worker${run.processes > 1 ? 's' : ''}, round ${run.round}`,
    delivered: `${run.delivered}/${run.emails}`,
    duplicates: run.duplicates,
    seconds: round(run.seconds, 1),
    'emails/s': round(run.perSecond, 0),
    'workers (cores)': round(run.workerCores),
    'postgres (cores)': round(run.postgresCores),
    'redis (cores)': round(run.redisCores),
    'machine busy %': round(run.machineBusyPct, 0),
    'host load': run.hostLoad,
    note: run.note,
  }));
  // Ratio per round (2 ÷ 1 of the same round), reported as the median with the spread.
  const ratios: number[] = [];
  for (let r = 1; r <= rounds; r += 1) {
    const one = runs.find((run) => run.round === r && run.processes === 1)?.perSecond;
    const two = runs.find((run) => run.round === r && run.processes === 2)?.perSecond;
    if (one && two) ratios.push(two / one);
  }
  rows.push({
    run: '2 workers ÷ 1 (median of rounds)',
    delivered: null,
    duplicates: null,
    seconds: null,
    'emails/s': round(median(ratios)),
    'workers (cores)': null,
    'postgres (cores)': null,
    'redis (cores)': null,
    'machine busy %': null,
    'host load': hostLoad(),
    note: ratios.length ? `rounds: ${ratios.map((ratio) => ratio.toFixed(2)).join(', ')}` : 'no complete pair',
  });
  return { name, rows, details: { runs } };
}
