import pg from 'pg';
import { ACTION_TITLES, ENGAGEMENT_TITLES, FIRST_NAMES, GOAL_TITLES, LAST_NAMES, ROLES, THEMES, ZONES } from './dataset-content.js';
import { adminQuery } from './support/bench-context.js';

/**
 * How the API benchmark's data set is written: one practice, `coaches` coaches with
 * `clientsPerCoach` clients each (50 × 200 = 10,000 at scale 1). Every client has
 * an ACTIVE engagement (monthly or quarterly, day-of-month or "n-th weekday",
 * in one of a dozen zones), a year of COMPLETED sessions with private notes and a
 * published summary, the next 12 months of SCHEDULED sessions, five action items
 * (two closed, up to three OPEN: overdue, due within two days, later or undated)
 * and two goals with three check-ins each.
 *
 * Everything is written with INSERT … SELECT over generate_series, a chunk of
 * clients per statement, with ids derived from (kind, number) so related rows are
 * written without reading anything back. No notification rows are written.
 */

export const BENCH_EMAIL_DOMAIN = 'bench.tandem.test';

export interface DatasetShape {
  coaches: number;
  clientsPerCoach: number;
}

export function datasetShape(scale: number): DatasetShape {
  return { coaches: Math.max(1, Math.round(50 * scale)), clientsPerCoach: Math.max(1, Math.round(200 * scale)) };
}

/** Rows written for the whole practice at `shape` (sessions depend on the cadence mix). */
export interface SeedOptions {
  /** Sessions, action items, goals and check-ins too (false: practice, people and engagements only, for the planner). */
  activity: boolean;
  /** Clients per INSERT … SELECT. */
  chunkClients?: number;
  progress?: (message: string) => void;
  /** Label for progress lines. */
  label?: string;
}

const COUNTED_TABLES = ['app_user', 'client', 'engagement', 'coaching_session', 'action_item', 'goal', 'goal_check_in'] as const;

export async function countRows(url: string): Promise<Record<string, number>> {
  const sql = COUNTED_TABLES.map((table) => `SELECT '${table}' AS t, count(*)::int AS n FROM ${table}`).join(' UNION ALL ');
  const rows = await adminQuery<{ t: string; n: number }>(url, sql);
  return Object.fromEntries(rows.map((row) => [row.t, row.n]));
}

/**
 * Deterministic helpers for one seeding session: a v4-shaped uuid for (kind, n),
 * so related rows find each other without a read; a well-mixed non-negative
 * number for (kind, n), so every coach's roster gets every variant (plain
 * `g % k` would hand coach 1, with clients 1, 51, 101 …, a single one); and a pick
 * from an array by that number.
 */
const SESSION_FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION pg_temp.bench_uuid(kind text, n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
     SELECT (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18, 15))::uuid FROM md5(kind || ':' || n) AS h
   $$`,
  `CREATE OR REPLACE FUNCTION pg_temp.bench_hash(kind text, n bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
     SELECT hashtext(kind || ':' || n)::bigint & 2147483647
   $$`,
  `CREATE OR REPLACE FUNCTION pg_temp.bench_pick(kind text, n bigint, options text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$
     SELECT options[1 + (hashtext(kind || ':' || n)::bigint & 2147483647) % cardinality(options)]
   $$`,
];

/**
 * Writes the practice at `shape` into an empty migrated database. Client number g
 * (1-based) belongs to coach ((g - 1) mod coaches) + 1, so every coach's roster
 * mixes zones, cadences and names.
 */
export async function seedPractice(url: string, shape: DatasetShape, options: SeedOptions): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url, application_name: 'tandem-bench-seed' });
  await client.connect();
  const label = options.label ?? 'seed';
  const total = shape.coaches * shape.clientsPerCoach;
  const chunk = Math.max(1, options.chunkClients ?? 1000);
  const started = Date.now();
  try {
    await client.query('SET synchronous_commit = off');
    for (const sql of SESSION_FUNCTIONS) await client.query(sql);
    await client.query(
      `INSERT INTO practice (id, name, time_zone, created_at) VALUES (pg_temp.bench_uuid('practice', 1), 'Bench Career Partners', 'Europe/London', now() - interval '3 years')`,
    );
    // An owner and the coaches (coach n has id bench_uuid('coach', n)).
    await client.query(
      `INSERT INTO app_user (id, practice_id, email, name, role, time_zone, created_at)
       SELECT pg_temp.bench_uuid('owner', 1), pg_temp.bench_uuid('practice', 1), 'owner@${BENCH_EMAIL_DOMAIN}', 'Bench Owner', 'OWNER', 'Europe/London', now() - interval '3 years'
       UNION ALL
       SELECT pg_temp.bench_uuid('coach', n), pg_temp.bench_uuid('practice', 1), 'coach' || n || '@${BENCH_EMAIL_DOMAIN}',
              'Coach ' || ($2::text[])[1 + (n * 7) % cardinality($2::text[])] || ' ' || ($3::text[])[1 + (n * 3) % cardinality($3::text[])],
              'COACH', ($4::text[])[1 + n % cardinality($4::text[])], now() - interval '3 years'
         FROM generate_series(1, $1::int) AS n`,
      [shape.coaches, FIRST_NAMES, LAST_NAMES, ZONES],
    );
    for (let lo = 1; lo <= total; lo += chunk) {
      const hi = Math.min(total, lo + chunk - 1);
      await client.query('BEGIN');
      await insertPeople(client, lo, hi, shape.coaches);
      await insertEngagements(client, lo, hi);
      if (options.activity) {
        await insertSessions(client, lo, hi);
        await insertGoals(client, lo, hi, shape.coaches);
        await insertActionItems(client, lo, hi, shape.coaches);
      }
      await client.query('COMMIT');
      options.progress?.(`${label}: clients ${hi}/${total} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  return countRows(url);
}

/** Each client also has a log-in (a CLIENT user), as after an accepted invite. */
async function insertPeople(client: pg.Client, lo: number, hi: number, coaches: number): Promise<void> {
  const name = `pg_temp.bench_pick('first', g, $3::text[]) || ' ' || pg_temp.bench_pick('last', g, $4::text[])`;
  await client.query(
    `INSERT INTO app_user (id, practice_id, email, name, role, time_zone, created_at)
     SELECT pg_temp.bench_uuid('client-user', g), pg_temp.bench_uuid('practice', 1), 'client' || g || '@${BENCH_EMAIL_DOMAIN}',
            ${name}, 'CLIENT', pg_temp.bench_pick('zone', g, $5::text[]), now() - interval '400 days'
       FROM generate_series($1::int, $2::int) AS g`,
    [lo, hi, FIRST_NAMES, LAST_NAMES, ZONES],
  );
  await client.query(
    `INSERT INTO client (id, practice_id, coach_id, user_id, name, email, time_zone, status, "current_role", target_role, tags, created_at)
     SELECT pg_temp.bench_uuid('client', g), pg_temp.bench_uuid('practice', 1), pg_temp.bench_uuid('coach', (g - 1) % $6::int + 1),
            pg_temp.bench_uuid('client-user', g), ${name}, 'client' || g || '@${BENCH_EMAIL_DOMAIN}',
            pg_temp.bench_pick('zone', g, $5::text[]), 'ACTIVE',
            pg_temp.bench_pick('role', g, $7::text[]), pg_temp.bench_pick('target', g, $7::text[]),
            ARRAY[pg_temp.bench_pick('tag', g, ARRAY['leadership', 'promotion', 'career-change', 'executive'])]::varchar[],
            now() - interval '400 days'
       FROM generate_series($1::int, $2::int) AS g`,
    [lo, hi, FIRST_NAMES, LAST_NAMES, ZONES, coaches, ROLES],
  );
}

/**
 * One ACTIVE engagement per client, started a year (and up to a month) ago:
 * 60 % monthly, 40 % quarterly; half on a day of the month, half on the n-th
 * (or last) weekday; local times 08:00–16:45 in the client's zone.
 */
async function insertEngagements(client: pg.Client, lo: number, hi: number): Promise<void> {
  await client.query(
    `INSERT INTO engagement (id, practice_id, client_id, coach_id, title, phase, status, start_date, session_minutes,
                             cadence_frequency, cadence_anchor_kind, cadence_day, cadence_ordinal, cadence_weekday,
                             cadence_local_time, cadence_time_zone, created_at)
     SELECT pg_temp.bench_uuid('engagement', g), c.practice_id, c.id, c.coach_id,
            pg_temp.bench_pick('title', g, $3::text[]),
            (ARRAY['DISCOVER', 'PLAN', 'ACT'])[1 + h % 3], 'ACTIVE',
            current_date - 365 - (h / 3 % 30)::int, (ARRAY[45, 60, 60, 90])[1 + h / 7 % 4],
            CASE WHEN h / 11 % 5 < 2 THEN 'QUARTERLY' ELSE 'MONTHLY' END,
            CASE WHEN h / 13 % 2 = 0 THEN 'DAY_OF_MONTH' ELSE 'ORDINAL_WEEKDAY' END,
            CASE WHEN h / 13 % 2 = 0 THEN 1 + h / 17 % 28 END,
            CASE WHEN h / 13 % 2 = 1 THEN (ARRAY[1, 2, 3, 4, -1])[1 + h / 17 % 5] END,
            CASE WHEN h / 13 % 2 = 1 THEN 1 + h / 19 % 5 END,
            lpad((8 + h / 23 % 9)::text, 2, '0') || ':' || (ARRAY['00', '15', '30', '45'])[1 + h / 29 % 4],
            c.time_zone, now() - interval '366 days'
       FROM generate_series($1::int, $2::int) AS g
       CROSS JOIN LATERAL (SELECT pg_temp.bench_hash('engagement', g) AS h) AS r
       JOIN client c ON c.id = pg_temp.bench_uuid('client', g)`,
    [lo, hi, ENGAGEMENT_TITLES],
  );
}

/**
 * The cadence's occurrences from the month after the start date until 12 months
 * from now, in the client's zone: past ones COMPLETED (notes, a published
 * summary), future ones SCHEDULED (with an agenda).
 */
async function insertSessions(client: pg.Client, lo: number, hi: number): Promise<void> {
  await client.query(
    `INSERT INTO coaching_session (practice_id, client_id, engagement_id, coach_id, sequence, starts_at, time_zone, duration_minutes,
                                   status, agenda, private_notes, shared_summary, summary_published_at, completed_at, created_at)
     SELECT o.practice_id, o.client_id, o.id, o.coach_id,
            row_number() OVER (PARTITION BY o.id ORDER BY o.starts_at),
            o.starts_at, o.cadence_time_zone, o.session_minutes,
            CASE WHEN o.starts_at < now() THEN 'COMPLETED' ELSE 'SCHEDULED' END,
            CASE WHEN o.starts_at >= now() THEN 'Review the open action items; then ' || ($3::text[])[1 + o.k % cardinality($3::text[])] || '.' END,
            CASE WHEN o.starts_at < now() THEN 'Energy good. Stuck on ' || ($3::text[])[1 + (o.k + 3) % cardinality($3::text[])] || '; push on it next time.' END,
            CASE WHEN o.starts_at < now() THEN 'We worked on ' || ($3::text[])[1 + o.k % cardinality($3::text[])] || ' and agreed two actions for the coming weeks.' END,
            CASE WHEN o.starts_at < now() THEN o.starts_at + interval '1 day' END,
            CASE WHEN o.starts_at < now() THEN o.starts_at + make_interval(mins => o.session_minutes) END,
            least(o.starts_at, now()) - interval '30 days'
       FROM (
         SELECT e.*, x.k, ((x.d + e.cadence_local_time::time) AT TIME ZONE e.cadence_time_zone) AS starts_at
           FROM engagement e
           CROSS JOIN LATERAL (
             SELECT m.k,
                    CASE
                      WHEN e.cadence_anchor_kind = 'DAY_OF_MONTH'
                        THEN m.first + (least(e.cadence_day, extract(day FROM m.last)::int) - 1)
                      WHEN e.cadence_ordinal = -1
                        THEN m.last - ((extract(isodow FROM m.last)::int - e.cadence_weekday + 7) % 7)
                      ELSE m.first + ((e.cadence_weekday - extract(isodow FROM m.first)::int + 7) % 7) + (e.cadence_ordinal - 1) * 7
                    END AS d
               FROM (
                 SELECT k, f::date AS first, (f + interval '1 month' - interval '1 day')::date AS last
                   FROM generate_series(0, 25) AS k,
                        LATERAL (SELECT date_trunc('month', e.start_date) + make_interval(months => 1 + k * CASE e.cadence_frequency WHEN 'QUARTERLY' THEN 3 ELSE 1 END) AS f) AS fm
               ) AS m
           ) AS x
          WHERE e.id IN (SELECT pg_temp.bench_uuid('engagement', g) FROM generate_series($1::int, $2::int) AS g)
       ) AS o
      WHERE o.starts_at <= now() + interval '12 months'`,
    [lo, hi, THEMES],
  );
}

/**
 * Two goals per client (ids goal:2g-1 and goal:2g), three check-ins each over the last quarter, by the
 * client's coach; the goals' check-ins are an hour apart at least, so "the latest" is never a tie.
 */
async function insertGoals(client: pg.Client, lo: number, hi: number, coaches: number): Promise<void> {
  await client.query(
    `INSERT INTO goal (id, practice_id, client_id, engagement_id, title, category, horizon, target_date, metric_name, metric_unit,
                       metric_baseline, metric_target, created_at)
     SELECT pg_temp.bench_uuid('goal', 2 * g - 2 + i), pg_temp.bench_uuid('practice', 1), pg_temp.bench_uuid('client', g),
            pg_temp.bench_uuid('engagement', g), pg_temp.bench_pick('goal-title-' || i, g, $3::text[]),
            (ARRAY['CAREER', 'FINANCIAL', 'LEARNING', 'NETWORK', 'LIFE'])[1 + (pg_temp.bench_hash('goal', g) + i) % 5],
            CASE WHEN i = 1 THEN 'ONE_YEAR' ELSE 'THREE_YEARS' END, current_date + 200 + i * 100,
            'Milestones reached', 'of 10', pg_temp.bench_hash('baseline', g) % 3, 10, now() - interval '330 days'
       FROM generate_series($1::int, $2::int) AS g, generate_series(1, 2) AS i`,
    [lo, hi, GOAL_TITLES],
  );
  await client.query(
    `INSERT INTO goal_check_in (practice_id, client_id, goal_id, value, note, recorded_at, recorded_by_id)
     SELECT pg_temp.bench_uuid('practice', 1), pg_temp.bench_uuid('client', g), pg_temp.bench_uuid('goal', 2 * g - 2 + i),
            pg_temp.bench_hash('baseline', g) % 3 + j * (1 + pg_temp.bench_hash('pace-' || i, g) % 3),
            CASE WHEN j = 3 THEN 'Good month: one milestone more.' END,
            now() - make_interval(days => (3 - j) * 30 + 5 + (pg_temp.bench_hash('checked-' || i, g) % 20)::int, hours => i),
            pg_temp.bench_uuid('coach', (g - 1) % $3::int + 1)
       FROM generate_series($1::int, $2::int) AS g, generate_series(1, 2) AS i, generate_series(1, 3) AS j`,
    [lo, hi, coaches],
  );
}

/**
 * Five items per client, agreed in the latest completed session: two closed
 * (done, or dropped for one client in four), then OPEN ones: overdue by 1–5 days
 * (two clients in three; the others have done it), due within two days, and one
 * due in 1–4 weeks (undated for one client in four).
 */
async function insertActionItems(client: pg.Client, lo: number, hi: number, coaches: number): Promise<void> {
  await client.query(
    `INSERT INTO action_item (practice_id, client_id, engagement_id, session_id, goal_id, title, details, due_date, status, completed_at,
                              created_by_id, created_at)
     SELECT pg_temp.bench_uuid('practice', 1), pg_temp.bench_uuid('client', g), pg_temp.bench_uuid('engagement', g), s.id,
            CASE WHEN i IN (3, 4) THEN pg_temp.bench_uuid('goal', 2 * g - 1) END,
            pg_temp.bench_pick('action-' || i, g, $3::text[]),
            CASE WHEN i = 5 THEN 'Keep it short; bring notes to the next session.' END,
            CASE i
              WHEN 1 THEN current_date - 40
              WHEN 2 THEN current_date - 20
              WHEN 3 THEN current_date - (1 + h % 5)::int
              WHEN 4 THEN current_date + (h / 5 % 3)::int
              ELSE CASE WHEN h / 15 % 4 = 0 THEN NULL ELSE current_date + 7 + (h / 60 % 21)::int END
            END,
            CASE WHEN i = 1 OR (i = 3 AND h / 7 % 3 = 0) THEN 'DONE' WHEN i = 2 THEN (CASE WHEN h / 11 % 4 = 0 THEN 'DROPPED' ELSE 'DONE' END) ELSE 'OPEN' END,
            CASE WHEN i = 1 OR (i = 3 AND h / 7 % 3 = 0) OR (i = 2 AND h / 11 % 4 <> 0) THEN now() - make_interval(days => 45 - i * 10) END,
            pg_temp.bench_uuid('coach', (g - 1) % $4::int + 1), now() - make_interval(days => 60 - i)
       FROM generate_series($1::int, $2::int) AS g
       CROSS JOIN LATERAL (SELECT pg_temp.bench_hash('actions', g) AS h) AS r
       CROSS JOIN generate_series(1, 5) AS i
       LEFT JOIN LATERAL (
         SELECT id FROM coaching_session
          WHERE engagement_id = pg_temp.bench_uuid('engagement', g) AND status = 'COMPLETED'
          ORDER BY starts_at DESC LIMIT 1
       ) AS s ON true`,
    [lo, hi, ACTION_TITLES, coaches],
  );
}
