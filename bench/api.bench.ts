// Long on purpose: the API benchmark is one script (data set, roster and portal pages, planner) sharing its settings.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import type { INestApplication } from '@nestjs/common';
import { pino } from 'pino';
import { AccessTokenService, Db, Engagement, type Actor } from '#tandem/coaching';
import { loadConfig, type AppConfig } from '#tandem/config';
import type { Runtime } from '#tandem/runtime';
import { ALL_MIGRATIONS } from '../migrations/index.js';
import { createApiApp } from '../apps/api/src/create-api-app.js';
import { EngagementService } from '../libs/coaching/src/engagement/engagement.service.js';
import type { LoadGeneratorMode } from './api/load-generator.js';
import { measurePage, targetsSection, type RunSettings } from './api/measure-page.js';
import { datasetShape, seedPractice, type DatasetShape } from './dataset-seed.js';
import { prepareApiDataset, type BenchDataset } from './dataset.js';
import { startRawApiServer, type RawApiServer } from './raw-api-server.js';
import { adminQuery, benchDatabase, type BenchContext, type BenchSection } from './support/bench-context.js';
import { busyThreshold, roundCount } from './support/rounds.js';

/**
 * The API part of `npm run bench`:
 * 1. the data set (built once, reused while its fingerprint matches);
 * 2. a coach's roster page and 3. a client's portal page, each through the real
 *    API app (in this process, autocannon in a child process) beside a raw
 *    node:http + pg server answering the same JSON from one SQL statement,
 *    measured in interleaved rounds (Tandem, raw, Tandem, raw … per connection
 *    count; see api/measure-page.ts);
 * 4. the session planner: EngagementService.planSessions for every engagement of
 *    a copy without sessions, then again after every cadence changed.
 */
export interface ApiBenchOptions {
  /**
   * Seconds of load per server per round (default: the per-configuration budget, 10 s at
   * scale ≥ 1 and down to 2 s for small scales, divided by the rounds, at least 1 s: 3.3 s
   * for 3 rounds, so the API part lasts about as long as one 10 s run per configuration did;
   * env BENCH_ROUND_SECONDS overrides).
   */
  durationSeconds?: number;
  /** Interleaved rounds per page and connection count (default 3; env BENCH_ROUNDS). */
  rounds?: number;
  /**
   * 1-minute load average above which a round is repeated once, then flagged
   * (default 1.5 × cores, see BUSY_LOAD_PER_CORE; env BENCH_BUSY_LOAD).
   */
  busyLoad?: number;
  /** The 1-minute load average (default os.loadavg()[0]; tests inject a busy machine). */
  loadAverage?: () => number;
  /** Seconds of warm-up load before a server's first configuration (default: 2, or less when durations are short). */
  warmupSeconds?: number;
  /** Concurrent connections, one configuration each (default [1, 32]). */
  connections?: number[];
  /** Default tandem_bench_api (kept between runs). */
  apiDatabase?: string;
  /** Default tandem_bench_planner (rebuilt every run, dropped afterwards). */
  plannerDatabase?: string;
  /** Drop the API database too at the end (tests). */
  dropApiDatabase?: boolean;
  /** Where autocannon runs (default: a child process; tests run it in-process from TypeScript sources). */
  loadGenerator?: LoadGeneratorMode;
  /** Engagements per planner transaction (default 50) and transactions at once (default 4). */
  plannerBatchSize?: number;
  plannerConcurrency?: number;
  /**
   * Engagements the planner works on (default: all of the data set's up to
   * PLANNER_DEFAULT_ENGAGEMENTS, which keeps the API part within its time budget; env
   * BENCH_API_PLANNER_ENGAGEMENTS=all or a number overrides it).
   */
  plannerEngagements?: number;
}

/**
 * At about 100 engagements/s per phase on a 2-core machine, all 10,000 would take the
 * planner alone ~3.5 minutes; half of them show the same rate in half the time
 * (each engagement is planned on its own, so the rate does not depend on how many).
 */
export const PLANNER_DEFAULT_ENGAGEMENTS = 5000;

const JWT_SECRET = 'x'.repeat(48);
const POOL_SIZE = 20;
const ROSTER_FIRST = 100;

export const rosterQuery = (first: number) =>
  `query Roster { clients(first: ${first}) { edges { node { name status currentEngagement { title status } ` +
  `nextSession { startsAt timeZone } openActionItemCount latestGoalProgress { goalTitle progress } } } pageInfo { hasNextPage endCursor } } }`;

export const PORTAL_QUERY =
  'query Portal($from: DateTime!) { myActionItems(first: 50) { edges { node { title dueDate status isOverdue } } } ' +
  'sessions(from: $from, first: 10) { edges { node { startsAt timeZone agenda sharedSummary } } } }';

export async function benchApi(ctx: BenchContext, options: ApiBenchOptions = {}): Promise<BenchSection[]> {
  const rounds = options.rounds ?? roundCount(3, process.env.BENCH_ROUNDS);
  const budgetSeconds = Math.min(10, Math.max(2, Math.round(10 * ctx.scale)));
  const durationSeconds =
    options.durationSeconds ?? roundSeconds(process.env.BENCH_ROUND_SECONDS) ?? Math.max(1, Math.round((10 * budgetSeconds) / rounds) / 10);
  const warmupSeconds = options.warmupSeconds ?? Math.min(2, budgetSeconds);
  const busyLoad = options.busyLoad ?? busyThreshold(os.cpus().length, process.env.BENCH_BUSY_LOAD);
  const connections = options.connections ?? [1, 32];
  const apiDatabase = options.apiDatabase ?? 'tandem_bench_api';
  const plannerDatabase = options.plannerDatabase ?? 'tandem_bench_planner';
  const mode = options.loadGenerator ?? 'child-process';
  const sections: BenchSection[] = [];

  const dataset = await prepareApiDataset(ctx, apiDatabase);
  sections.push(datasetSection(dataset));

  const tandem = await startTandem(dataset.url, true);
  let raw: RawApiServer | undefined;
  try {
    raw = await startRawApiServer({ databaseUrl: dataset.url, jwtSecret: JWT_SECRET, poolSize: POOL_SIZE, rosterFirst: ROSTER_FIRST });
    const db = tandem.app.get(Db);
    const tokens = benchTokens(new AccessTokenService(tandem.config), (sql, values) => db.manager.query(sql, values));
    const coach: Actor = { userId: dataset.coach.userId, practiceId: dataset.practiceId, role: 'COACH', clientId: null };
    const client: Actor = {
      userId: dataset.client.userId,
      practiceId: dataset.practiceId,
      role: 'CLIENT',
      clientId: dataset.client.clientId,
    };
    const run: RunSettings = {
      ctx,
      mode,
      roundSeconds: durationSeconds,
      rounds,
      warmupSeconds,
      connections,
      busyLoad,
      loadAverage: options.loadAverage,
    };
    const settings = {
      rounds,
      roundSeconds: durationSeconds,
      warmupSeconds,
      busyLoad,
      loadGenerator: mode,
      cpuIncludesLoadGenerator: mode === 'in-process',
      // npm run bench runs node with --expose-gc: a full collection before each run (api/measure-page.ts).
      fullGcBeforeEachRun: typeof (globalThis as { gc?: unknown }).gc === 'function',
    };
    ctx.progress(
      `API: ${rounds} interleaved rounds of ${durationSeconds} s per server, page and connection count; busy above host load ${busyLoad}`,
    );

    // The roster: same 100 names in the same order from both, and the whole JSON identical.
    const rosterBody = JSON.stringify({ query: rosterQuery(ROSTER_FIRST) });
    const rosterCheck = await compareAnswers(tandem.url + '/graphql', raw.url + '/roster', rosterBody, await bearer(tokens, coach));
    const rosterNames = (answer: unknown) => (answer as RosterAnswer).data.clients.edges.map((edge) => edge.node.name);
    const tandemNames = rosterNames(rosterCheck.tandem);
    const rawNames = rosterNames(rosterCheck.raw);
    if (tandemNames.length !== Math.min(ROSTER_FIRST, dataset.coach.clients) || tandemNames.join('\n') !== rawNames.join('\n')) {
      throw new Error(
        `roster: Tandem and the raw server disagree (${tandemNames.length} vs ${rawNames.length} names; ` +
          `first difference at ${tandemNames.findIndex((name, i) => name !== rawNames[i])})`,
      );
    }
    if (!rosterCheck.identical)
      throw new Error(`roster: same names, but the JSON differs: ${firstDifference(rosterCheck.tandem, rosterCheck.raw)}`);
    const statementsFirst10 = await sqlStatements(
      tandem.url + '/graphql',
      JSON.stringify({ query: rosterQuery(10) }),
      await bearer(tokens, coach),
    );
    ctx.progress(
      `roster: Tandem and raw answer the same ${tandemNames.length} clients (identical JSON); SQL statements first 10 / ${ROSTER_FIRST}: ${statementsFirst10} / ${rosterCheck.statements}`,
    );
    const roster = await measurePage(run, {
      page: 'roster',
      tandemUrl: tandem.url + '/graphql',
      rawUrl: raw.url + '/roster',
      body: rosterBody,
      headers: () => bearer(tokens, coach),
      statements: (url, headers) => sqlStatements(url, rosterBody, headers),
    });
    sections.push({
      name: `API: a coach's roster page, clients(first: ${ROSTER_FIRST}) with 5 nested fields (coach with ${dataset.coach.clients} clients, ${dataset.counts.client} in the practice); medians of ${rounds} interleaved rounds`,
      rows: roster.rows.map((row) => ({
        ...row,
        'SQL first 10/100': String(row.server).startsWith('Tandem') ? `${statementsFirst10}/${rosterCheck.statements}` : '1/1',
      })),
      details: { ...settings, perRound: roster.records },
    });

    // The client portal: the whole JSON identical.
    const portalBody = JSON.stringify({ query: PORTAL_QUERY, variables: { from: new Date().toISOString() } });
    const portalCheck = await compareAnswers(tandem.url + '/graphql', raw.url + '/portal', portalBody, await bearer(tokens, client));
    if (!portalCheck.identical)
      throw new Error(`portal: Tandem and the raw server disagree: ${firstDifference(portalCheck.tandem, portalCheck.raw)}`);
    const portalAnswer = portalCheck.tandem as PortalAnswer;
    ctx.progress(
      `portal: Tandem and raw answer the same ${portalAnswer.data.myActionItems.edges.length} action items and ${portalAnswer.data.sessions.edges.length} sessions (identical JSON)`,
    );
    const portal = await measurePage(run, {
      page: 'portal',
      tandemUrl: tandem.url + '/graphql',
      rawUrl: raw.url + '/portal',
      body: portalBody,
      headers: () => bearer(tokens, client),
      statements: (url, headers) => sqlStatements(url, portalBody, headers),
    });
    sections.push({
      name: `API: a client's portal page, myActionItems(first: 50) + sessions(from: now, first: 10) in one request; medians of ${rounds} interleaved rounds`,
      rows: portal.rows,
      details: { ...settings, perRound: portal.records },
    });

    sections.push(targetsSection(roster, statementsFirst10, rosterCheck.statements, portal, busyLoad));
  } finally {
    await raw?.close();
    await tandem.close();
  }

  sections.push(await benchPlanner(ctx, plannerShape(datasetShape(ctx.scale), options.plannerEngagements), plannerDatabase, options));
  if (options.dropApiDatabase) await adminQuery(ctx.adminUrl, `DROP DATABASE IF EXISTS ${apiDatabase} WITH (FORCE)`);
  return sections;
}

/** BENCH_ROUND_SECONDS, when set: seconds of load per server per round. */
function roundSeconds(text: string | undefined): number | undefined {
  if (!text?.trim()) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`BENCH_ROUND_SECONDS must be a positive number (got "${text}")`);
  return value;
}

// ---------------------------------------------------------------------------
// The servers
// ---------------------------------------------------------------------------

export interface TandemServer {
  app: INestApplication;
  config: AppConfig;
  url: string;
  close(): Promise<void>;
}

/**
 * The real API app, configured as production runs it, on `databaseUrl` (listening on 127.0.0.1,
 * or only initialised); `webAppDir` serves a build of the web app too.
 */
export async function startTandem(databaseUrl: string, listen: boolean, options: { webAppDir?: string } = {}): Promise<TandemServer> {
  const config = loadConfig({
    NODE_ENV: 'production',
    JWT_SECRET,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    LOG_FORMAT: 'json',
    DATABASE_POOL_SIZE: String(POOL_SIZE),
  });
  const runtime: Runtime = {
    config,
    logger: pino({ level: 'silent' }),
    databaseUrl,
    databaseLabel: 'bench database',
    migrations: ALL_MIGRATIONS,
    stop: async () => undefined,
  };
  const app = await createApiApp(runtime, { runWorker: false, schemaFile: false, webAppDir: options.webAppDir });
  let url = '';
  if (listen) {
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
  } else {
    await app.init();
  }
  return { app, config, url, close: () => app.close() };
}

/** Access tokens of a live session (a refresh-token family with an unrevoked token), as log-in makes them. */
export interface BenchTokens {
  issue(actor: Actor): Promise<{ token: string }>;
}

/** `query` runs SQL on the bench database (the app's own connection, or a client of the caller's). */
export function benchTokens(tokens: AccessTokenService, query: (sql: string, values: unknown[]) => Promise<unknown>): BenchTokens {
  return {
    async issue(actor) {
      const sessionId = randomUUID();
      await query(
        `INSERT INTO refresh_token (practice_id, user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, now() + interval '1 day')`,
        [actor.practiceId, actor.userId, sessionId, randomBytes(32).toString('hex')],
      );
      return tokens.issue(actor, sessionId);
    },
  };
}

export async function bearer(tokens: BenchTokens, actor: Actor): Promise<Record<string, string>> {
  const { token } = await tokens.issue(actor);
  return { 'content-type': 'application/json', authorization: `Bearer ${token}` };
}

async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; statements: number; json: unknown; text: string }> {
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // reported below
  }
  return { status: response.status, statements: Number(response.headers.get('x-sql-statements') ?? NaN), json, text };
}

async function sqlStatements(url: string, body: string, headers: Record<string, string>): Promise<number> {
  const answer = await post(url, body, headers);
  assertAnswer(url, answer);
  return answer.statements;
}

function assertAnswer(url: string, answer: { status: number; json: unknown; text: string }): void {
  const errors = (answer.json as { errors?: unknown } | null)?.errors;
  if (answer.status !== 200 || errors || !(answer.json as { data?: unknown } | null)?.data) {
    throw new Error(`${url} answered ${answer.status}: ${answer.text.slice(0, 500)}`);
  }
}

async function compareAnswers(tandemUrl: string, rawUrl: string, body: string, headers: Record<string, string>) {
  const [tandem, raw] = [await post(tandemUrl, body, headers), await post(rawUrl, body, headers)];
  assertAnswer(tandemUrl, tandem);
  assertAnswer(rawUrl, raw);
  return {
    tandem: tandem.json,
    raw: raw.json,
    identical: JSON.stringify(tandem.json) === JSON.stringify(raw.json),
    statements: tandem.statements,
  };
}

function firstDifference(a: unknown, b: unknown): string {
  const left = JSON.stringify(a);
  const right = JSON.stringify(b);
  let i = 0;
  while (i < left.length && left[i] === right[i]) i += 1;
  return `Tandem …${left.slice(Math.max(0, i - 80), i + 80)}… vs raw …${right.slice(Math.max(0, i - 80), i + 80)}…`;
}

interface RosterAnswer {
  data: { clients: { edges: Array<{ node: { name: string } }> } };
}

interface PortalAnswer {
  data: { myActionItems: { edges: unknown[] }; sessions: { edges: unknown[] } };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function datasetSection(dataset: BenchDataset): BenchSection {
  const c = dataset.counts;
  return {
    name: `API data set (${dataset.shape.coaches} coaches × ${dataset.shape.clientsPerCoach} clients; ${dataset.seeded ? `built in ${dataset.seconds.toFixed(1)} s` : `reused, seeded ${dataset.seededAt}`})`,
    rows: [
      { table: 'app_user (owner, coaches, client log-ins)', rows: c.app_user ?? 0 },
      { table: 'client', rows: c.client ?? 0 },
      { table: 'engagement (ACTIVE, monthly/quarterly)', rows: c.engagement ?? 0 },
      { table: 'coaching_session (past year COMPLETED + next 12 months)', rows: c.coaching_session ?? 0 },
      { table: 'action_item (5 per client)', rows: c.action_item ?? 0 },
      { table: 'goal (2 per client)', rows: c.goal ?? 0 },
      { table: 'goal_check_in (3 per goal)', rows: c.goal_check_in ?? 0 },
    ],
    details: {
      database: dataset.url.replace(/\/\/[^@]*@/, '//'),
      seeded: dataset.seeded,
      seconds: dataset.seconds,
      seededAt: dataset.seededAt,
    },
  };
}

// ---------------------------------------------------------------------------
// The planner
// ---------------------------------------------------------------------------

/** The practice the planner works on: the data set's coaches, with fewer clients each when capped. */
function plannerShape(full: DatasetShape, requested: number | undefined): DatasetShape & { of: number } {
  const all = full.coaches * full.clientsPerCoach;
  const fromEnv = process.env.BENCH_API_PLANNER_ENGAGEMENTS?.trim();
  const wanted = requested ?? (fromEnv === 'all' ? all : fromEnv ? Number(fromEnv) : PLANNER_DEFAULT_ENGAGEMENTS);
  if (!Number.isFinite(wanted) || wanted < 1)
    throw new Error(`BENCH_API_PLANNER_ENGAGEMENTS must be "all" or a positive number (got ${fromEnv})`);
  if (wanted >= all) return { ...full, of: all };
  const coaches = Math.min(full.coaches, wanted);
  return { coaches, clientsPerCoach: Math.max(1, Math.round(wanted / coaches)), of: all };
}

/**
 * EngagementService.planSessions for every engagement of a practice with no
 * sessions yet (phase 1), then again after one bulk UPDATE changed every
 * engagement's cadence (phase 2). Engagements go through db.transaction in
 * batches, a few batches at a time, as a bulk job inside the API would run them;
 * each call also runs CoachingEvents.sessionsChanged, which writes the outbox
 * email rows (reminders, prep) in the same transaction.
 */
export async function benchPlanner(
  ctx: BenchContext,
  shape: DatasetShape & { of?: number },
  name: string,
  options: ApiBenchOptions,
): Promise<BenchSection> {
  const batchSize = options.plannerBatchSize ?? 50;
  const concurrency = options.plannerConcurrency ?? 4;
  const count = shape.coaches * shape.clientsPerCoach;
  const of = shape.of ?? count;
  ctx.progress(`planner: building ${name} (${count} engagements${of > count ? ` of the data set's ${of}` : ''}, no sessions)`);
  const url = await benchDatabase(ctx, name, { fresh: true });
  await seedPractice(url, shape, { activity: false, chunkClients: 2500, progress: ctx.progress, label: 'planner data set' });
  await adminQuery(url, 'VACUUM ANALYZE');
  const tandem = await startTandem(url, false);
  const rows: Array<Record<string, string | number | null>> = [];
  try {
    const service = tandem.app.get(EngagementService);
    const db = tandem.app.get(Db);
    const load = () => db.manager.find(Engagement, { order: { id: 'ASC' } });

    const before = await plannerCounts(url);
    const first = await planAll(ctx, 'plan a year', service, db, await load(), batchSize, concurrency);
    const afterFirst = await plannerCounts(url);
    rows.push(plannerRow('plan 12 months (no sessions yet)', first, before, afterFirst, of > count ? of : null));

    const updateStarted = Date.now();
    const [changed] = await adminQuery<{ n: number }>(
      url,
      `WITH changed AS (
         UPDATE engagement
            SET cadence_frequency = CASE cadence_frequency WHEN 'MONTHLY' THEN 'QUARTERLY' ELSE 'MONTHLY' END,
                cadence_local_time = lpad(((split_part(cadence_local_time, ':', 1)::int + 1) % 24)::text, 2, '0') || ':' || split_part(cadence_local_time, ':', 2),
                updated_at = now()
          WHERE status = 'ACTIVE'
         RETURNING 1)
       SELECT count(*)::int AS n FROM changed`,
    );
    const updateSeconds = (Date.now() - updateStarted) / 1000;
    rows.push({
      phase: 'change every cadence (one UPDATE)',
      engagements: changed?.n ?? 0,
      'sessions created': null,
      'sessions cancelled': null,
      'emails planned': null,
      'emails withdrawn': null,
      seconds: round(updateSeconds, 2),
      'engagements/s': null,
      ...(of > count ? { [`projected ${of} (s)`]: null } : {}),
      'host load': null,
    });
    const second = await planAll(ctx, 're-plan', service, db, await load(), batchSize, concurrency);
    const afterSecond = await plannerCounts(url);
    rows.push(plannerRow('re-plan after the change', second, afterFirst, afterSecond, of > count ? of : null));
  } finally {
    await tandem.close();
    await adminQuery(ctx.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  return {
    name:
      `Planner: EngagementService.planSessions for ${of > count ? `${count} of the ${of} engagements (time budget; rate × ${of} projected)` : `all ${count} engagements`}, ` +
      `${batchSize} per db.transaction, ${concurrency} transactions at once; includes CoachingEvents.sessionsChanged (outbox email rows)`,
    rows,
    details: { engagements: count, dataSetEngagements: of, batchSize, concurrency },
  };
}

interface PlanRun {
  engagements: number;
  seconds: number;
}

async function planAll(
  ctx: BenchContext,
  label: string,
  service: EngagementService,
  db: Db,
  engagements: Engagement[],
  batchSize: number,
  concurrency: number,
): Promise<PlanRun> {
  const now = new Date();
  const batches: Engagement[][] = [];
  for (let i = 0; i < engagements.length; i += batchSize) batches.push(engagements.slice(i, i + batchSize));
  let next = 0;
  let done = 0;
  let lastReport = Date.now();
  const started = Date.now();
  ctx.progress(`planner: ${label}: ${engagements.length} engagements …`);
  const worker = async () => {
    for (let batch = batches[next++]; batch; batch = batches[next++]) {
      const current = batch;
      await db.transaction(async () => {
        for (const engagement of current) await service.planSessions(engagement, now);
      });
      done += current.length;
      if (Date.now() - lastReport >= 5000) {
        lastReport = Date.now();
        const seconds = (Date.now() - started) / 1000;
        ctx.progress(
          `planner: ${label}: ${done}/${engagements.length} engagements (${seconds.toFixed(0)} s, ${(done / seconds).toFixed(0)}/s)`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  const seconds = (Date.now() - started) / 1000;
  ctx.progress(`planner: ${label}: ${engagements.length} engagements in ${seconds.toFixed(1)} s`);
  return { engagements: engagements.length, seconds };
}

interface PlannerCounts {
  scheduled: number;
  cancelled: number;
  pending: number;
  withdrawn: number;
  sessions: number;
}

async function plannerCounts(url: string): Promise<PlannerCounts> {
  const [row] = await adminQuery<PlannerCounts>(
    url,
    `SELECT (SELECT count(*)::int FROM coaching_session) AS sessions,
            (SELECT count(*)::int FROM coaching_session WHERE status = 'SCHEDULED') AS scheduled,
            (SELECT count(*)::int FROM coaching_session WHERE status = 'CANCELLED') AS cancelled,
            (SELECT count(*)::int FROM notification) AS pending,
            (SELECT count(*)::int FROM notification WHERE status = 'CANCELLED') AS withdrawn`,
  );
  return row;
}

/** `projectTo`: the data set's engagement count when the planner worked on fewer (the rate projected to all of them). */
function plannerRow(
  phase: string,
  run: PlanRun,
  before: PlannerCounts,
  after: PlannerCounts,
  projectTo: number | null,
): Record<string, string | number | null> {
  return {
    phase,
    engagements: run.engagements,
    'sessions created': after.sessions - before.sessions,
    'sessions cancelled': after.cancelled - before.cancelled,
    'emails planned': after.pending - before.pending,
    'emails withdrawn': after.withdrawn - before.withdrawn,
    seconds: round(run.seconds, 1),
    'engagements/s': round(run.engagements / run.seconds, 0),
    ...(projectTo ? { [`projected ${projectTo} (s)`]: round((projectTo * run.seconds) / run.engagements, 0) } : {}),
    'host load': round(os.loadavg()[0], 1),
  };
}
